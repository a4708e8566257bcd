import pytest

from tests.net.local_server import LocalServer


@pytest.fixture
def local_server():
    with LocalServer() as server:
        yield server


@pytest.fixture
def private_urls_allowed(settings):
    settings.SHOP_ALLOW_PRIVATE_URLS = True
    return settings
