"""Users, customers and addresses: the factories every test package shares."""

import factory
from django.contrib.auth import get_user_model

from shopplatform.accounts.models import Address, Customer


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user-{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("user-pass-123")


class CustomerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Customer

    email = factory.Sequence(lambda n: f"customer{n}@example.com")
    name = factory.Sequence(lambda n: f"Customer {n}")


class RegisteredCustomerFactory(factory.django.DjangoModelFactory):
    """A registered customer: a user plus the customer record ensure_customer finds."""

    class Meta:
        model = Customer

    user = factory.SubFactory(UserFactory)
    email = factory.LazyAttribute(lambda customer: customer.user.email)
    name = factory.Faker("name")


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
