"""Fill the benchmark database with N products (bulk inserts in batches; idempotent by count)."""

import random

from django.db import connection, transaction

from catalog.models import Brand, Category, Product, ProductCard, ProductDocument, ProductStatus, ProductTag, ShelfEntry
from catalog.prerender import refresh_documents

WORDS = [
    "oak",
    "linen",
    "brass",
    "ceramic",
    "wool",
    "enamel",
    "cotton",
    "canvas",
    "walnut",
    "copper",
    "stone",
    "glass",
    "paper",
    "velvet",
    "bamboo",
    "bowl",
    "vase",
    "lamp",
    "tote",
    "throw",
    "apron",
    "poster",
    "print",
    "mug",
    "plate",
    "chair",
    "stool",
    "shelf",
    "basket",
    "candle",
]
BATCH = 5_000


SYLLABLES = ["ka", "lo", "mi", "ra", "ne", "to", "su", "vi", "de", "po", "an", "el", "or", "un", "ti", "ba"]


def vocabulary(size: int, rng: random.Random) -> list[str]:
    """Real words plus made-up ones, so a search term matches a realistic share of the catalog, not 40 %."""
    made_up = {"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(size * 2)}
    return WORDS + sorted(made_up)[:size]


def search_words() -> list[str]:
    """The words product titles are made of (the seed draws them from the same generator)."""
    return vocabulary(5_000, random.Random(42))


def seed_products(count: int, *, stdout) -> None:
    existing = Product.objects.count()
    if existing >= count:
        stdout.write(f"catalog: {existing} products present\n")
    else:
        insert_products(existing, count, stdout=stdout)
    settle(stdout=stdout)


# The tables a catalog read touches; a running shop has them in memory.
READ_TABLES = (
    Product,
    ProductDocument,
    ProductCard,
    ShelfEntry,
    Product.categories.through,
    Category,
    Brand,
    ProductTag,
)


def settle(*, stdout) -> None:
    """What a live shop has between writes: the products' representations stored (the beat task writes them a
    minute after a write at most; catalog.prerender), tables vacuumed and analysed (autovacuum), and the tables
    reads touch in the operating system's cache (a shop's traffic keeps them there; right after seeding, 100,000
    products' rows were still on disk, and a product detail waited 3 ms for the disk instead of 0.2 ms)."""
    written = refresh_documents()
    stdout.write(f"catalog: {written} product representations written\n")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        for model in READ_TABLES:
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"SELECT sum(length(t::text)) FROM {table} AS t")
        cursor.execute(
            "SELECT pg_size_pretty(pg_database_size(current_database())), current_setting('shared_buffers'), "
            "pg_database_size(current_database()) > pg_size_bytes(current_setting('shared_buffers'))"
        )
        size, buffers, larger = cursor.fetchone()
    # A search touches some 200 blocks at 100,000 products; those outside PostgreSQL's own buffers are copied from
    # the operating system's cache (docs/benchmarks.md, sixteenth pass: 1 GB of them changed no share).
    stdout.write(
        f"catalog: database {size}, PostgreSQL shared_buffers {buffers}"
        + (" (smaller: reads past it come from the operating system's cache)\n" if larger else "\n")
    )


def insert_products(existing: int, count: int, *, stdout) -> None:
    rng = random.Random(42)
    words = vocabulary(5_000, rng)
    categories = [
        Category.objects.get_or_create(slug=f"bench-{i}", defaults={"title": f"Bench {i}"})[0] for i in range(20)
    ]
    brands = [Brand.objects.get_or_create(slug=f"bench-{i}", defaults={"title": f"Bench {i}"})[0] for i in range(10)]
    through = Product.categories.through
    for start in range(existing, count, BATCH):
        size = min(BATCH, count - start)
        products = [
            Product(
                title=" ".join(rng.choice(words) for _ in range(3)).title() + f" {number}",
                slug=f"bench-product-{number}",
                description=f"<p>{' '.join(rng.choice(words) for _ in range(30))}</p>",
                excerpt=" ".join(rng.choice(words) for _ in range(12)),
                status=ProductStatus.ACTIVE,
                price_cents=rng.randint(500, 50_000),
                sku=f"BENCH-{number}",
                brand=rng.choice(brands),
                stock_enabled=True,
                stock_quantity=rng.randint(0, 100),
            )
            for number in range(start, start + size)
        ]
        for product in products:  # bulk_create skips save(), which derives the shown text
            product.derive_text()
        with transaction.atomic():
            created = Product.objects.bulk_create(products)
            through.objects.bulk_create(
                [through(product_id=product.pk, category_id=rng.choice(categories).pk) for product in created]
            )
        stdout.write(f"catalog: {start + size}/{count} products\n")
