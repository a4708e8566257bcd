"""How catalog resources render, shared by the API (`catalog.api`) and event payloads (`catalog.events`).

`products` (products, variants, search hits), `taxonomy` (categories, brands), `images`, `links` (storefront
URLs) and `context` (product_context, read once per response, and the money mixin). Sub-domains keep their own
representations beside their models (catalog.digital.representations, catalog.reviews.representations).
"""
