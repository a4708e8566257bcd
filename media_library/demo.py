"""Demo images for `seed_demo`: a few solid-colour pictures, uploaded through the normal intake.

The same colours give the same bytes, so running it again returns the media already stored.
"""

import io

from PIL import Image, ImageDraw

from . import services
from .models import Media

DEMO_COLOURS = {
    "ocean": (30, 110, 180),
    "forest": (40, 130, 70),
    "sunset": (230, 120, 50),
    "berry": (150, 40, 110),
    "sand": (220, 200, 150),
    "slate": (80, 90, 100),
}


def demo_image_bytes(colour: tuple[int, int, int]) -> bytes:
    image = Image.new("RGB", (1200, 900), colour)
    draw = ImageDraw.Draw(image)
    draw.ellipse((420, 270, 780, 630), outline=(255, 255, 255), width=24)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def ensure_demo_media() -> dict[str, Media]:
    """Upload the demo images (processing runs when the caller's transaction commits); return them by name."""
    return {
        name: services.add_media_bytes(data=demo_image_bytes(colour), name=f"{name}.jpg")[0]
        for name, colour in DEMO_COLOURS.items()
    }
