"""Limits the API, the store pages and the services of the orders app share: one number each, checked everywhere."""

# Units of one product (or variant) on one cart line; adding more caps the line here.
MAX_LINE_QUANTITY = 10_000

# The fields of a postal address on carts and orders (the API's address object has exactly these).
ADDRESS_FIELDS = ("name", "company", "phone", "address", "address_extra", "city", "zip_code", "region", "country_code")

# Merchant tags of one order: how many, and how long each.
MAX_TAGS = 20
MAX_TAG_LENGTH = 40
