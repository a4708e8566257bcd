"""django-prometheus's PostgreSQL backend (query metrics) with a health check that costs no round trip.

With CONN_HEALTH_CHECKS, Django checks a reused connection at the start of every request by sending `SELECT 1`:
320 us on the benchmark machine, more than a product detail's whole statement. A connection the server ended
(restart, `pg_terminate_backend`, idle timeout) has its socket readable while the connection is idle: the server's
FATAL notice, then the end of the stream. So a connection that is idle in no transaction and has nothing to read
is usable, which a poll of its socket tells without a round trip; anything else (something to read, a failed or
open transaction, a connection psycopg saw break) takes Django's `SELECT 1`.

The statements are counted and timed into django-prometheus's own metrics (`django_db_execute_total`,
`django_db_query_duration_seconds`, `django_db_errors_total`), by a cursor that looks up its labelled series once
per connection: django-prometheus's looked them up by their labels three times per statement, 3 % of a checkout's
Python.
"""

import select
from time import perf_counter

from django.db.backends.postgresql import base
from django_prometheus.db import errors_total, execute_many_total, execute_total, query_duration_seconds
from django_prometheus.db.backends.postgresql.base import DatabaseWrapper as InstrumentedWrapper
from psycopg.pq import TransactionStatus


class DatabaseWrapper(InstrumentedWrapper):
    def get_connection_params(self) -> dict:
        params = base.DatabaseWrapper.get_connection_params(self)  # not django-prometheus's cursor: ours, below
        params["cursor_factory"] = counted_cursor(params["cursor_factory"], self.alias, self.vendor)
        return params

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


def counted_cursor(cursor_class: type, alias: str, vendor: str) -> type:
    """`cursor_class` counting and timing its statements under the labels (alias, vendor), bound once."""
    executed, executed_many = execute_total.labels(alias, vendor), execute_many_total.labels(alias, vendor)
    duration = query_duration_seconds.labels(alias, vendor)

    def timed(run, *args, **kwargs):
        started = perf_counter()
        try:
            return run(*args, **kwargs)
        except Exception as error:
            errors_total.labels(alias, vendor, type(error).__name__).inc()
            raise
        finally:
            duration.observe(perf_counter() - started)

    class CountedCursor(cursor_class):
        def execute(self, *args, **kwargs):
            executed.inc()
            return timed(super().execute, *args, **kwargs)

        def executemany(self, query, params_seq, *args, **kwargs):
            params_seq = list(params_seq)
            executed.inc(len(params_seq))
            executed_many.inc(len(params_seq))
            return timed(super().executemany, query, params_seq, *args, **kwargs)

    return CountedCursor
