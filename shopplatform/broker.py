"""Celery's Redis transport (kombu's), publishing through one Redis client per channel.

kombu's Redis channel builds a new redis-py client for every message it publishes (`Channel._put` takes
`conn_or_acquire()`, which calls `_create_client()`), and building one fills its table of about 170 response
callbacks: a fifth of publishing a task message, and every checkout publishes one (its e-mails). A client is only a
front for the channel's connection pool, which every client of the channel shares; this channel keeps the one it
built for as long as that pool lives. Once kombu has dropped the pool (after a fork or a lost connection) the next
client is built exactly as kombu builds it, so a channel closing after Redis went away behaves as kombu's does
(the check reads the pool kombu holds, never creating one). Consuming, through the channel's asynchronous clients,
is kombu's own. Chosen by `CELERY_BROKER_TRANSPORT` when the broker is Redis.
"""

from kombu.transport import redis


class Channel(redis.Channel):
    _publishing_client = None

    def _create_client(self, asynchronous=False):
        if asynchronous:
            return super()._create_client(asynchronous=True)
        client = self._publishing_client
        if client is None or client.connection_pool is not self._pool:  # none yet, or its pool was replaced
            client = self._publishing_client = super()._create_client()
        return client


class Transport(redis.Transport):
    Channel = Channel
