"""Every admin list runs the same number of queries for a page of 20 rows as for a page of 50.

The test walks `admin.site._registry`, so a new admin is covered the day it is registered: give its model a row
builder in `ROWS` below (the test fails naming the model until it has one). Rows fill every column a list shows
(thumbnails, stock, money, related names), each row with its own related objects, so a per-row query shows up as
30 more queries on the bigger page.
"""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from orders.models import Cart, CartLine
from shopplatform.accounts.services import issue_api_key
from shopplatform.admin_base import EstimatedCountPaginator
from shopplatform.api.models import IdempotencyRecord
from shopplatform.privacy.models import PrivacyRequest
from shopplatform.store.models import ContentPage
from tests.factories import (
    BrandFactory,
    CategoryFactory,
    CouponFactory,
    CustomerFactory,
    DeliveryFactory,
    EventFactory,
    HoldFactory,
    LedgerEntryFactory,
    MediaFactory,
    NewsPostFactory,
    OptionGroupFactory,
    OrderFactory,
    OrderLineFactory,
    OwnershipFactory,
    PassportFactory,
    ProductFactory,
    ProductImageFactory,
    RegisteredCustomerFactory,
    ReviewFactory,
    SellerFactory,
    ShippingMethodFactory,
    TransferFactory,
    UserFactory,
    VariantFactory,
    VersionFactory,
    WalletFactory,
    WebhookEndpointFactory,
)

pytestmark = pytest.mark.django_db

SMALL_PAGE, BIG_PAGE = 20, 50


def _product(index: int):
    image = MediaFactory()
    product = ProductFactory(
        brand=BrandFactory(image=image),
        seller=SellerFactory(),
        categories=[CategoryFactory(parent=CategoryFactory())],
        stock_enabled=index % 2 == 0,
        price_cents=1000 + index,
    )
    ProductImageFactory(product=product, media=image, external_url="")
    VariantFactory(product=product, stock_quantity=index)
    return product


def _category(index: int):
    category = CategoryFactory(parent=CategoryFactory(parent=CategoryFactory()), image=MediaFactory())
    ProductFactory(categories=[category])
    return category


def _cart(index: int):
    cart = Cart.objects.create(customer=RegisteredCustomerFactory(), email=f"cart{index}@example.com")
    CartLine.objects.create(cart=cart, product=ProductFactory(), quantity=2)
    return cart


def _order(index: int):
    order = OrderFactory(total_cents=2500 + index)
    OrderLineFactory(order=order, product=ProductFactory())
    return order


def _user(index: int):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.create(name=f"Group {index}"))
    return user


def _group(index: int):
    group = Group.objects.create(name=f"Team {index}")
    group.permissions.add(Permission.objects.order_by("pk")[index % 50])
    return group


def _axes_row(model, **fields):
    def build(index: int):
        return model.objects.create(
            username=f"user{index}",
            ip_address=f"10.0.0.{index % 250}",
            user_agent="curl",
            path_info="/admin/login/",
            **fields,
        )

    return build


def _job(index: int):
    job_model = apps.get_model("backoffice", "Job")
    return job_model.objects.create(
        kind="export", subject="orders", file_format="csv", total=100, done=index, created_by=UserFactory()
    )


def _email_template(index: int):
    template_model = apps.get_model("orders", "EmailTemplate")
    kind = template_model._meta.get_field("kind").choices[index][0]
    return template_model.objects.create(kind=kind, subject=f"Subject {index}", body="Hello {{ order.number }}")


# One builder per registered model: `build(index)` creates one list row with its related rows.
ROWS = {
    "auth.Group": _group,
    "auth.User": _user,
    "axes.AccessAttempt": _axes_row(AccessAttempt, failures_since_start=1),
    "axes.AccessLog": _axes_row(AccessLog),
    "axes.AccessFailureLog": _axes_row(AccessFailureLog),
    "api.IdempotencyRecord": lambda index: IdempotencyRecord.objects.create(
        scope=f"key:{index}",
        key=f"idem-{index}",
        method="POST",
        path="/api/v1/orders",
        fingerprint="f" * 64,
        response_status=201,
        created_at=timezone.now(),
        expires_at=timezone.now() + timedelta(days=1),
    ),
    "store.ContentPage": lambda index: ContentPage.objects.create(title=f"Page {index}", slug=f"page-{index}"),
    "store.NewsPost": lambda index: NewsPostFactory(),
    "accounts.ApiKey": lambda index: issue_api_key(user=UserFactory(), scopes=["all"], name=f"Key {index}")[0],
    "accounts.Customer": lambda index: RegisteredCustomerFactory(),
    "catalog.Version": lambda index: VersionFactory(),
    "catalog.Ownership": lambda index: OwnershipFactory(),
    "catalog.ProductPassport": lambda index: PassportFactory(),
    "catalog.Review": lambda index: ReviewFactory(customer=RegisteredCustomerFactory()),
    "catalog.OptionGroup": lambda index: OptionGroupFactory(),
    "catalog.Variant": lambda index: VariantFactory(),
    "catalog.Product": _product,
    "catalog.Category": _category,
    "catalog.Brand": lambda index: BrandFactory(image=MediaFactory()),
    "catalog.Seller": lambda index: SellerFactory(),
    "media_library.Media": lambda index: MediaFactory(),
    "wallet.Wallet": lambda index: WalletFactory(balance_cents=index * 100),
    "wallet.LedgerEntry": lambda index: LedgerEntryFactory(),
    "wallet.Transfer": lambda index: TransferFactory(),
    "wallet.Hold": lambda index: HoldFactory(),
    "orders.Order": _order,
    "orders.Cart": _cart,
    "orders.Coupon": lambda index: CouponFactory(product=ProductFactory(), category=CategoryFactory()),
    "orders.ShippingMethod": lambda index: ShippingMethodFactory(),
    "webhooks.WebhookEndpoint": lambda index: WebhookEndpointFactory(owner=UserFactory()),
    "webhooks.Delivery": lambda index: DeliveryFactory(),
    "webhooks.Event": lambda index: EventFactory(),
    "backoffice.Job": _job,
    "orders.EmailTemplate": _email_template,
    "privacy.PrivacyRequest": lambda index: PrivacyRequest.objects.create(
        kind=PrivacyRequest.Kind.EXPORT, email=f"person{index}@example.com"
    ),
}

# Tables with at most one row per choice of a unique field: their lists show every row they can hold.
ROW_LIMITS = {
    "orders.EmailTemplate": lambda: len(apps.get_model("orders", "EmailTemplate")._meta.get_field("kind").choices)
}

# The store settings list redirects to its one page.
SINGLETONS = {"store.Store"}

CHANGELISTS = sorted(model._meta.label for model in admin.site._registry if model._meta.label not in SINGLETONS)


def _rows_until(model, total: int) -> None:
    build = ROWS[model._meta.label]
    limit = ROW_LIMITS.get(model._meta.label)
    total = min(total, limit()) if limit else total
    for index in range(model._default_manager.count(), total):
        build(index)


def _page_queries(client, url: str) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return len(captured), [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize("label", CHANGELISTS)
def test_changelist_runs_as_many_queries_for_50_rows_as_for_20(admin_browser, monkeypatch, label):
    if label not in ROWS:
        pytest.fail(f"{label} has an admin list but no row builder in ROWS: add one so its query count is checked")
    model = next(model for model in admin.site._registry if model._meta.label == label)
    model_admin = admin.site._registry[model]
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")

    _rows_until(model, SMALL_PAGE)
    monkeypatch.setattr(model_admin, "list_per_page", SMALL_PAGE)
    admin_browser.get(url)  # per-process caches (the store row, content types) fill on a first view
    small, _ = _page_queries(admin_browser, url)
    _rows_until(model, BIG_PAGE)
    monkeypatch.setattr(model_admin, "list_per_page", BIG_PAGE)
    big, big_sql = _page_queries(admin_browser, url)

    assert model._default_manager.count() >= (min(BIG_PAGE, ROW_LIMITS[label]()) if label in ROW_LIMITS else BIG_PAGE)
    assert big == small, f"{label}: {small} queries for {SMALL_PAGE} rows, {big} for {BIG_PAGE}:\n" + "\n".join(big_sql)


def _dashboard_rows(total: int) -> None:
    for label in ("catalog.Product", "orders.Order", "catalog.Review", "webhooks.WebhookEndpoint"):
        _rows_until(next(model for model in admin.site._registry if model._meta.label == label), total)


def test_admin_index_runs_as_many_queries_with_50_orders_and_products_as_with_20(admin_browser):
    url = reverse("admin:index")
    _dashboard_rows(SMALL_PAGE)
    admin_browser.get(url)
    small, _ = _page_queries(admin_browser, url)
    _dashboard_rows(BIG_PAGE)
    big, big_sql = _page_queries(admin_browser, url)

    assert big == small, f"index: {small} queries with {SMALL_PAGE} rows each, {big} with {BIG_PAGE}:\n" + "\n".join(
        big_sql
    )


@pytest.mark.postgres
def test_a_list_past_the_threshold_shows_the_planner_estimate_and_counts_no_further(admin_browser, monkeypatch):
    CustomerFactory.create_batch(30)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE accounts_customer")
    monkeypatch.setattr(EstimatedCountPaginator, "estimate_above", 10)

    with CaptureQueriesContext(connection) as captured:
        response = admin_browser.get(reverse("admin:accounts_customer_changelist"))

    assert response.status_code == 200
    counts = [query["sql"].upper() for query in captured.captured_queries if "COUNT(" in query["sql"].upper()]
    assert counts and all("LIMIT 10)" in count for count in counts)  # at most `estimate_above` rows counted
    assert re.search(r"about\s+\d+\s+customers", response.content.decode())


def test_a_list_under_the_threshold_counts_exactly(admin_browser):
    CustomerFactory.create_batch(3)

    response = admin_browser.get(reverse("admin:accounts_customer_changelist"))

    assert response.context["cl"].result_count == 3
    assert not response.context["cl"].paginator.estimated


# Tables that grow with the shop's traffic: a <select> of every row would load them whole on a change page.
BIG_TABLES = {
    "auth.User",
    "accounts.Customer",
    "catalog.Product",
    "catalog.Variant",
    "media_library.Media",
    "orders.Order",
    "orders.OrderLine",
    "orders.Cart",
    "wallet.Wallet",
    "wallet.LedgerEntry",
    "wallet.Transfer",
    "webhooks.Event",
    "webhooks.Delivery",
}


def _select_fields_of_big_tables(model_admin, request, obj) -> list[str]:
    if not model_admin.has_change_permission(request, obj):
        return []  # a view-only page shows the related row's name, never its <select>
    form = model_admin.get_form(request, obj)
    return [
        name
        for name, field in form.base_fields.items()
        if getattr(field, "queryset", None) is not None
        and field.queryset.model._meta.label in BIG_TABLES
        and not hasattr(field.widget, "get_url")  # AutocompleteSelect(Multiple) fetch choices as you type
        and not getattr(field.widget, "widget", None).__class__.__name__.startswith("Autocomplete")
    ]


@pytest.mark.parametrize("label", CHANGELISTS)
def test_change_form_picks_rows_of_big_tables_by_autocomplete(rf, admin_user, label):
    model = next(model for model in admin.site._registry if model._meta.label == label)
    model_admin = admin.site._registry[model]
    request = rf.get("/")
    request.user = admin_user
    obj = ROWS[label](0) if label in ROWS else None

    selects = _select_fields_of_big_tables(model_admin, request, obj)

    assert selects == [], f"{label}: {selects} list every row of a big table; use autocomplete_fields"


def test_an_email_address_is_searched_by_its_indexed_column_whatever_its_case(admin_browser):
    wanted = RegisteredCustomerFactory(email="ana.lima@example.com")
    RegisteredCustomerFactory(email="ana.lima@example.com.br")

    response = admin_browser.get(reverse("admin:accounts_customer_changelist"), {"q": " Ana.Lima@Example.com "})

    assert [customer.pk for customer in response.context["cl"].result_list] == [wanted.pk]


def test_the_event_type_filter_offers_the_catalogue_without_reading_the_table(admin_browser):
    EventFactory(type="order.created")

    with CaptureQueriesContext(connection) as captured:
        response = admin_browser.get(reverse("admin:webhooks_event_changelist"), {"type__exact": "order.created"})

    assert response.status_code == 200
    assert [event.type for event in response.context["cl"].result_list] == ["order.created"]
    assert not [query for query in captured.captured_queries if 'DISTINCT "webhooks_event"."type"' in query["sql"]]
