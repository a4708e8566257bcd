"""Store pages of the catalog: listings (category, brand, search, new, sales), the product page with its review
form, and the wishlist. Claims and downloads are in catalog.digital.views, the account's reviews in
catalog.reviews.views.

Views read through catalog.queries and catalog.filters, the same code the API lists use, and show prices through
the pricing rule checkout uses (`catalog.pricing.unit_price_cents`), so a page never quotes a price checkout would
not charge. Reviews go through catalog.reviews.services exactly as the API's do. The wishlist is a list of product
public ids in the session: no model, nothing to clean up for guests. `page_viewer` is re-exported for the store's
own pages.

A listing page's cost is mostly its fixed parts, so they are shared: the count and brand choices for a minute per
listing, viewer and filters (`_listing_facts`), the category row and the navigation links per process, and a
public category page's keys, count and brands from the category's shelf (catalog.category_pages).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import cached_property
from django.utils.html import linebreaks
from django.views.decorators.http import require_POST

from shopplatform.errors import ShopError
from shopplatform.money import InvalidAmount, parse_amount
from shopplatform.query_cache import answer_key, cached_many, keep_many
from shopplatform.store.context_processors import current_store

from . import option_picker
from .availability import availability
from .cards import card_products, cards_of, grid_cards, price_tag, product_cards
from .category_pages import (
    CategoryKeys,
    brand_choices,
    is_public_category_page,
    shelf_brands,
    shelf_count,
    shelf_of,
)
from .digital.ownership import owns_product
from .digital.queries import versions_of
from .filters import filter_products
from .models import Brand, Category
from .pages import public_product
from .queries import (
    TOP_CATEGORIES,
    Viewer,
    active_category,
    ancestors,
    category_tree,
    children,
    option_groups_of,
    page_viewer,
    variants_with_options,
    visible_products,
)
from .reviews import services as review_services
from .reviews.forms import ReviewForm, review_form_for
from .reviews.queries import reviews_of
from .search import plan_search

DEFAULT_PER_PAGE = 24
SUGGESTED_PRODUCTS = 4
LISTING_CACHE_SECONDS = 60
WISHLIST_SESSION_KEY = "wishlist"
WISHLIST_LIMIT = 100
REVIEWS_SHOWN = 10
SORTS = {
    "position": ("Featured", "position"),
    "newest": ("Newest", "-created_at"),
    "price": ("Price: low to high", "price"),
    "-price": ("Price: high to low", "-price"),
    "title": ("Name", "title"),
}


@dataclass(frozen=True)
class CategoryLink:
    """A category as navigation shows it: its title and the address of its page."""

    slug: str
    title: str
    url: str


_held_links: tuple[list[Category] | None, tuple, list[CategoryLink]] = (None, (), [])


def top_categories() -> list[CategoryLink]:
    """The navigation's categories with their addresses, reversed once per copy of the categories (every store
    page shows them; a `{% url %}` per category and page was a tenth of a listing's rendering)."""
    global _held_links
    categories = TOP_CATEGORIES.get()
    routing = (get_urlconf(), settings.ROOT_URLCONF, get_script_prefix())
    held_categories, held_routing, links = _held_links
    if held_categories is not categories or held_routing != routing:  # a new copy: the rows may have changed
        links = [
            CategoryLink(category.slug, category.title, reverse("catalog:category", args=[category.slug]))
            for category in categories
        ]
        _held_links = (categories, routing, links)
    return links


def wishlist_ids(request) -> list[str]:
    return list(request.session.get(WISHLIST_SESSION_KEY, []))


class ListingForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label="Search")
    brand = forms.SlugField(required=False)
    price_min = forms.DecimalField(required=False, min_value=0, max_digits=12, label="Min price")
    price_max = forms.DecimalField(required=False, min_value=0, max_digits=12, label="Max price")
    sort = forms.ChoiceField(required=False, choices=[(key, label) for key, (label, _) in SORTS.items()])

    def filter_data(self, currency: str) -> dict:
        """The ProductFilter parameters of this form: prices in cents, sort as an ordering."""
        data = {"q": self.cleaned_data.get("q", ""), "brand": self.cleaned_data.get("brand", "")}
        for name in ("price_min", "price_max"):
            value = self.cleaned_data.get(name)
            if value is not None:
                try:
                    data[name] = parse_amount(value, currency, param=name)
                except InvalidAmount as exc:
                    self.add_error(name, exc.detail)
        sort = self.cleaned_data.get("sort")
        if sort or not self.cleaned_data.get("q"):  # a search without a chosen sort keeps relevance order
            data["ordering"] = SORTS[sort or "position"][1]
        return {key: value for key, value in data.items() if value not in ("", None)}


class SharedCountPaginator(Paginator):
    """Pages of a listing whose total is known already (shared by its pages and sorts, `_listing_facts`)."""

    def __init__(self, object_list, per_page, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self.shared_count = count

    @cached_property
    def count(self) -> int:
        return self.shared_count


PLAIN_QUERY = {"page", "sort"}  # what most listing URLs carry: nothing for the form to check but the sort


def _chosen_filters(request, currency: str) -> tuple[dict, dict, dict]:
    """The ProductFilter parameters of the query string, the values the filter form shows (as typed) and its errors
    by field. A query of only a page and a known sort (most listing URLs) skips building and cleaning ListingForm."""
    query = request.GET
    shown = {name: query.get(name, "") for name in ListingForm.base_fields}
    if set(query) <= PLAIN_QUERY and (shown["sort"] in SORTS or not shown["sort"]):
        return {"ordering": SORTS[shown["sort"] or "position"][1]}, shown, {}
    form = ListingForm(query)
    form.is_valid()  # invalid fields are reported and ignored; the rest still filter
    data = form.filter_data(currency)  # may add errors (an amount the currency cannot hold)
    return data, shown, {name: list(errors) for name, errors in form.errors.items()}


def _listing_facts(
    *, listing: str, viewer: Viewer, products: Callable[[], QuerySet], data: dict, scope: dict, shelf: int | None
):
    """The product count of the filtered listing and the brand choices of its scope, shared for
    LISTING_CACHE_SECONDS: every page and sort of a listing shows the same ones, read in one cache round trip. A
    public category page with a `shelf` reads both from it (catalog.category_pages).

    Keyed by what they show (the listing, who looks, its filters; no ordering), not by compiled SQL: compiling the
    two querysets cost more than the answers saved. A cache that is down only costs the sharing.
    """
    filters = sorted((name, value) for name, value in data.items() if name != "ordering")
    keys = {
        "count": answer_key("listing-count", (listing, viewer, filters)),
        "brands": answer_key("listing-brands", (listing, viewer, sorted(scope.items()))),
    }
    found = cached_many(list(keys.values()))
    missing = {}
    count = found.get(keys["count"])
    if count is None and shelf is not None:
        count = missing[keys["count"]] = shelf_count(shelf)
    elif count is None:
        filtered = filter_products(products(), data)
        count = filtered.count()
        if _can_match(filtered):
            missing[keys["count"]] = count
    brands = found.get(keys["brands"])
    if brands is None and shelf is not None:
        brands = missing[keys["brands"]] = shelf_brands(shelf)
    elif brands is None:
        matching = filter_products(products(), scope)
        chosen = Brand.objects.filter(active=True, pk__in=matching.values("brand_id"))
        brands = brand_choices(chosen.values_list("slug", "title"))
        if _can_match(matching):
            missing[keys["brands"]] = brands
    if missing:
        keep_many(missing, LISTING_CACHE_SECONDS)
    return count, brands


def _can_match(queryset) -> bool:
    """False for a filter that matches nothing by construction (a category this process's tree does not know yet):
    its empty answer is not shared, so the listing shows its products as soon as the tree does."""
    try:
        queryset.query.sql_with_params()
    except EmptyResultSet:
        return False
    return True


def _listing(
    request,
    *,
    listing: str,
    viewer: Viewer,
    title: str,
    products: Callable[[], QuerySet],
    template_context: dict | None = None,
    base_filters=None,
):
    """Render a filtered, sorted, paged product grid; `base_filters` are fixed filters (category, brand), `listing`
    names which products `products` gives for `viewer` (what shared counts and brand choices are keyed by).
    `products` builds the queryset only when it is needed: a plain category page reads its shelf instead, and
    building the queryset cost it 0.2 ms."""
    store = current_store(request)
    data, shown, errors = _chosen_filters(request, store.currency)
    base_filters = base_filters or {}
    data = {**data, **base_filters}
    scope = {**base_filters, **({"q": data["q"]} if data.get("q") else {})}
    plain = is_public_category_page(viewer, data)  # most category pages
    shelf = shelf_of(data["category"]) if plain else None
    count, brands = _listing_facts(
        listing=listing, viewer=viewer, products=products, data=data, scope=scope, shelf=shelf
    )
    shown_products = (
        CategoryKeys(data["category"], data["ordering"], shelf=shelf) if plain else filter_products(products(), data)
    )
    per_page = store.products_per_page_catalog or DEFAULT_PER_PAGE
    page = SharedCountPaginator(shown_products, per_page, count=count).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    filtered_by = [name for name in ("brand", "price_min", "price_max") if request.GET.get(name, "").strip()]
    context = {
        "filtered_by": filtered_by,  # the empty state offers to drop these, and only when some are set
        "title": title,
        "shown": shown,
        "errors": errors,
        "page": page,
        "cards": cards_of(request, page.object_list) if plain else grid_cards(request, page.object_list),
        "brands": brands,
        "sorts": [(key, label) for key, (label, _) in SORTS.items()],
        "querystring": query.urlencode(),
        **(template_context or {}),
    }
    return render(request, "catalog/listing.html", context)


def category_detail(request, slug: str):
    category = active_category(slug)
    if category is None:
        raise Http404("No such category.")
    tree = category_tree()
    viewer = page_viewer(request)
    return _listing(
        request,
        listing="category",
        viewer=viewer,
        title=category.title,
        products=lambda: card_products(viewer),
        base_filters={"category": category.slug},
        template_context={
            "seo": category,
            "heading_object": category,
            "breadcrumbs": ancestors(category, tree),
            "subcategories": children(category, tree),
        },
    )


def brand_detail(request, slug: str):
    brand = get_object_or_404(Brand, slug=slug, active=True)
    viewer = page_viewer(request)
    return _listing(
        request,
        listing="brand",
        viewer=viewer,
        title=brand.title,
        products=lambda: card_products(viewer),
        base_filters={"brand": brand.slug},
        template_context={"seo": brand, "heading_object": brand},
    )


def search(request):
    """Search results; the plan says how typed words were read ("vase" for "vaze"), suggestions fill an empty page."""
    text = request.GET.get("q", "").strip()[:200]
    viewer = page_viewer(request)
    plan = plan_search(text)

    def products() -> QuerySet:
        return card_products(viewer)

    def suggestions() -> list[dict]:
        popular = products().order_by("-featured", "position", "-created_at")[:SUGGESTED_PRODUCTS]
        return grid_cards(request, popular)

    return _listing(
        request,
        listing="search",
        viewer=viewer,
        title=f"Results for “{text}”" if text else "Search",
        products=products,
        template_context={
            "is_search": True,
            "search_text": text,
            "understood_as": plan.corrections,
            "suggestions": suggestions,  # called by the template only when nothing matched
            "suggested_categories": top_categories,
        },
    )


def new_products(request):
    viewer = page_viewer(request)
    return _listing(
        request, listing="new", viewer=viewer, title="New in", products=lambda: card_products(viewer).filter(new=True)
    )


def sales(request):
    viewer = page_viewer(request)

    def products() -> QuerySet:
        on_sale = Q(promo_price_cents__isnull=False) | Q(variants__promo_price_cents__isnull=False)
        return card_products(viewer).filter(on_sale).distinct()

    return _listing(request, listing="sales", viewer=viewer, title="Sales", products=products)


def product_detail(request, slug: str):
    return _product_page(request, slug)


def _product_page(request, slug: str, *, review_form: ReviewForm | None = None):
    viewer = page_viewer(request)
    product = get_object_or_404(
        visible_products(viewer).select_related("brand").prefetch_related("images", "categories"), slug=slug
    )
    store = current_store(request)
    variants = list(variants_with_options().filter(product=product, active=True))
    groups = list(option_groups_of(product)) if variants else []
    shown = {variant.pk: availability(product, variant, variants) for variant in variants}
    orderable = {pk: item.can_buy for pk, item in shown.items()}
    chosen = option_picker.chosen_variant(groups, variants, request.GET, orderable=orderable)
    money = {"viewer": viewer, "currency": store.currency, "locale": store.locale}
    prices = {variant.pk: price_tag(product, variant, **money) for variant in variants}
    choices = [{"variant": item, "price": prices[item.pk], "availability": shown[item.pk]} for item in variants]
    facts = {
        variant.pk: {
            "price": prices[variant.pk].price,
            "was": prices[variant.pk].was,
            "on_request": prices[variant.pk].on_request,
            "stock": shown[variant.pk].label,
            "level": shown[variant.pk].level,
            "image": option_picker.variant_image(variant),
        }
        for variant in variants
    }
    images = list(product.images.all())
    owns = owns_product(user=request.user, product=product)
    context = {
        "product": product,
        "seo": product,
        "images": images,
        "variants": choices,
        "chosen": chosen,
        "price": price_tag(product, chosen, **money),
        "availability": availability(product, chosen, variants),
        "pickers": option_picker.group_pickers(groups, variants, chosen, orderable=orderable),
        "picker_data": option_picker.picker_data(groups, variants, facts, shown),
        "gallery_lead": option_picker.gallery_lead(product, images, chosen),
        "in_wishlist": product.public_id in wishlist_ids(request),
        "reviews": list(reviews_of(product, sort="newest", with_hidden=False)[:REVIEWS_SHOWN]),
        "max_quantity": 1 if product.stock_sold_single else 99,
        "related": grid_cards(
            request,
            card_products(viewer).filter(categories__in=product.categories.all()).exclude(pk=product.pk).distinct()[:4],
        ),
        "is_digital": versions_of(product, with_beta=False).exists(),
        "owns": owns,
        "review_form": review_form or (review_form_for(request.user, product) if owns else None),
    }
    return render(request, "catalog/product.html", context, status=400 if review_form is not None else 200)


@login_required
@require_POST
def review_post(request, slug: str):
    """Post or replace the buyer's review through the reviews service; errors re-render the page with the input."""
    product = public_product(request, slug)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            _, created = review_services.post_review(
                user=request.user,
                product=product,
                rating=form.cleaned_data["rating"],
                body=linebreaks(form.cleaned_data["body"], autoescape=True),
            )
        except ShopError as exc:
            form.add_error(exc.param if exc.param in form.fields else None, exc.detail)
        else:
            messages.success(request, "Thanks for your review!" if created else "Your review was updated.")
            return redirect(f"{reverse('catalog:product', args=[product.slug])}#reviews-title")
    return _product_page(request, slug, review_form=form)


def wishlist(request):
    ids = wishlist_ids(request)
    products = card_products(page_viewer(request)).filter(public_id__in=ids)
    return render(request, "catalog/wishlist.html", {"cards": product_cards(request, products)})


@require_POST
def wishlist_add(request, slug: str):
    product = public_product(request, slug)
    ids = wishlist_ids(request)
    if product.public_id not in ids:
        request.session[WISHLIST_SESSION_KEY] = [*ids, product.public_id][-WISHLIST_LIMIT:]
    messages.success(request, f"{product.title} is in your wishlist.")
    return redirect("catalog:product", slug=product.slug)


@require_POST
def wishlist_remove(request, slug: str):
    product = public_product(request, slug)
    request.session[WISHLIST_SESSION_KEY] = [item for item in wishlist_ids(request) if item != product.public_id]
    messages.info(request, f"{product.title} was removed from your wishlist.")
    if request.POST.get("next") == "wishlist":
        return redirect("catalog:wishlist")
    return redirect("catalog:product", slug=product.slug)
