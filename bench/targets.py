"""The issue's targets, as the bench flags them (no Django import: bench.sizes reads them before any setup)."""

# Share of the bare view each read scenario must reach; None: reported, no target.
READ_TARGETS = {
    "product list, 25": 0.25,
    "product list, 100": None,
    "product detail": 0.40,
    "search": 0.25,
    "store home page": 0.20,
    "store category page": 0.20,
}
SEARCH_P95_TARGET_MS = 30  # search alone, at 100,000 products
CHECKOUT_TARGET = 100  # orders per second, 8 parallel API clients
DELIVERY_TARGET = 500  # webhook deliveries per second per worker
