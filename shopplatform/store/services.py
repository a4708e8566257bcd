"""Store operations: the settings, the default payment method, worker heartbeats."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..errors import InvalidInput
from .exceptions import DefaultPaymentMethodInactive
from .models import PaymentMethod, Store, WorkerHeartbeat


@transaction.atomic
def update_store(*, store: Store, **fields) -> Store:
    """Change the given store settings; raise InvalidInput naming the first field that breaks its rule."""
    store = Store.objects.select_for_update().get(pk=store.pk)
    for name, value in fields.items():
        setattr(store, name, value)
    try:
        store.full_clean(exclude=[name for name in (field.name for field in Store._meta.fields) if name not in fields])
    except ValidationError as error:
        name, messages = next(iter(error.message_dict.items()))
        raise InvalidInput(f"`{name}`: {' '.join(messages)}", param=name) from error
    store.save()
    return store


@transaction.atomic
def set_default_payment_method(*, payment_method: PaymentMethod) -> PaymentMethod:
    """Make this method the only default; raise DefaultPaymentMethodInactive when it is inactive."""
    if not payment_method.active:
        raise DefaultPaymentMethodInactive(
            f"'{payment_method.method}' is inactive; activate it first.", param="payment_method"
        )
    # Clear the old default first: the partial unique index allows one default at a time.
    PaymentMethod.objects.filter(store_id=payment_method.store_id, is_default=True).exclude(
        pk=payment_method.pk
    ).update(is_default=False)
    payment_method.is_default = True
    payment_method.save()
    return payment_method


@transaction.atomic
def save_payment_methods(*, changed: list[PaymentMethod], deleted: list[PaymentMethod]) -> None:
    """Save edited methods in an order the one-default index accepts: deletions, non-defaults, then the default."""
    for payment_method in deleted:
        payment_method.delete()
    for payment_method in sorted(changed, key=lambda item: item.is_default):
        payment_method.save()


def record_worker_heartbeat(*, hostname: str, request_id: str = "") -> WorkerHeartbeat:
    """Record that the worker `hostname` is alive now."""
    heartbeat, _ = WorkerHeartbeat.objects.update_or_create(
        hostname=hostname, defaults={"seen_at": timezone.now(), "request_id": request_id}
    )
    return heartbeat
