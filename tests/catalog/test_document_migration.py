"""Catalog migration 0019 turns stored representations' bodies from bytes into text, keeping every body (and back)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from .factories import ProductFactory

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE, AFTER = ("catalog", "0018_product_search_vector"), ("catalog", "0019_product_document_text")
BODY = '{"title":"Grès bowl","price":"12,50 €"}'  # non-ASCII: the conversion must read the bytes as UTF-8


def migrate(target: tuple[str, str]):
    """The project's models as they are at `target`, after migrating the database there."""
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    executor.loader.build_graph()
    return executor.loader.project_state(target).apps


def test_bodies_become_text_and_back_unchanged():
    product = ProductFactory()
    try:
        documents = migrate(BEFORE).get_model("catalog", "ProductDocument")
        documents.objects.create(product_id=product.pk, version=1, context="ctx", body=BODY.encode())

        documents = migrate(AFTER).get_model("catalog", "ProductDocument")
        assert documents.objects.get(product_id=product.pk).body == BODY  # a str, the same characters

        documents = migrate(BEFORE).get_model("catalog", "ProductDocument")
        assert bytes(documents.objects.get(product_id=product.pk).body) == BODY.encode()
    finally:  # every app's latest migration, not AFTER: later ones (and the tests after this one) need them
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
