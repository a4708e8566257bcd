"""Who hears about money reaching a wallet. The wallet sits below the apps that tell customers about it (orders
sends the e-mail), so those apps register a listener here when Django starts instead of being imported.

A listener runs inside the crediting transaction with the new ledger entry; it must only record work to do after
commit (a rolled-back credit then leaves nothing behind).
"""

from collections.abc import Callable

from .models import LedgerEntry

CreditListener = Callable[[LedgerEntry], None]
_credit_listeners: list[CreditListener] = []


def register_credit_listener(listener: CreditListener) -> None:
    """Call `listener(entry)` for every credit from now on (registering the same function twice keeps one)."""
    if listener not in _credit_listeners:
        _credit_listeners.append(listener)


def announce_credit(entry: LedgerEntry) -> None:
    """Tell every registered listener about a credit entry, in the caller's transaction."""
    for listener in _credit_listeners:
        listener(entry)
