"""Stored public representations of products: a page of the API is one indexed query and a byte concatenation.

`read` serves and refills them (catalog.models.ProductDocument); `triggers` keeps them honest: the database raises a
product's `doc_version` on every write its representation shows, so a stored body is never served after a write
to what it shows has committed. docs/benchmarks.md says what this bought; docs/architecture.md how it fits.
"""
