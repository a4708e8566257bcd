"""The store theme on every page: `{% theme_style store %}` writes the colours as CSS custom properties."""

from functools import lru_cache

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from shopplatform.store.theme import ThemeColours, theme_colours

register = template.Library()


def _declarations(properties: dict[str, str]) -> SafeString:
    return format_html_join(" ", "{}: {};", properties.items())


@register.simple_tag
def theme_style(store) -> str:
    """A <style> element with the store's adjusted colours for light and dark mode (shopplatform.store.theme)."""
    return _style(theme_colours(store)) if store else ""


@lru_cache(maxsize=16)
def _style(colours: ThemeColours) -> SafeString:
    """The <style> element of `colours`: the same few themes are written on every page, once each per process."""
    dark = _declarations(colours.dark_properties())
    return format_html(
        "<style>:root {{ {} }} "
        '@media (prefers-color-scheme: dark) {{ :root:not([data-theme="light"]) {{ {} }} }} '
        ':root[data-theme="dark"] {{ {} }}</style>',
        _declarations(colours.light_properties()),
        dark,
        dark,
    )
