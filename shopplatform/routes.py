"""`{% url %}` for every template, with each answer remembered by the process.

Django's `reverse()` walks the URL resolver's patterns each time: 18 µs per link on the benchmark machine, and a
store page prints several (search form, account, wishlist, cart, breadcrumbs, subcategories): a twentieth of a
category page. The URL patterns do not change while the process runs, so `route` remembers each answer, keyed by
everything `reverse()` reads besides its arguments: the request's URL configuration (None unless a middleware sets
`request.urlconf`), the script prefix (SCRIPT_NAME, FORCE_SCRIPT_NAME) and the current application namespace. A
change of ROOT_URLCONF (tests' override_settings) forgets them. Arguments other than strings and integers (a
model instance, a lazy string) are reversed each time, as their text could change. The project's routes are not
translated (no i18n_patterns), so the active language is not part of the key.

The module is a template builtin (settings.TEMPLATES): its `url` tag replaces Django's, with the same syntax and
output (`{% url 'name' arg key=value as var %}`), in every template.
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.template import Library, defaulttags
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape

register = Library()
PLAIN = (str, int)


def route(viewname: str, args=(), kwargs: dict | None = None, current_app: str | None = None) -> str:
    """`reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)`, remembered by the process."""
    kwargs = kwargs or {}
    if not isinstance(viewname, str) or not all(isinstance(value, PLAIN) for value in (*args, *kwargs.values())):
        return reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)
    return _reversed(
        viewname, tuple(args), tuple(sorted(kwargs.items())), current_app, get_urlconf(), get_script_prefix()
    )


@lru_cache(maxsize=4096)
def _reversed(viewname: str, args: tuple, kwargs: tuple, current_app, urlconf, prefix: str) -> str:
    # `prefix` is only a key: reverse() reads the same script prefix itself.
    return reverse(viewname, urlconf=urlconf, args=args, kwargs=dict(kwargs), current_app=current_app)


def _forget(*, setting: str, **kwargs) -> None:
    if setting == "ROOT_URLCONF":
        _reversed.cache_clear()


setting_changed.connect(_forget, dispatch_uid="shopplatform.routes")


class RouteNode(defaulttags.URLNode):
    """Django's URLNode, reversing through `route`."""

    def render(self, context) -> str:
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {name: value.resolve(context) for name, value in self.kwargs.items()}
        url = ""
        try:
            url = route(self.view_name.resolve(context), args, kwargs, _current_app(context))
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


def _current_app(context) -> str | None:
    """The namespace Django's `{% url %}` resolves within: the request's current_app, else its resolved namespace."""
    try:
        return context.request.current_app
    except AttributeError:
        try:
            return context.request.resolver_match.namespace
        except AttributeError:
            return None


@register.tag
def url(parser, token) -> RouteNode:
    """`{% url %}` as Django parses it (defaulttags.url), rendered by RouteNode."""
    node = defaulttags.url(parser, token)
    return RouteNode(node.view_name, node.args, node.kwargs, node.asvar)
