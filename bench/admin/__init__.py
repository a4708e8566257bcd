"""The back-office at 100,000 products and 1,000,000 orders: `python -m bench.admin` (see __main__.py)."""
