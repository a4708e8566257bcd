"""django-prometheus's PostgreSQL backend (query metrics) with a health check that costs no round trip.

With CONN_HEALTH_CHECKS, Django checks a reused connection at the start of every request by sending `SELECT 1`:
320 us on the benchmark machine, more than a product detail's whole statement. A connection the server ended
(restart, `pg_terminate_backend`, idle timeout) has its socket readable while the connection is idle: the server's
FATAL notice, then the end of the stream. So a connection that is idle in no transaction and has nothing to read
is usable, which a poll of its socket tells without a round trip; anything else (something to read, a failed or
open transaction, a connection psycopg saw break) takes Django's `SELECT 1`.
"""

import select

from django_prometheus.db.backends.postgresql.base import DatabaseWrapper as InstrumentedWrapper
from psycopg.pq import TransactionStatus


class DatabaseWrapper(InstrumentedWrapper):
    def is_usable(self) -> bool:
        pg = self.connection
        if pg is None or pg.closed or pg.broken:
            return False
        if pg.info.transaction_status != TransactionStatus.IDLE or _readable(pg.fileno()):
            return super().is_usable()
        return True


def _readable(descriptor: int) -> bool:
    try:
        readable, _, _ = select.select([descriptor], [], [], 0)
    except (OSError, ValueError):  # closed under us
        return True
    return bool(readable)
