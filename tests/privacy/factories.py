import factory

from orders.models import Order
from shopplatform.accounts.models import Address
from tests.accounts.factories import CustomerFactory

ADDRESS = {
    "name": "Ana Quaresma",
    "address": "Rua das Flores 77",
    "city": "Lisboa",
    "zip_code": "1200-195",
    "country_code": "PRT",
    "phone": "+351912345678",
}


class AddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Address

    customer = factory.SubFactory(CustomerFactory)
    kind = Address.Kind.DELIVERY
    name = ADDRESS["name"]
    address = ADDRESS["address"]
    city = ADDRESS["city"]
    zip_code = ADDRESS["zip_code"]
    country_code = ADDRESS["country_code"]
    phone = ADDRESS["phone"]
    is_default = True


class OrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Order

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
