"""Reads of customers for the API and the admin, and of a buyer's address book for the store pages."""

from django.db.models import QuerySet

from .models import Address, Customer

# The fields of an address as carts and orders store them (orders' `delivery_address` snapshots).
ADDRESS_SNAPSHOT_FIELDS = ("name", "company", "phone", "address", "address_extra", "city", "zip_code", "country_code")


def customer_list():
    """Customers with their addresses, newest first, in a constant number of queries."""
    return Customer.objects.prefetch_related("addresses")


def address_book(customer: Customer | None) -> QuerySet[Address]:
    """The customer's saved delivery addresses, the default first."""
    if customer is None:
        return Address.objects.none()
    return customer.addresses.filter(kind=Address.Kind.DELIVERY).order_by("-is_default", "pk")


def address_snapshot(address: Address) -> dict:
    return {name: getattr(address, name) for name in ADDRESS_SNAPSHOT_FIELDS}


def saved_address_fields(customer: Customer | None) -> dict:
    """The default saved delivery address as a cart stores it, or {} when the book is empty."""
    address = address_book(customer).first()
    return address_snapshot(address) if address else {}
