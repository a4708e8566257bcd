"""Every test factory, importable from one place: `from tests.factories import ProductFactory`.

Each area keeps its factories beside its tests (tests/<app>/factories.py); this package re-exports them, and
a factory is defined once: a specialised one subclasses it (tests/privacy/factories.py `PersonOrderFactory`).
"""

from tests.accounts.factories import AddressFactory, CustomerFactory, RegisteredCustomerFactory, UserFactory
from tests.catalog.digital.factories import OwnershipFactory, VersionFactory
from tests.catalog.factories import (
    BrandFactory,
    CategoryFactory,
    OptionFactory,
    OptionGroupFactory,
    ProductFactory,
    ProductImageFactory,
    SellerFactory,
    VariantFactory,
)
from tests.catalog.passports.factories import MaterialFactory, PassportFactory
from tests.catalog.reviews.factories import ReviewFactory
from tests.feeds.factories import NewsPostFactory
from tests.media_library.factories import MediaFactory
from tests.orders.factories import CouponFactory, OrderFactory, OrderLineFactory, ShippingMethodFactory
from tests.privacy.factories import PersonOrderFactory
from tests.store.factories import MenuItemFactory, PaymentMethodFactory, PickupLocationFactory, StoreFactory
from tests.wallet.factories import HoldFactory, LedgerEntryFactory, TransferFactory, WalletFactory
from tests.webhooks.factories import DeliveryFactory, EventFactory, WebhookEndpointFactory

__all__ = [
    "AddressFactory",
    "BrandFactory",
    "CategoryFactory",
    "CouponFactory",
    "CustomerFactory",
    "DeliveryFactory",
    "EventFactory",
    "HoldFactory",
    "LedgerEntryFactory",
    "MaterialFactory",
    "MediaFactory",
    "MenuItemFactory",
    "NewsPostFactory",
    "OptionFactory",
    "OptionGroupFactory",
    "OrderFactory",
    "OrderLineFactory",
    "OwnershipFactory",
    "PassportFactory",
    "PaymentMethodFactory",
    "PersonOrderFactory",
    "PickupLocationFactory",
    "ProductFactory",
    "ProductImageFactory",
    "RegisteredCustomerFactory",
    "ReviewFactory",
    "SellerFactory",
    "ShippingMethodFactory",
    "StoreFactory",
    "TransferFactory",
    "UserFactory",
    "VariantFactory",
    "VersionFactory",
    "WalletFactory",
    "WebhookEndpointFactory",
]
