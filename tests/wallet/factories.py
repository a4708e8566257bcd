import factory
from django.contrib.auth import get_user_model

from shopplatform.accounts.models import Customer


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"wallet-user-{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("wallet-pass-123")


class CustomerFactory(factory.django.DjangoModelFactory):
    """A registered customer: a user plus its customer record (what ensure_customer finds)."""

    class Meta:
        model = Customer

    user = factory.SubFactory(UserFactory)
    email = factory.LazyAttribute(lambda customer: customer.user.email)
    name = factory.Faker("name")
