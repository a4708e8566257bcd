"""Read side of the catalog: who sees what, and list querysets with everything they embed.

Every list embeds its related rows through a fixed set of prefetches, so a page of 1 or 100 products costs
the same number of queries. Search is catalog.search.
"""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from shopplatform.accounts.models import Customer
from shopplatform.api.scopes import is_staff_caller
from shopplatform.process_copy import KeyedProcessCopy, ProcessCopy

from .models import PUBLIC_STATUSES, PUBLICLY_LISTED, Brand, Category, OptionGroup, Product, Variant

# An `image` media FK and the media holding its bytes: what rendition_urls reads.
IMAGE_JOIN = ("image", "image__duplicate_of")


@dataclass(frozen=True)
class Viewer:
    """What the caller may see: staff keys see everything; wholesale customers also see wholesale data."""

    is_staff: bool = False
    is_wholesale: bool = False

    @classmethod
    def staff_viewer(cls) -> "Viewer":
        return cls(is_staff=True)

    @property
    def sees_wholesale(self) -> bool:
        return self.is_staff or self.is_wholesale


def is_seller(*, user, product: Product) -> bool:
    """True when `user` manages the product's seller account (uploads and yanks its versions)."""
    return bool(user and user.is_authenticated and product.seller_id and product.seller.user_id == user.pk)


def viewer_for(request) -> Viewer:
    """What an API caller sees: staff keys everything, customers with a wholesale account wholesale data too."""
    if is_staff_caller(request):
        return Viewer.staff_viewer()
    if request.auth is None:
        return Viewer()
    return Viewer(is_wholesale=Customer.objects.filter(user=request.user, wholesale=True).exists())


def page_viewer(request) -> Viewer:
    """What a store visitor sees: public products, plus wholesale ones for signed-in wholesale customers."""
    if not request.user.is_authenticated:
        return Viewer()
    return Viewer(is_wholesale=Customer.objects.filter(user=request.user, wholesale=True).exists())


def visible_products(viewer: Viewer) -> QuerySet[Product]:
    products = Product.objects.all()
    if viewer.is_staff:
        return products
    # PUBLICLY_LISTED is also the condition of the public ordering indexes: PostgreSQL uses them for this query.
    return products.filter(status__in=PUBLIC_STATUSES) if viewer.is_wholesale else products.filter(PUBLICLY_LISTED)


def products_for(viewer: Viewer) -> QuerySet[Product]:
    """Visible products with brand, seller, digital listing, categories, images, tags, option groups and variants."""
    return (
        visible_products(viewer)
        .select_related("brand", "seller", "digital__latest_version", "file__duplicate_of")
        .prefetch_related(
            Prefetch("categories", queryset=Category.objects.select_related("parent", *IMAGE_JOIN)),
            "images",  # ProductImage's manager joins each image's media (and the media holding its bytes)
            "tags",
            Prefetch("option_groups", queryset=OptionGroup.objects.prefetch_related("options")),
            Prefetch("variants", queryset=variants_with_options()),
        )
    )


def variants_with_options() -> QuerySet[Variant]:
    return Variant.objects.select_related("option_1", "option_2", "option_3", *IMAGE_JOIN)


def option_groups_of(product: Product) -> QuerySet[OptionGroup]:
    return OptionGroup.objects.filter(product=product).prefetch_related("options")


def with_product_count(rows: QuerySet) -> QuerySet:
    """Categories or brands annotated with `num_products`, their publicly visible products."""
    return rows.annotate(num_products=Count("products", filter=Q(products__status__in=PUBLIC_STATUSES), distinct=True))


def categories_for(viewer: Viewer) -> QuerySet[Category]:
    """Categories (only active ones for the public) with their parent, children and public product count.

    Children carry their image and product count too (one prefetch query for a whole page).
    """
    children = Category.objects.all() if viewer.is_staff else Category.objects.filter(active=True)
    categories = Category.objects.all() if viewer.is_staff else Category.objects.filter(active=True)
    return with_product_count(
        categories.select_related("parent", *IMAGE_JOIN).prefetch_related(
            Prefetch("children", queryset=with_product_count(children.select_related(*IMAGE_JOIN)))
        )
    )


def brands_for(viewer: Viewer) -> QuerySet[Brand]:
    brands = Brand.objects.all() if viewer.is_staff else Brand.objects.filter(active=True)
    return with_product_count(brands.select_related(*IMAGE_JOIN))


def category_tree() -> dict[int, Category]:
    """Every category by pk, with only what breadcrumbs and descendant filters need: one query, kept by the process
    for a few seconds (shopplatform.process_copy; dropped when it writes a category). Read only."""
    return CATEGORY_TREE.get()


def _read_category_tree() -> dict[int, Category]:
    return {
        category.pk: category
        for category in Category.objects.only("pk", "parent_id", "public_id", "slug", "title", "active", "position")
    }


def active_category(slug: str) -> Category | None:
    """The active category a store page is about, whole (SEO fields, description); kept per process like the tree.
    Read only."""
    return ACTIVE_CATEGORIES.get(slug)


def _read_active_category(slug: str) -> Category | None:
    return Category.objects.filter(slug=slug, active=True).first()


def _read_top_categories() -> list[Category]:
    return list(Category.objects.filter(active=True, parent__isnull=True))


CATEGORY_TREE = ProcessCopy(_read_category_tree)
ACTIVE_CATEGORIES = KeyedProcessCopy(_read_active_category)
# The store's navigation: the active top-level categories every store page shows.
TOP_CATEGORIES = ProcessCopy(_read_top_categories)


def ancestors(category: Category, tree: dict[int, Category]) -> list[Category]:
    """Root first, up to the category's parent."""
    chain, node, seen = [], tree.get(category.parent_id), set()
    while node is not None and node.pk not in seen:
        seen.add(node.pk)
        chain.append(node)
        node = tree.get(node.parent_id)
    return list(reversed(chain))


def children(category: Category, tree: dict[int, Category]) -> list[Category]:
    """The active categories right below `category`, in the categories' order."""
    below = [node for node in tree.values() if node.parent_id == category.pk and node.active]
    return sorted(below, key=lambda node: (node.position, node.title, node.pk))


def categories_named(ref: str, tree: dict[int, Category] | None = None) -> set[int]:
    """Pks of the categories whose id or slug is `ref` (one, or none if unknown)."""
    return {
        pk for pk, node in (category_tree() if tree is None else tree).items() if ref in (node.public_id, node.slug)
    }


def category_and_descendants(ref: str) -> set[int]:
    """Pks of the category addressed by id or slug and of every category below it (empty if unknown)."""
    tree = category_tree()
    roots = categories_named(ref, tree)
    children: dict[int, list[int]] = {}
    for pk, node in tree.items():
        children.setdefault(node.parent_id, []).append(pk)
    found, pending = set(), list(roots)
    while pending:
        pk = pending.pop()
        if pk not in found:
            found.add(pk)
            pending.extend(children.get(pk, []))
    return found
