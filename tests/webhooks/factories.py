import factory

from webhooks.models import Delivery, Event, WebhookEndpoint


class WebhookEndpointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WebhookEndpoint

    url = factory.Sequence(lambda n: f"https://93.184.215.{n % 250 + 1}/hooks/{n}")
    events = factory.LazyFunction(list)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    type = "product.created"
    api_version = "2026-11-01"
    data = factory.LazyFunction(lambda: {"object": {"id": "prod_test", "title": "Chair", "url": "https://x.test/a/b"}})
    fanned_out = True


class DeliveryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delivery

    endpoint = factory.SubFactory(WebhookEndpointFactory)
    event = factory.SubFactory(EventFactory)
