import factory

from shopplatform.store.models import MenuItem, PaymentMethod, PickupLocation, Store
from shopplatform.store.payments import PaymentMethodType


class StoreFactory(factory.django.DjangoModelFactory):
    """The singleton: every build updates row 1."""

    class Meta:
        model = Store
        django_get_or_create = ("id",)

    id = Store.SINGLETON_PK
    name = "Parallax"
    username = "parallax"
    url = "https://parallax.example.com/"
    domain = "parallax.example.com"


class PaymentMethodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PaymentMethod

    store = factory.SubFactory(StoreFactory)
    method = PaymentMethodType.BANK_TRANSFER
    gateway = PaymentMethod.Gateway.MANUAL
    title = factory.LazyAttribute(lambda method: method.method.replace("_", " ").title())


class PickupLocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PickupLocation

    store = factory.SubFactory(StoreFactory)
    title = "Main shop"
    name = "Parallax"
    address = "Avenida do Empresário, 1"
    city = "Castelo Branco"
    zip_code = "6000-767"
    country = "Portugal"
    country_code = "PRT"


class MenuItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MenuItem

    store = factory.SubFactory(StoreFactory)
    menu = MenuItem.Menu.PRIMARY
    text = "About us"
    item = "about"
