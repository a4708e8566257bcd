"""`{% url %}` in every template is shopplatform.routes': Django's syntax and output, each answer remembered by the
process, keyed by what reverse() reads besides its arguments."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory, override_settings
from django.urls import NoReverseMatch, clear_script_prefix, resolve, reverse, set_script_prefix

from shopplatform import routes
from tests.catalog.factories import CategoryFactory


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


def test_the_url_tag_prints_what_django_reverses_with_args_kwargs_and_as():
    assert render("{% url 'store:home' %}") == reverse("store:home")
    assert render("{% url 'catalog:category' slug %}", slug="tea-pots") == reverse(
        "catalog:category", args=["tea-pots"]
    )
    assert render("{% url 'catalog:category' slug='tea-pots' %}") == "/category/tea-pots"
    assert render("{% url 'orders:cart' as cart %}[{{ cart }}]") == f"[{reverse('orders:cart')}]"


def test_a_missing_route_fails_as_django_s_tag_does():
    with pytest.raises(NoReverseMatch):
        render("{% url 'no-such-route' %}")
    assert render("{% url 'no-such-route' as nothing %}[{{ nothing }}]") == "[]"


def test_the_answer_is_escaped_like_any_printed_value():
    plain = reverse("orders:order", args=["a&b"])
    assert "&" in plain
    assert render("{% url 'orders:order' key %}", key="a&b") == plain.replace("&", "&amp;")
    assert render("{% autoescape off %}{% url 'orders:order' key %}{% endautoescape %}", key="a&b") == plain


def test_each_answer_is_reversed_once_per_process(monkeypatch):
    routes._reversed.cache_clear()
    calls = []
    original = routes.reverse

    def counted(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(routes, "reverse", counted)
    pages = [render("{% url 'store:home' %}{% url 'catalog:category' 'tea' %}") for _ in range(3)]

    assert pages == ["/" + "/category/tea"] * 3
    assert len(calls) == 2


@pytest.mark.django_db
def test_other_arguments_are_reversed_each_time_as_their_text_may_change():
    category = CategoryFactory(slug="teapots")

    assert render("{% url 'catalog:category' category.slug %}", category=category) == "/category/teapots"
    assert routes.route("catalog:category", [category.slug]) == "/category/teapots"
    assert routes.route("catalog:category", [type("Slug", (), {"__str__": lambda self: "cups"})()]) == "/category/cups"


def test_the_script_prefix_is_part_of_the_answer():
    before = render("{% url 'login' %}")
    set_script_prefix("/shop/")
    try:
        assert render("{% url 'login' %}") == "/shop" + before
    finally:
        clear_script_prefix()
    assert render("{% url 'login' %}") == before


def test_a_new_url_configuration_forgets_the_answers():
    assert render("{% url 'login' %}") == "/account/login/"
    with override_settings(ROOT_URLCONF="tests.store.routes_elsewhere"):
        assert render("{% url 'login' %}") == "/elsewhere/sign-in"
    assert render("{% url 'login' %}") == "/account/login/"


@override_settings(ROOT_URLCONF="tests.store.routes_elsewhere")
def test_the_current_namespace_is_read_as_django_reads_it():
    """The request's current_app when it has one, even None; else the namespace its URL resolved in."""
    template = Template("{% url 'shop:login' %}")
    resolved_in_first = RequestFactory().get("/")
    resolved_in_first.resolver_match = resolve("/first/sign-in")
    told_none = RequestFactory().get("/")
    told_none.resolver_match = resolve("/first/sign-in")
    told_none.current_app = None  # set, even to None: Django uses it and does not look at the resolved namespace
    told_first = RequestFactory().get("/")
    told_first.current_app = "first"

    assert template.render(_answering(resolved_in_first)) == "/first/sign-in"
    assert template.render(_answering(told_none)) == "/second/sign-in"
    assert template.render(_answering(told_first)) == "/first/sign-in"
    assert template.render(Context({})) == "/second/sign-in"


def _answering(request) -> Context:
    """A context rendering for `request`, as RequestContext's (without its context processors)."""
    context = Context({"request": request})
    context.request = request
    return context
