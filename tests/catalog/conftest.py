"""Catalog test fixtures shared by the sub-domain packages."""

import pytest

from shopplatform.store.models import Store


@pytest.fixture
def store_settings(db) -> Store:
    """The store settings row, as on any store past its first request (the first read creates it, once); tests
    counting a request's queries take it so that one-time insert is not counted."""
    return Store.load()
