"""shopplatform.api.serializers.Serializer: plain declared fields are copied without re-running their constructors,
and every instance renders and validates exactly as DRF's own Serializer does."""

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from rest_framework import serializers

from shopplatform.api.serializers import Serializer


def declared(base):
    class Line(base):
        sku = serializers.CharField(max_length=8)
        quantity = serializers.IntegerField(min_value=1)

    class Order(base):
        id = serializers.CharField(source="public_id")
        note = serializers.CharField(allow_blank=True, required=False, default="")
        tags = serializers.ListField(child=serializers.CharField(max_length=5), default=list)
        extra = serializers.DictField(child=serializers.IntegerField(), required=False, default={})
        placed_at = serializers.DateTimeField()
        status = serializers.ChoiceField(choices=[("new", "New"), ("paid", "Paid")])
        customer = serializers.CharField(source="customer.name", allow_null=True, default=None)
        label = serializers.SerializerMethodField()
        first = Line(source="lines.0", required=False)
        lines = Line(many=True)

        def get_label(self, order) -> str:
            return f"{order.public_id} for {self.context['shop']}"

    return Order


LEAN, DRF = declared(Serializer), declared(serializers.Serializer)


def order(**changes):
    values = {
        "public_id": "ord_1",
        "note": "",
        "tags": ["a", "b"],
        "extra": {"x": 1},
        "placed_at": datetime(2026, 12, 3, 10, 0, tzinfo=UTC),
        "status": "paid",
        "customer": None,
        "lines": [{"sku": "S-1", "quantity": 2}, {"sku": "S-2", "quantity": 1}],
    }
    return SimpleNamespace(**{**values, **changes})


@pytest.mark.parametrize(
    "changes",
    [{}, {"customer": SimpleNamespace(name="Ana")}, {"tags": []}, {"lines": []}, {"note": "leave at the door"}],
)
def test_renders_as_drf_renders(changes):
    lean = LEAN(order(**changes), context={"shop": "Loja"}).data
    drf = DRF(order(**changes), context={"shop": "Loja"}).data

    assert lean == drf
    assert lean["label"] == "ord_1 for Loja"


@pytest.mark.parametrize(
    "data",
    [
        {"id": "ord_2", "placed_at": "2026-12-03T10:00:00Z", "status": "new", "lines": [{"sku": "A", "quantity": 1}]},
        {"id": "ord_2", "placed_at": "yesterday", "status": "gone", "lines": [{"sku": "TOO-LONG-SKU", "quantity": 0}]},
        {"id": "ord_2", "placed_at": "2026-12-03T10:00:00Z", "status": "new", "lines": [], "tags": ["toolong"]},
        {"id": "ord_2", "placed_at": "2026-12-03T10:00:00Z", "status": "paid", "lines": [], "extra": {"a": "x"}},
    ],
)
def test_validates_as_drf_validates(data):
    lean, drf = LEAN(data=data), DRF(data=data)

    assert lean.is_valid() == drf.is_valid()
    assert lean.errors == drf.errors
    if lean.is_valid():
        assert lean.validated_data == drf.validated_data


def test_each_instance_has_its_own_bound_copies_and_the_declared_fields_stay_unbound():
    first, second = LEAN(order()), LEAN(order())

    for name, field in first.fields.items():
        assert field is not second.fields[name]
        assert (field.parent, field.field_name) == (first, name)
        assert (second.fields[name].parent, second.fields[name].field_name) == (second, name)
        assert LEAN._declared_fields[name].parent is None


def test_fields_holding_fields_or_mutable_defaults_are_deep_copies():
    first, second = LEAN(order()).fields, LEAN(order()).fields

    assert first["tags"].child is not second["tags"].child
    assert first["tags"].child.parent is first["tags"]
    assert first["extra"].child is not second["extra"].child
    assert first["extra"].default is not second["extra"].default  # {} handed out in answers is never shared
    assert first["lines"].child is not second["lines"].child
    assert first["first"].fields["sku"] is not second["first"].fields["sku"]


def test_plain_fields_are_not_constructed_again_for_each_instance(monkeypatch):
    assert LEAN(order()).fields  # the first use decides, once per declared field, how it is copied
    constructed = []
    original = serializers.CharField.__init__

    def counting(self, *args, **kwargs):
        constructed.append(type(self).__name__)
        original(self, *args, **kwargs)

    monkeypatch.setattr(serializers.CharField, "__init__", counting)

    lean, drf = LEAN(order()).fields, DRF(order()).fields

    # DRF's deep copy constructs each CharField again: id, note, customer and the tags' child (4); the base
    # re-constructs only the tags' child, deep-copied with its ListField.
    assert len(constructed) == 4 + 1
    assert set(lean) == set(drf)
