import factory

from shopplatform.accounts.models import Address, Customer


class CustomerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Customer

    email = factory.Sequence(lambda n: f"customer{n}@example.com")
    name = factory.Sequence(lambda n: f"Customer {n}")


class AddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Address

    customer = factory.SubFactory(CustomerFactory)
    kind = Address.Kind.DELIVERY
    name = factory.SelfAttribute("customer.name")
    address = "Rua Augusta, 10"
    city = "Lisboa"
    zip_code = "1100-053"
    country_code = "PRT"
    is_default = True
