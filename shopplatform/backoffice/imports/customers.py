"""Customers keyed by e-mail, with their default delivery address, through the accounts services."""

from shopplatform.accounts.models import Address, Customer
from shopplatform.accounts.services import ADDRESS_FIELDS as KEPT_ADDRESS_FIELDS
from shopplatform.accounts.services import create_customer, update_customer
from shopplatform.countries import normalize_country_code

from . import cells
from .runner import Importer, Outcome, Record

TEXT_FIELDS = {"name": 200, "phone": 40, "company": 200, "fiscal_id": 40}
FLAGS = ("newsletter", "wholesale")
ADDRESS_FIELDS = {"address": 255, "address_extra": 255, "city": 100, "zip_code": 20, "region": 100, "country_code": 3}
REQUIRED_ADDRESS = ("address", "city", "country_code")


class CustomerImporter(Importer):
    subject = "customers"
    key_column = "email"
    columns_by_param = {f"delivery.{name}": f"delivery_{name}" for name in ADDRESS_FIELDS}

    def write(self, record: Record) -> Outcome:
        ((_line, row),) = record.rows
        email = cells.email(row)
        fields = {name: cells.text(row, name, max_length=limit) for name, limit in TEXT_FIELDS.items() if name in row}
        fields |= {name: cells.boolean(row, name) for name in FLAGS if name in row}
        delivery = _delivery(row)
        customer = Customer.objects.filter(email__iexact=email).first()
        if customer is None:
            create_customer(email=email, delivery=delivery, **fields)
            return Outcome("new")
        changes = {name: value for name, value in fields.items() if getattr(customer, name) != value}
        current = _current_delivery(customer)
        if delivery is not None and (current is None or any(current[name] != delivery[name] for name in delivery)):
            changes["delivery"] = {**(current or {}), **delivery}  # the address's name and phone are kept
        if not changes:
            return Outcome("unchanged")
        update_customer(customer=customer, **changes)
        return Outcome("updated", tuple(changes))


def _delivery(row: dict) -> dict | None:
    """The delivery address the row gives, None when it has no address columns or leaves them all empty."""
    columns = {name: f"delivery_{name}" for name in ADDRESS_FIELDS}
    if not any(row.get(column) for column in columns.values()):
        return None
    address = {name: cells.text(row, column, max_length=ADDRESS_FIELDS[name]) for name, column in columns.items()}
    for name in REQUIRED_ADDRESS:
        cells.text(row, columns[name], required=True)
    address["country_code"] = normalize_country_code(address["country_code"], param="delivery_country_code")
    return address


def _current_delivery(customer: Customer) -> dict | None:
    current = customer.addresses.filter(kind=Address.Kind.DELIVERY).order_by("-is_default", "pk").first()
    return None if current is None else {name: getattr(current, name) for name in KEPT_ADDRESS_FIELDS}
