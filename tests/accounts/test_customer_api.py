"""/api/v1/customers: staff only, page lists with filters, nested addresses, unique e-mail."""

import pytest

from shopplatform.accounts.models import Address, Customer

from .factories import AddressFactory, CustomerFactory

pytestmark = pytest.mark.django_db

ADDRESS = {"name": "Ana Silva", "address": "Rua Augusta, 10", "city": "Lisboa", "zip_code": "1100-053",
           "country_code": "PRT"}  # fmt: skip


def test_anonymous_caller_gets_401(anonymous_client):
    assert anonymous_client.get("/api/v1/customers").status_code == 401


def test_customer_key_is_refused_as_staff_only(customer_client):
    response = customer_client.get("/api/v1/customers")

    assert response.status_code == 403
    assert response.json()["code"] == "staff_only"


def test_staff_key_without_customers_scope_gets_insufficient_scope(make_client, staff_user):
    client = make_client(staff_user, scopes="customers:read")

    response = client.post("/api/v1/customers", {"email": "a@example.com"}, format="json")

    assert response.status_code == 403
    assert response.json()["code"] == "insufficient_scope"
    assert response.json()["param"] == "customers:write"


def test_staff_creates_a_customer_with_addresses(staff_client):
    payload = {"email": "Ana@Example.com", "name": "Ana Silva", "newsletter": True, "delivery": ADDRESS,
               "billing": {**ADDRESS, "company": "Silva Lda", "country_code": "esp"}}  # fmt: skip

    response = staff_client.post("/api/v1/customers", payload, format="json")

    assert response.status_code == 201
    body = response.json()
    assert body["id"].startswith("cus_")
    assert body["email"] == "ana@example.com"
    assert body["newsletter"] is True
    assert body["is_registered"] is False
    assert body["delivery"]["city"] == "Lisboa"
    assert body["delivery"]["country"] == "Portugal"
    assert body["billing"]["country_code"] == "ESP"
    assert body["billing"]["company"] == "Silva Lda"


def test_create_requires_an_email(staff_client):
    response = staff_client.post("/api/v1/customers", {"name": "No mail"}, format="json")

    assert response.status_code == 400
    assert response.json()["param"] == "email"


def test_duplicate_email_in_other_case_is_409_already_exists(staff_client):
    """409 "Already exists"; e-mail unique case-insensitively."""
    CustomerFactory(email="ana@example.com")

    response = staff_client.post("/api/v1/customers", {"email": "ANA@example.com"}, format="json")

    assert response.status_code == 409
    assert response.json()["code"] == "already_exists"
    assert response.json()["param"] == "email"


def test_unknown_country_code_is_400_naming_the_address_field(staff_client):
    payload = {"email": "a@example.com", "delivery": {**ADDRESS, "country_code": "XXX"}}

    response = staff_client.post("/api/v1/customers", payload, format="json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "delivery.country_code"
    assert not Customer.objects.exists()


def test_alpha2_country_code_is_refused(staff_client):
    payload = {"email": "a@example.com", "delivery": {**ADDRESS, "country_code": "PT"}}

    response = staff_client.post("/api/v1/customers", payload, format="json")

    assert response.status_code == 400


def test_list_is_a_page_envelope_newest_first(staff_client):
    older, newer = CustomerFactory(), CustomerFactory()

    response = staff_client.get("/api/v1/customers")

    body = response.json()
    assert [item["id"] for item in body["data"]] == [newer.public_id, older.public_id]
    assert (body["total"], body["page"], body["has_more"]) == (2, 1, False)
    assert response["X-Total-Count"] == "2"


def test_limit_above_100_is_400(staff_client):
    assert staff_client.get("/api/v1/customers?limit=101").status_code == 400


@pytest.mark.parametrize(
    ("query", "expected"),
    [("q=silva", ["ana"]), ("q=JOAO@", ["joao"]), ("email=JOAO@example.com", ["joao"]),
     ("newsletter=true", ["ana"]), ("wholesale=true", ["joao"]), ("newsletter=false", ["joao", "rita"])],
)  # fmt: skip
def test_list_filters(staff_client, query, expected):
    CustomerFactory(email="ana@example.com", name="Ana Silva", newsletter=True)
    CustomerFactory(email="joao@example.com", name="João Costa", wholesale=True)
    CustomerFactory(email="rita@example.com", name="Rita")

    response = staff_client.get(f"/api/v1/customers?{query}")

    assert sorted(item["email"].split("@")[0] for item in response.json()["data"]) == expected


def test_malformed_boolean_filter_is_400(staff_client):
    response = staff_client.get("/api/v1/customers?newsletter=perhaps")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_list_queries_do_not_grow_with_rows(staff_client, django_assert_max_num_queries):
    AddressFactory()

    with django_assert_max_num_queries(10) as one_row:
        staff_client.get("/api/v1/customers")
    for _ in range(20):
        AddressFactory(customer=AddressFactory().customer, kind=Address.Kind.BILLING)

    with django_assert_max_num_queries(len(one_row.captured_queries)):
        response = staff_client.get("/api/v1/customers")

    assert len(response.json()["data"]) == 21


def test_retrieve_by_public_id(staff_client):
    address = AddressFactory()

    response = staff_client.get(f"/api/v1/customers/{address.customer.public_id}")

    assert response.status_code == 200
    assert response.json()["delivery"]["address"] == address.address
    assert response.json()["billing"] is None


def test_unknown_customer_is_404(staff_client):
    assert staff_client.get("/api/v1/customers/cus_missing").status_code == 404


def test_patch_changes_only_the_fields_sent(staff_client):
    customer = CustomerFactory(name="Ana", phone="+351912345678")

    response = staff_client.patch(f"/api/v1/customers/{customer.public_id}", {"wholesale": True}, format="json")

    assert response.status_code == 200
    customer.refresh_from_db()
    assert (customer.name, customer.phone, customer.wholesale) == ("Ana", "+351912345678", True)


def test_put_applies_a_partial_update(staff_client):
    customer = CustomerFactory(name="Ana", email="ana@example.com")

    response = staff_client.put(f"/api/v1/customers/{customer.public_id}", {"name": "Ana Silva"}, format="json")

    assert response.status_code == 200
    assert response.json()["email"] == "ana@example.com"
    assert response.json()["name"] == "Ana Silva"


def test_patch_replaces_the_delivery_address(staff_client):
    address = AddressFactory(city="Lisboa")

    response = staff_client.patch(f"/api/v1/customers/{address.customer.public_id}",
                                  {"delivery": {**ADDRESS, "city": "Porto"}}, format="json")  # fmt: skip

    assert response.json()["delivery"]["city"] == "Porto"
    assert list(Address.objects.values_list("pk", "city")) == [(address.pk, "Porto")]


def test_patch_with_null_address_removes_it(staff_client):
    address = AddressFactory()

    response = staff_client.patch(f"/api/v1/customers/{address.customer.public_id}", {"delivery": None},
                                  format="json")  # fmt: skip

    assert response.json()["delivery"] is None
    assert not Address.objects.exists()


def test_patch_to_an_email_in_use_is_409(staff_client):
    CustomerFactory(email="taken@example.com")
    customer = CustomerFactory()

    response = staff_client.patch(f"/api/v1/customers/{customer.public_id}", {"email": "Taken@example.com"},
                                  format="json")  # fmt: skip

    assert response.status_code == 409


def test_delete_removes_the_customer(staff_client):
    customer = AddressFactory().customer

    response = staff_client.delete(f"/api/v1/customers/{customer.public_id}")

    assert response.status_code == 204
    assert staff_client.get(f"/api/v1/customers/{customer.public_id}").status_code == 404
    assert not Address.objects.exists()
