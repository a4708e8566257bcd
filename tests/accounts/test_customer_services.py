"""Customer services and their events."""

import threading

import pytest
from django.db import connection

from shopplatform.accounts import services
from shopplatform.accounts.exceptions import CustomerEmailTaken
from shopplatform.accounts.models import Customer
from webhooks.models import Event

from .factories import CustomerFactory

pytestmark = pytest.mark.django_db


def event_types() -> list[str]:
    return list(Event.objects.order_by("pk").values_list("type", flat=True))


def test_create_customer_emits_customer_created_with_the_api_rendering():
    customer = services.create_customer(email="ana@example.com", name="Ana")

    event = Event.objects.get()
    assert event.type == "customer.created"
    assert event.data["object"]["id"] == customer.public_id
    assert event.data["object"]["email"] == "ana@example.com"


def test_creating_a_subscriber_also_emits_newsletter_subscribed():
    services.create_customer(email="ana@example.com", newsletter=True)

    assert event_types() == ["customer.created", "newsletter.subscribed"]


def test_turning_newsletter_on_emits_subscribed():
    customer = CustomerFactory(newsletter=False)

    services.update_customer(customer=customer, newsletter=True)

    assert event_types() == ["customer.updated", "newsletter.subscribed"]


def test_turning_newsletter_off_emits_unsubscribed():
    customer = CustomerFactory(newsletter=True)

    services.update_customer(customer=customer, newsletter=False)

    assert event_types() == ["customer.updated", "newsletter.unsubscribed"]


def test_update_without_a_newsletter_change_emits_only_customer_updated():
    customer = CustomerFactory(newsletter=True)

    services.update_customer(customer=customer, name="Renamed", newsletter=True)

    assert event_types() == ["customer.updated"]


def test_delete_customer_emits_customer_deleted_with_the_last_rendering():
    customer = CustomerFactory(email="gone@example.com")

    services.delete_customer(customer=customer)

    assert not Customer.objects.exists()
    event = Event.objects.get()
    assert (event.type, event.data["object"]["email"]) == ("customer.deleted", "gone@example.com")


def test_deleting_a_subscriber_also_emits_newsletter_unsubscribed():
    customer = CustomerFactory(newsletter=True)

    services.delete_customer(customer=customer)

    assert event_types() == ["customer.deleted", "newsletter.unsubscribed"]


def test_refused_duplicate_writes_no_event():
    CustomerFactory(email="ana@example.com")

    with pytest.raises(CustomerEmailTaken):
        services.create_customer(email="Ana@Example.com")

    assert event_types() == []


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_creates_with_one_email_make_exactly_one_customer():
    outcomes: list[str] = []
    barrier = threading.Barrier(4)

    def create() -> None:
        try:
            barrier.wait()
            services.create_customer(email="race@example.com")
            outcomes.append("created")
        except CustomerEmailTaken:
            outcomes.append("taken")
        finally:
            connection.close()

    threads = [threading.Thread(target=create) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["created", "taken", "taken", "taken"]
    assert Customer.objects.count() == 1
    assert Event.objects.filter(type="customer.created").count() == 1


def test_ensure_customer_refuses_a_record_another_user_owns(django_user_model):
    from shopplatform.accounts.exceptions import CustomerEmailTaken
    from shopplatform.accounts.services import ensure_customer

    owner = django_user_model.objects.create_user(username="owner", email="same@example.com")
    ensure_customer(user=owner)
    other = django_user_model.objects.create_user(username="other", email="same@example.com")

    with pytest.raises(CustomerEmailTaken):
        ensure_customer(user=other)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_first_requests_of_one_user_share_one_customer(django_user_model):
    """Several API requests of a new user at once (bench: parallel checkouts) all get the same saved record."""
    import threading

    from django.db import connection

    from shopplatform.accounts.services import ensure_customer

    user = django_user_model.objects.create_user(username="racer", email="racer@example.com")
    results, barrier = [], threading.Barrier(6)

    def first_request() -> None:
        try:
            own = django_user_model.objects.get(pk=user.pk)  # each request loads its own user object
            barrier.wait()
            customer = ensure_customer(user=own)
            results.append((customer.pk, own.customer.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=first_request) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(results) == 6
    assert len({pk for pair in results for pk in pair}) == 1
    assert None not in {pk for pair in results for pk in pair}
