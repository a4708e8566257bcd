"""Staff roles from the data migration, and developer tables shown to superusers only."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from shopplatform.backoffice.roles import ROLES, grant_roles
from tests.factories import EventFactory, OrderFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db

DEVELOPER_TABLES = [
    "admin:webhooks_event_changelist",
    "admin:webhooks_delivery_changelist",
    "admin:api_idempotencyrecord_changelist",
    "admin:wallet_ledgerentry_changelist",
    "admin:wallet_transfer_changelist",
    "admin:wallet_hold_changelist",
]


def staff_in(role: str):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def as_role(client):
    def login(role: str):
        client.force_login(staff_in(role))
        return client

    return login


def test_the_migration_creates_the_three_roles_with_permissions():
    groups = {group.name: group.permissions.count() for group in Group.objects.filter(name__in=ROLES)}

    assert set(groups) == {"Shop manager", "Fulfilment", "Catalog editor"}
    assert all(count > 0 for count in groups.values())


def test_granting_the_roles_again_changes_nothing_and_keeps_hand_made_grants():
    fulfilment = Group.objects.get(name="Fulfilment")
    extra = Permission.objects.get(codename="view_coupon")
    fulfilment.permissions.add(extra)
    before = set(fulfilment.permissions.values_list("pk", flat=True))

    grant_roles(apps)

    assert set(fulfilment.permissions.values_list("pk", flat=True)) == before
    assert Group.objects.filter(name="Fulfilment").count() == 1


def test_fulfilment_sees_and_changes_orders(as_role):
    order = OrderFactory()
    client = as_role("Fulfilment")

    assert client.get(reverse("admin:orders_order_changelist")).status_code == 200
    assert client.get(reverse("admin:orders_order_change", args=[order.pk])).status_code == 200


def test_fulfilment_reads_products_but_cannot_edit_them(as_role):
    product = ProductFactory(title="Mug")
    client = as_role("Fulfilment")

    listed = client.get(reverse("admin:catalog_product_changelist"))
    refused = client.post(reverse("admin:catalog_product_change", args=[product.pk]), {"title": "Cup"})

    viewed = client.get(reverse("admin:catalog_product_change", args=[product.pk]))

    assert listed.status_code == 200
    assert "Mug" in listed.content.decode()
    assert viewed.status_code == 200
    assert "Mug" in viewed.content.decode()
    assert refused.status_code == 403
    assert client.get(reverse("admin:catalog_product_add")).status_code == 403


@pytest.mark.parametrize("url_name", DEVELOPER_TABLES)
@pytest.mark.parametrize("role", ["Shop manager", "Fulfilment", "Catalog editor"])
def test_developer_tables_are_closed_to_every_role(as_role, role, url_name):
    assert as_role(role).get(reverse(url_name)).status_code == 403


def test_developer_tables_stay_closed_to_staff_granted_their_permissions(client):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="webhooks"))
    client.force_login(user)

    assert client.get(reverse("admin:webhooks_event_changelist")).status_code == 403


def test_superuser_opens_developer_tables(admin_client):
    EventFactory()

    assert admin_client.get(reverse("admin:webhooks_event_changelist")).status_code == 200


def test_sidebar_of_fulfilment_lists_orders_not_developer_tables(as_role):
    response = as_role("Fulfilment").get(reverse("admin:index"))

    links = [item["link"] for group in response.context["sidebar_navigation"] for item in group["items"]]
    assert reverse("admin:orders_order_changelist") in links
    assert reverse("admin:webhooks_event_changelist") not in links
    assert reverse("admin:catalog_category_changelist") not in links


def test_catalog_editor_edits_products_not_orders(as_role):
    client = as_role("Catalog editor")

    assert client.get(reverse("admin:catalog_product_add")).status_code == 200
    assert client.get(reverse("admin:orders_order_changelist")).status_code == 403


def test_catalog_editor_dashboard_has_stock_but_no_sales(as_role):
    dashboard = as_role("Catalog editor").get(reverse("admin:index")).context["dashboard"]

    assert "low_stock" in dashboard
    assert "periods" not in dashboard


def test_superuser_sidebar_groups_lists_as_a_merchant_looks_for_them(admin_client):
    response = admin_client.get(reverse("admin:index"))

    titles = [group["title"] for group in response.context["sidebar_navigation"]]
    assert titles == ["Sales", "Catalog", "Customers", "Content", "Settings", "Developers"]
