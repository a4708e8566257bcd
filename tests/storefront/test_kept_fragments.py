"""`{% kept_by … %}` keeps a part of a page per process for each set of the values it names (shopplatform/store/
templatetags/chrome_tags.py): a listing's filter form is rendered once per brands, typed values, errors, sorts and
currency, and every page shows its own."""

import pytest
from django.template import Context, Template, TemplateSyntaxError

from shopplatform.store.models import CACHED_STORE, Store
from shopplatform.store.templatetags import chrome_tags
from tests.catalog.factories import BrandFactory, CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db


def template(source: str):
    """`source` compiled once, as the cached template loader keeps a page's template."""
    compiled = Template("{% load chrome_tags %}" + source)
    return lambda **context: compiled.render(Context(context))


def test_a_part_is_rendered_once_for_each_set_of_the_values_it_names():
    render = template("{% kept_by shown %}{{ shown.sort }}/{{ other }}{% endkept_by %}")

    assert render(shown={"sort": "price"}, other=1) == "price/1"
    assert render(shown={"sort": "price"}, other=2) == "price/1"  # `other` is not named: kept
    assert render(shown={"sort": "title"}, other=2) == "title/2"
    assert len(chrome_tags._kept_by) == 2


class Tally:
    """Neither hashable nor iterable: no key can be made of it."""

    __hash__ = None

    def __init__(self, count: int) -> None:
        self.count = count


def test_values_of_a_kind_that_cannot_be_a_key_render_the_part_each_time():
    render = template("{% kept_by tally %}{{ tally.count }}{% endkept_by %}")

    assert render(tally=Tally(1)) == "1"
    assert render(tally=Tally(2)) == "2"
    assert chrome_tags._kept_by == {}


def test_the_kept_parts_are_bounded(monkeypatch):
    monkeypatch.setattr(chrome_tags, "MAX_KEPT_BY", 3)
    render = template("{% kept_by n %}{{ n }}{% endkept_by %}")
    for number in range(10):
        assert render(n=number) == str(number)

    assert len(chrome_tags._kept_by) <= 3


def test_the_tag_names_what_it_shows():
    with pytest.raises(TemplateSyntaxError):
        Template("{% load chrome_tags %}{% kept_by %}x{% endkept_by %}")


def _form(html: str) -> str:
    return html.split('<aside class="filters"', 1)[1].split("</aside>", 1)[0]


def test_each_listing_page_shows_its_own_filter_form(client, kitchen, teapot):
    other_brand = BrandFactory(title="Linen Co", slug="linen-co")
    ProductFactory(title="Linen towel", brand=other_brand, categories=[kitchen])
    teapot.categories.add(kitchen)

    by_price = _form(client.get("/category/kitchen?sort=price").content.decode())
    by_title = _form(client.get("/category/kitchen?sort=title").content.decode())
    again = _form(client.get("/category/kitchen?sort=price").content.decode())
    typed = _form(client.get("/category/kitchen?sort=price&price_min=abc").content.decode())

    assert '<option value="price" selected>' in by_price and '<option value="title" selected>' not in by_price
    assert '<option value="title" selected>' in by_title
    assert again == by_price
    assert "Linen Co" in by_price and "Oak &amp; Iron" in by_price
    assert 'aria-invalid="true"' in typed and 'aria-invalid="true"' not in by_price


def test_a_new_currency_shows_at_once(client, kitchen, teapot):
    teapot.categories.add(kitchen)
    assert "Price (EUR)" in _form(client.get("/category/kitchen").content.decode())

    Store.objects.filter(pk=Store.load().pk).update(currency="USD")
    CACHED_STORE.forget()  # as when the settings are saved in this process, or the copy runs out elsewhere

    assert "Price (USD)" in _form(client.get("/category/kitchen").content.decode())


def test_two_categories_with_the_same_choices_typed_show_their_own_brands(client, kitchen, teapot):
    teapot.categories.add(kitchen)
    ProductFactory(title="Linen towel", brand=BrandFactory(title="Linen Co", slug="linen-co"), categories=[kitchen])
    bath = CategoryFactory(title="Bath", slug="bath")
    for title, slug in (("Stone Works", "stone-works"), ("Clay Studio", "clay-studio")):
        ProductFactory(title=f"{title} soap dish", brand=BrandFactory(title=title, slug=slug), categories=[bath])

    kitchen_form = _form(client.get("/category/kitchen").content.decode())
    bath_form = _form(client.get("/category/bath").content.decode())

    assert "Linen Co" in kitchen_form and "Stone Works" not in kitchen_form
    assert "Stone Works" in bath_form and "Clay Studio" in bath_form and "Linen Co" not in bath_form
