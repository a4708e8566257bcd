import factory

from tests.accounts.factories import CustomerFactory
from tests.orders.factories import OrderFactory

ADDRESS = {
    "name": "Ana Quaresma",
    "address": "Rua das Flores 77",
    "city": "Lisboa",
    "zip_code": "1200-195",
    "country_code": "PRT",
    "phone": "+351912345678",
}


class PersonOrderFactory(OrderFactory):
    """An unpaid, delivered order of the privacy tests' person, with her address in the client block."""

    customer = factory.SubFactory(CustomerFactory)
    email = factory.SelfAttribute("customer.email")
    client = factory.LazyAttribute(
        lambda order: {
            "customer": order.customer.public_id,
            "name": order.customer.name,
            "phone": ADDRESS["phone"],
            "company": "",
            "fiscal_id": "",
            "is_registered": False,
            "delivery": ADDRESS,
            "billing": ADDRESS,
        }
    )
    status = "delivered"
    currency = "EUR"
    subtotal_cents = 2500
    total_cents = 2500
    payment_method = "bank_transfer"
    client_note = "Ring twice, ask for Ana Quaresma"
    paid = False
