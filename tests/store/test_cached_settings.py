"""Store.cached: display paths reuse the settings row for a few seconds; saving the settings forgets it at once."""

import pytest

from shopplatform.store.models import Store

pytestmark = pytest.mark.django_db


@pytest.fixture
def reuse_for_a_minute(settings):
    settings.STORE_SETTINGS_CACHE_SECONDS = 60
    Store.objects.filter(pk=Store.load().pk).update(name="First")
    Store.cached()  # read once: held for a minute
    return settings


def test_the_row_is_reused_for_the_configured_seconds(reuse_for_a_minute, django_assert_num_queries):
    Store.objects.filter(pk=1).update(name="Changed elsewhere")  # another process: no signal reaches us

    with django_assert_num_queries(0):
        assert Store.cached().name == "First"
    assert Store.load().name == "Changed elsewhere"  # what prices and validates always reads the row


def test_saving_the_settings_forgets_the_copy_at_once(reuse_for_a_minute):
    store = Store.load()
    store.name = "Saved here"
    store.save()

    assert Store.cached().name == "Saved here"


def test_no_reuse_when_the_seconds_are_zero(reuse_for_a_minute):
    reuse_for_a_minute.STORE_SETTINGS_CACHE_SECONDS = 0
    Store.objects.filter(pk=1).update(name="Now")

    assert Store.cached().name == "Now"


def test_callers_get_a_copy_they_cannot_spoil_for_others(reuse_for_a_minute):
    Store.cached().name = "Scribbled"

    assert Store.cached().name == "First"
