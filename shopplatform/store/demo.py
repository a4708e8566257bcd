"""Demo content for `seed_demo`: the pages the demo menus link to (about, contact, terms, privacy) and news posts.

Idempotent: rows are looked up by slug and only created when missing, so a merchant's edits survive a re-run.
"""

from datetime import timedelta

from django.utils import timezone

from .models import ContentPage, MenuItem, NewsPost, Store

# slug, title, body (HTML; ContentPage.save sanitizes it)
PAGES = [
    (
        "about",
        "About us",
        "<p>We are a small studio in Castelo Branco making homeware by hand: ceramics, textiles and prints.</p>"
        "<p>Every piece is made in small batches by people we know by name.</p>",
    ),
    (
        "contact",
        "Contact",
        "<p>Write to <a href='mailto:hello@demo.shopplatform.dev'>hello@demo.shopplatform.dev</a> or call "
        "(+351) 910 000 000, Monday to Friday, 10:00 to 18:00.</p>"
        "<p>Shop: Avenida do Empresário, 1, 6000-767 Castelo Branco, Portugal.</p>",
    ),
    (
        "terms-and-conditions",
        "Terms and conditions",
        "<h2>Orders</h2><p>An order is confirmed once it is paid. Prices include VAT.</p>"
        "<h2>Returns</h2><p>You may return any item within 14 days of delivery for a full refund.</p>"
        "<p>This is a demo store: no order is ever shipped.</p>",
    ),
    (
        "privacy-policy",
        "Privacy policy",
        "<p>We keep your name, addresses and orders to deliver what you buy and to meet our tax duties.</p>"
        "<p>You can ask for a copy of your data or for its erasure from your account page "
        "(Privacy section) or through the API.</p>",
    ),
]
# slug, title, excerpt, body, days ago
NEWS = [
    (
        "spring-collection",
        "The spring collection is here",
        "New glazes and linen colours for the season.",
        "<p>Our spring collection brings two new glazes and four linen colours. Find them under New in.</p>",
        3,
    ),
    (
        "free-shipping",
        "Free shipping over 59 €",
        "Orders over 59 € now ship free in Portugal.",
        "<p>From today, every order over 59 € ships free to any address in Portugal.</p>",
        10,
    ),
]
# The blog is a store route (/blog) that the command's own menu does not link.
BLOG_MENU_ITEM = {"menu": MenuItem.Menu.PRIMARY, "type": MenuItem.Type.PAGE, "item": "blog"}


def seed_demo(*, stdout) -> None:
    """Create whatever demo page, news post or blog menu entry is missing and report what was added."""
    pages = 0
    for position, (slug, title, body) in enumerate(PAGES):
        _, created = ContentPage.objects.get_or_create(
            slug=slug, defaults={"title": title, "body": body, "position": position}
        )
        pages += created
    posts = 0
    for slug, title, excerpt, body, days_ago in NEWS:
        _, created = NewsPost.objects.get_or_create(
            slug=slug,
            defaults={
                "title": title,
                "excerpt": excerpt,
                "body": body,
                "published": True,
                "published_at": timezone.now() - timedelta(days=days_ago),
            },
        )
        posts += created
    store = Store.load()
    if not MenuItem.objects.filter(store=store, **BLOG_MENU_ITEM).exists():
        position = MenuItem.objects.filter(store=store, menu=MenuItem.Menu.PRIMARY).count()
        MenuItem.objects.create(store=store, text="News", position=position, **BLOG_MENU_ITEM)
    stdout.write(f"Content: {pages} pages and {posts} news posts created.")
