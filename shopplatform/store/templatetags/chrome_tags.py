"""The store chrome's fragments, rendered once and kept by the process: `{% chrome %}…{% endchrome %}`.

Every store page repeats its head links, header, navigation and footer. What they show comes from process copies
(shopplatform.process_copy: the store settings, the menus, the top categories), static file URLs and routes, so
they render the same until a copy changes. A fragment is kept until the earliest time one of the copies it may
show runs out (`good_until`: never older than the copies themselves may be) and dropped at once when this process
writes a row a copy watches (`generation`). A fragment must show nothing of the request or the visitor: the search
text, sign-in state, cart and wishlist counts, messages and the CSRF token stay outside.

`{% kept_by a b … %}…{% endkept_by %}` keeps a part that shows request values too (a listing's filter form), once
per set of the values it names: everything it shows is in its key, so it needs no expiry.
"""

import time

from django import template
from django.conf import settings
from django.utils.hashable import make_hashable
from django.utils.translation import get_language

from shopplatform.process_copy import generation, good_until
from shopplatform.store.context_processors import shows_storefront

register = template.Library()

MAX_FRAGMENTS = 64  # a few per template; cleared when full (templates parsed again, languages)
_kept: dict[tuple, tuple[float, str]] = {}


class ChromeNode(template.Node):
    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context) -> str:
        request = context.get("request")
        seconds = settings.STORE_SETTINGS_CACHE_SECONDS
        if seconds <= 0 or request is None or not shows_storefront(request):  # nothing kept, or no store chrome
            return self.nodelist.render(context)
        key = (self, generation(), get_language())
        now = time.monotonic()
        kept = _kept.get(key)
        if kept is not None and now < kept[0]:
            return kept[1]
        until = min(good_until(), now + seconds)
        html = self.nodelist.render(context)
        if until > now:
            _keep(_kept, MAX_FRAGMENTS, key, (until, html))
        return html


def _keep(kept: dict, limit: int, key, value) -> None:
    """`kept[key] = value`, every kept value dropped first when `limit` are kept: a burst of new keys (templates
    parsed again, values typed into query strings) cannot grow the process."""
    if len(kept) >= limit:
        kept.clear()
    kept[key] = value


def forget() -> None:
    """Drop every kept fragment (tests start from none)."""
    _kept.clear()
    _kept_by.clear()


@register.tag
def chrome(parser, token) -> ChromeNode:
    """`{% chrome %}…{% endchrome %}`: a part of the store chrome rendered once per change (see the module)."""
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("{% chrome %} takes no arguments.")
    nodelist = parser.parse(("endchrome",))
    parser.delete_first_token()
    return ChromeNode(nodelist)


# Parts kept by what they show (`{% kept_by … %}`): at most this many (`_keep`).
MAX_KEPT_BY = 256
_kept_by: dict[tuple, str] = {}


class KeptByNode(template.Node):
    def __init__(self, nodelist: template.NodeList, shown: list[template.base.FilterExpression]) -> None:
        self.nodelist = nodelist
        self.shown = shown

    def render(self, context) -> str:
        try:
            key = (self, get_language(), *(make_hashable(value.resolve(context)) for value in self.shown))
        except TypeError:  # a value of a kind that cannot be a key: rendered each time
            return self.nodelist.render(context)
        html = _kept_by.get(key)
        if html is None:
            html = self.nodelist.render(context)
            _keep(_kept_by, MAX_KEPT_BY, key, html)
        return html


@register.tag
def kept_by(parser, token) -> KeptByNode:
    """`{% kept_by a b.c … %}…{% endkept_by %}`: the part rendered once per process for each set of the named
    values, which must be everything it shows besides constants (a listing's filter form: its brands, the values
    typed, their errors, the sorts, the currency). The values are keys as Django's `make_hashable` makes them
    (dicts and lists of plain data as tuples); a value that is not plain data is compared as itself, so a model
    instance would be a key that never matches again: name its fields instead."""
    shown = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    if not shown:
        raise template.TemplateSyntaxError("{% kept_by %} names the values the part shows.")
    nodelist = parser.parse(("endkept_by",))
    parser.delete_first_token()
    return KeptByNode(nodelist, shown)
