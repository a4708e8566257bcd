"""Fill the benchmark database with N products (bulk inserts in batches; idempotent by count)."""

import random

from django.db import transaction

from catalog.models import Brand, Category, Product, ProductStatus

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


def seed_products(count: int, *, stdout) -> None:
    existing = Product.objects.count()
    if existing >= count:
        stdout.write(f"catalog: {existing} products present\n")
        return
    rng = random.Random(42)
    categories = [
        Category.objects.get_or_create(slug=f"bench-{i}", defaults={"title": f"Bench {i}"})[0] for i in range(20)
    ]
    brands = [Brand.objects.get_or_create(slug=f"bench-{i}", defaults={"title": f"Bench {i}"})[0] for i in range(10)]
    through = Product.categories.through
    for start in range(existing, count, BATCH):
        size = min(BATCH, count - start)
        products = [
            Product(
                title=" ".join(rng.choice(WORDS) for _ in range(3)).title() + f" {number}",
                slug=f"bench-product-{number}",
                description=f"<p>{' '.join(rng.choice(WORDS) for _ in range(30))}</p>",
                excerpt=" ".join(rng.choice(WORDS) for _ in range(12)),
                status=ProductStatus.ACTIVE,
                price_cents=rng.randint(500, 50_000),
                sku=f"BENCH-{number}",
                brand=rng.choice(brands),
                stock_enabled=True,
                stock_quantity=rng.randint(0, 100),
            )
            for number in range(start, start + size)
        ]
        with transaction.atomic():
            created = Product.objects.bulk_create(products)
            through.objects.bulk_create(
                [through(product_id=product.pk, category_id=rng.choice(categories).pk) for product in created]
            )
        stdout.write(f"catalog: {start + size}/{count} products\n")
