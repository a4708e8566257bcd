"""Category shelves (catalog.documents.shelves): kept by PostgreSQL triggers in the writing transaction.

After every kind of write a shelf depends on (the product's sort keys and visibility, its category links, the tree
and deletions, through the ORM, queryset updates and raw SQL) the stored entries must equal what the category links
give at that moment, and a category page read from the shelf must list what the links list, in the same order.
"""

import datetime

import pytest
from django.db import connection, transaction
from django.utils import timezone

from catalog.category_pages import CategoryKeys, _category_keys, shelf_brands, shelf_count, shelf_of
from catalog.models import PUBLICLY_LISTED, Category, Product, ShelfEntry
from catalog.views import SORTS
from tests.threads import run_in_threads

from .factories import BrandFactory, CategoryFactory, ProductFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]
KEYS = ("position", "created_at", "price_cents", "title", "brand_id")


def derived() -> set[tuple]:
    """Every entry the shelves should hold, derived from the products, their links and the tree in Python."""
    parents = dict(Category.objects.values_list("pk", "parent_id"))
    entries = set()
    for product in Product.objects.filter(PUBLICLY_LISTED):
        for category in product.categories.values_list("pk", flat=True):
            while category is not None:
                entries.add((category, product.pk, *(getattr(product, key) for key in KEYS)))
                category = parents[category]
    return entries


def stored() -> set[tuple]:
    return set(ShelfEntry.objects.values_list("category_id", "product_id", *KEYS))


@pytest.fixture
def tree():
    """home > kitchen > cups, and garden; a cup, a kettle in kitchen, a spade in garden."""
    home = CategoryFactory(slug="home")
    kitchen = CategoryFactory(slug="kitchen", parent=home)
    cups = CategoryFactory(slug="cups", parent=kitchen)
    garden = CategoryFactory(slug="garden")
    cup = ProductFactory(title="Cup", categories=[cups], price_cents=500)
    kettle = ProductFactory(title="Kettle", categories=[kitchen], price_cents=3000, brand=BrandFactory(slug="oak"))
    spade = ProductFactory(title="Spade", categories=[garden], price_cents=1500)
    return {name: value for name, value in locals().items()}


def titles_on(category: Category) -> set[str]:
    return set(
        Product.objects.filter(pk__in=ShelfEntry.objects.filter(category=category).values("product_id")).values_list(
            "title", flat=True
        )
    )


def test_a_product_stands_on_the_shelves_of_its_categories_and_their_ancestors(tree):
    assert titles_on(tree["home"]) == {"Cup", "Kettle"}
    assert titles_on(tree["kitchen"]) == {"Cup", "Kettle"}
    assert titles_on(tree["cups"]) == {"Cup"}
    assert titles_on(tree["garden"]) == {"Spade"}
    assert stored() == derived()


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(lambda t: Product.objects.filter(pk=t["cup"].pk).update(price_cents=99), id="price by update()"),
        pytest.param(lambda t: Product.objects.filter(pk=t["cup"].pk).update(position=-5), id="position"),
        pytest.param(lambda t: Product.objects.filter(pk=t["cup"].pk).update(title="Mug"), id="title"),
        pytest.param(lambda t: Product.objects.filter(pk=t["cup"].pk).update(brand=BrandFactory()), id="brand"),
        pytest.param(lambda t: t["kettle"].brand.delete(), id="brand deleted"),
        pytest.param(
            lambda t: Product.objects.filter(pk=t["cup"].pk).update(created_at=timezone.now() - datetime.timedelta(9)),
            id="created_at",
        ),
        pytest.param(lambda t: Product.objects.filter(pk=t["cup"].pk).update(status="hidden"), id="hidden"),
        pytest.param(lambda t: Product.objects.filter(pk=t["cup"].pk).update(status="draft"), id="draft"),
        pytest.param(lambda t: Product.objects.filter(pk=t["cup"].pk).update(wholesale_only=True), id="wholesale"),
        pytest.param(lambda t: t["cup"].categories.add(t["garden"]), id="link added"),
        pytest.param(lambda t: t["cup"].categories.remove(t["cups"]), id="link removed"),
        pytest.param(lambda t: t["cup"].categories.set([t["garden"], t["kitchen"]]), id="links set"),
        pytest.param(lambda t: t["kettle"].categories.clear(), id="links cleared"),
        pytest.param(
            lambda t: Product.categories.through.objects.filter(product=t["cup"]).update(category=t["garden"]),
            id="link changed by update()",
        ),
        pytest.param(lambda t: Category.objects.filter(pk=t["kitchen"].pk).update(parent=t["garden"]), id="moved"),
        pytest.param(lambda t: Category.objects.filter(pk=t["kitchen"].pk).update(parent=None), id="made a root"),
        pytest.param(lambda t: t["kitchen"].delete(), id="category deleted"),
        pytest.param(lambda t: t["home"].delete(), id="root deleted"),
        pytest.param(lambda t: t["cup"].delete(), id="product deleted"),
        pytest.param(lambda t: ProductFactory(title="Bowl", categories=[t["cups"], t["kitchen"]]), id="new product"),
    ],
)
def test_every_write_leaves_the_shelves_as_the_links_give_them(tree, write):
    before = stored()

    write(tree)

    after = derived()
    assert after != before  # the write changed what the shelves show
    assert stored() == after


def test_a_product_hidden_and_shown_again_comes_back_with_its_keys(tree):
    Product.objects.filter(pk=tree["cup"].pk).update(status="hidden")
    Product.objects.filter(pk=tree["cup"].pk).update(status="active", price_cents=250)

    assert ("Cup" in titles_on(tree["home"])) and stored() == derived()
    assert set(ShelfEntry.objects.filter(product=tree["cup"]).values_list("price_cents", flat=True)) == {250}


def test_raw_sql_writes_keep_the_shelves_too(tree):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE catalog_product SET price_cents = 7 WHERE id = %s", [tree["spade"].pk])
        cursor.execute("DELETE FROM catalog_product_categories WHERE product_id = %s", [tree["kettle"].pk])

    assert stored() == derived()
    assert titles_on(tree["kitchen"]) == {"Cup"}


def test_a_rolled_back_write_leaves_the_shelves_untouched(tree):
    before = stored()
    with pytest.raises(RuntimeError), transaction.atomic():
        tree["cup"].categories.add(tree["garden"])
        raise RuntimeError("abandoned")

    assert stored() == before


def test_writes_that_show_nothing_on_a_shelf_do_not_touch_it(tree):
    before = set(ShelfEntry.objects.values_list("pk", *KEYS))

    Product.objects.filter(pk=tree["cup"].pk).update(stock_quantity=3, description="<p>Fine.</p>")
    Product.objects.filter(pk=tree["kettle"].pk).update(status="out_of_stock")  # still shown, in the same place
    Category.objects.filter(pk=tree["cups"].pk).update(title="Mugs")

    assert set(ShelfEntry.objects.values_list("pk", *KEYS)) == before


@pytest.mark.parametrize("sort", list(SORTS))
def test_a_category_page_from_the_shelf_lists_what_the_links_list_in_the_same_order(sort):
    home = CategoryFactory(slug="home")
    rooms = [CategoryFactory(parent=home) for _ in range(3)]
    old = timezone.now() - datetime.timedelta(days=3)
    for number in range(40):  # equal prices, positions and dates, so the ties decide the order too
        product = ProductFactory(title=f"Item {number % 7}", price_cents=100 * (number % 5), position=number % 3)
        product.categories.set(rooms[: 1 + number % 3])  # in one, two or three rooms: listed once on home
        if number % 4 == 0:
            Product.objects.filter(pk=product.pk).update(created_at=old)
    ProductFactory(categories=[rooms[0]], status="hidden")
    ordering = SORTS[sort][1]

    from_shelf = CategoryKeys("home", ordering, shelf=home.pk)[0:100]
    from_links = _category_keys(ordering).keys(slice(0, 100), categories=sorted([home.pk, *(r.pk for r in rooms)]))

    assert len(from_shelf) == 40
    assert from_shelf == from_links
    assert CategoryKeys("home", ordering, shelf=shelf_of("home"))[10:20] == from_links[10:20]
    assert CategoryKeys("home", ordering, shelf=None)[0:100] == from_links  # where no shelves are kept


@pytest.mark.django_db(transaction=True)
def test_parallel_link_writes_to_one_product_leave_one_exact_shelf():
    product = ProductFactory()
    categories = [CategoryFactory(parent=CategoryFactory()) for _ in range(8)]

    errors = run_in_threads(lambda category: Product.objects.get(pk=product.pk).categories.add(category), categories)

    assert errors == []
    assert stored() == derived()
    assert ShelfEntry.objects.filter(product=product).count() == 16


def test_a_category_page_counts_and_offers_the_brands_of_its_shelf(client, store_settings, tree):
    Product.objects.filter(pk=tree["cup"].pk).update(brand=BrandFactory(slug="ash"))
    ProductFactory(
        title="Trade kettle", categories=[tree["kitchen"]], brand=BrandFactory(slug="trade"), wholesale_only=True
    )
    BrandFactory(slug="idle")  # no product of the tree
    BrandFactory(slug="retired", active=False).products.add(ProductFactory(categories=[tree["cups"]]))

    assert shelf_count(tree["home"].pk) == 3
    assert {brand["slug"] for brand in shelf_brands(tree["home"].pk)} == {"ash", "oak"}
    assert shelf_brands(tree["garden"].pk) == []
    page = client.get("/category/home").content.decode()
    assert 'value="ash"' in page and 'value="oak"' in page
    assert 'value="idle"' not in page and 'value="trade"' not in page and 'value="retired"' not in page
    assert "Trade kettle" not in page
