"""Sanitised HTML: the one nh3 policy for merchant and customer HTML (descriptions, pages, reviews).

Services sanitise when they store; templates sanitise again when they render (`{{ value|sanitized }}` from the
store's `html_tags`), so a row written around the services (a data migration, a shell) still cannot inject script.
"""

import nh3

ALLOWED_TAGS = nh3.ALLOWED_TAGS | {"figure", "figcaption", "span", "u", "s"}


def sanitize_html(value: str) -> str:
    """Keep formatting tags and safe links; drop scripts, event handlers and styles."""
    return nh3.clean(value or "", tags=ALLOWED_TAGS, link_rel="noopener noreferrer").strip()
