"""`{{ html|sanitized }}`: stored HTML rendered through the sanitiser again, never trusted as it is stored."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from shopplatform.html import sanitize_html

register = template.Library()


@register.filter
def sanitized(value) -> SafeString:
    # nh3 returns markup that holds only allowed tags and attributes, so it is safe to emit unescaped.
    return mark_safe(sanitize_html(str(value or "")))  # noqa: S308
