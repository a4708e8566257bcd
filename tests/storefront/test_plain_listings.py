"""Store listings asking only for a category or brand and a sort skip building the filter set
(catalog.filters.filter_products): the same products, in the same order, as through the filter set."""

import pytest
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from catalog.cards import CardGrid
from catalog.views import SORTS
from tests.catalog.factories import BrandFactory, CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db


def titles(client, path: str) -> list[str]:
    html = client.get(path).content.decode()
    grid = html[html.index('<ul class="grid"') : html.index("</ul>", html.index('<ul class="grid"'))]
    return [part.split("</h3>")[0] for part in grid.split('<h3 class="card-title">')[1:]]


@pytest.fixture
def shelf(store, kitchen, brand):
    mugs = CategoryFactory(title="Mugs", slug="mugs", parent=kitchen)  # products below the category count too
    other = BrandFactory(title="Other", slug="other")
    for index, (price, title) in enumerate(
        [(300, "Bowl"), (100, "Cup"), (300, "Ash tray"), (200, "Dish"), (100, "Ewer")]
    ):
        ProductFactory(
            title=title,
            price_cents=price,
            position=index % 2,
            categories=[mugs if index % 2 else kitchen],
            brand=brand if index < 4 else other,
        )
    ProductFactory(title="Elsewhere", categories=[CategoryFactory(title="Garden", slug="garden")], brand=brand)
    return brand


@pytest.mark.parametrize("sort", ["", *SORTS])
@pytest.mark.parametrize("listing", ["/category/kitchen", "/brand/{brand}"])
def test_a_plain_listing_equals_the_filter_set_path(client, shelf, listing, sort):
    path = listing.format(brand=shelf.slug) + (f"?sort={sort}" if sort else "?")
    plain = titles(client, path)
    through_filter_set = titles(client, f"{path}&price_min=0")  # a price bound forces the filter set

    assert plain == through_filter_set
    assert sorted(plain) == (
        ["Ash tray", "Bowl", "Cup", "Dish", "Ewer"]
        if "category" in listing
        else ["Ash tray", "Bowl", "Cup", "Dish", "Elsewhere"]
    )


def test_a_grid_prints_its_kept_cards_as_list_items_in_order():
    cards = CardGrid(
        [{"html": mark_safe('<article class="card">A &amp; B</article>')}, {"html": mark_safe("<article>C</article>")}]
    )

    html = render_to_string("catalog/_grid.html", {"cards": cards})

    assert '<li><article class="card">A &amp; B</article></li><li><article>C</article></li>' in html
    assert html.count("<li>") == 2


def test_an_empty_grid_says_so():
    html = render_to_string("catalog/_grid.html", {"cards": CardGrid(), "empty_text": "Nothing yet."})

    assert '<p class="empty">Nothing yet.</p>' in html and "<ul" not in html
