"""Factories for reviews (owners come from tests.catalog.digital.factories.OrderLineFactory)."""

import factory

from catalog.models import Review
from tests.accounts.factories import RegisteredCustomerFactory
from tests.catalog.factories import ProductFactory


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    product = factory.SubFactory(ProductFactory)
    customer = factory.SubFactory(RegisteredCustomerFactory)
    rating = 4
    body = "<p>Works well on my server.</p>"
