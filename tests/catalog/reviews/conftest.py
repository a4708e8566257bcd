"""Reviews need owners of a digital product: the digital tests' fixtures, shared."""

from tests.catalog.digital.conftest import (  # noqa: F401 (fixtures)
    add_version,
    buyer,
    owner,
    private_storage,
    product,
    seller_client,
    seller_user,
    stranger_client,
)
