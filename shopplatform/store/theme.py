"""The store's theme as its pages apply it: stored colours become CSS custom properties, checked for contrast.

Contrast follows WCAG 2.2: relative luminance L of each sRGB colour, ratio (L_light + 0.05) / (L_dark + 0.05).
Text needs 4.5:1 (success criterion 1.4.3, level AA). Colours are adjusted, never refused, so a merchant's
setting can never make a page unreadable and the admin stays free to store what the merchant chose:

- text on the brand colour (buttons, badges): the stored contrast colour when the pair reaches 4.5:1, otherwise
  black or white, whichever contrasts more (one of them always reaches 4.5:1);
- the brand colour as text on the page (links on hover, large numbers): mixed towards the text colour of the mode
  (dark in light mode, light in dark mode) in 10 % steps until it reaches 4.5:1 on the page background.

The secondary colour (`--accent`, the "new" badge and the end of the home banner's gradient) gets the same
treatment; without one, it is the brand colour. Dark mode: `Store.dark_mode` True or False forces the mode;
empty follows the visitor's `prefers-color-scheme`.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

AA_TEXT = 4.5
HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")
DEFAULT_BRAND = "#db0a5b"
MAX_FEATURED_BLOCKS = 6
BLACK, WHITE = "#000000", "#ffffff"
# Page backgrounds and text colours of the two modes; store.css defines the same values.
LIGHT_BACKGROUND, LIGHT_TEXT = "#ffffff", "#1c1d21"
DARK_BACKGROUND, DARK_TEXT = "#15161a", "#ececf1"


def rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    if len(value) == 3:
        value = "".join(char * 2 for char in value)
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def hex_of(channels: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(channel):02x}" for channel in channels)


def luminance(hex_colour: str) -> float:
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in rgb(hex_colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def mix(colour: str, other: str, share: float) -> str:
    """`colour` with `share` (0-1) of `other` mixed in."""
    return hex_of(tuple(a + (b - a) * share for a, b in zip(rgb(colour), rgb(other), strict=True)))


def readable_on(background: str, preferred: str) -> str:
    """`preferred` as text on `background` if it reaches AA, else black or white, whichever contrasts more."""
    if preferred and contrast(background, preferred) >= AA_TEXT:
        return preferred
    return max((BLACK, WHITE), key=lambda candidate: contrast(background, candidate))


def as_text_on(page_background: str, colour: str, page_text: str) -> str:
    """`colour`, moved towards `page_text` just enough to read as text on `page_background`."""
    for step in range(11):
        candidate = mix(colour, page_text, step / 10)
        if contrast(page_background, candidate) >= AA_TEXT:
            return candidate
    return page_text


@dataclass(frozen=True)
class ThemeColours:
    brand: str
    brand_contrast: str
    brand_deep: str  # the far end of the home banner's gradient: further from the text colour, never closer
    brand_text_light: str
    brand_text_dark: str
    accent: str
    accent_contrast: str

    def light_properties(self) -> dict[str, str]:
        return {
            "--brand": self.brand,
            "--brand-contrast": self.brand_contrast,
            "--brand-deep": self.brand_deep,
            "--brand-text": self.brand_text_light,
            "--accent": self.accent,
            "--accent-contrast": self.accent_contrast,
        }

    def dark_properties(self) -> dict[str, str]:
        return {"--brand-text": self.brand_text_dark}


def theme_colours(store) -> ThemeColours:
    """The CSS colours of the store's stored theme, adjusted to reach AA contrast (see the module docstring)."""
    return _adjusted(store.basecolor, store.secondarycolor, store.basecolor_contrast, store.secondarycolor_contrast)


@lru_cache(maxsize=16)
def _adjusted(
    basecolor: str, secondarycolor: str, basecolor_contrast: str, secondarycolor_contrast: str
) -> ThemeColours:
    """theme_colours of these stored colours, worked out once per process (every store page shows them)."""
    brand = _colour(basecolor) or DEFAULT_BRAND
    accent = _colour(secondarycolor) or brand
    brand_preferred = _colour(basecolor_contrast)
    accent_preferred = _colour(secondarycolor_contrast) if _colour(secondarycolor) else brand_preferred
    brand_contrast = readable_on(brand, brand_preferred)
    away_from_text = BLACK if luminance(brand_contrast) > luminance(brand) else WHITE
    return ThemeColours(
        brand=brand,
        brand_contrast=brand_contrast,
        brand_deep=mix(brand, away_from_text, 0.35),
        brand_text_light=as_text_on(LIGHT_BACKGROUND, brand, LIGHT_TEXT),
        brand_text_dark=as_text_on(DARK_BACKGROUND, brand, DARK_TEXT),
        accent=accent,
        accent_contrast=readable_on(accent, accent_preferred),
    )


def _colour(value) -> str:
    """A stored hex colour, or "" (rows written around the model's validator must not break every page)."""
    return value.lower() if isinstance(value, str) and HEX_COLOUR.match(value) else ""


@dataclass(frozen=True)
class FeaturedBlock:
    title: str
    text: str = ""
    url: str = ""
    link_text: str = ""
    image: str = ""


def featured_blocks(store) -> list[FeaturedBlock]:
    """The home page blocks of `Store.featured_blocks`: objects with a `title` and optional `text`, `url`
    (http(s) or a path on the store), `link_text` and `image` (an http(s) URL). Others are skipped, not errors."""
    blocks = []
    for item in store.featured_blocks or []:
        if not isinstance(item, dict) or not str(item.get("title") or "").strip():
            continue
        blocks.append(
            FeaturedBlock(
                title=str(item["title"]).strip()[:200],
                text=str(item.get("text") or "").strip()[:500],
                url=_link(item.get("url")),
                link_text=str(item.get("link_text") or "").strip()[:80],
                image=_link(item.get("image"), paths=False),
            )
        )
    return blocks[:MAX_FEATURED_BLOCKS]


def header_image(store) -> str:
    """The first of `Store.images_header` (the banner shows one image), or ""."""
    return next((url for url in (_link(item, paths=False) for item in store.images_header or []) if url), "")


def _link(value, *, paths: bool = True) -> str:
    if not isinstance(value, str):
        return ""
    value = value.strip()
    if paths and value.startswith("/") and not value.startswith("//"):
        return value
    parts = urlsplit(value)
    return value if parts.scheme in ("http", "https") and parts.netloc else ""
