"""Benchmark settings: the project's, served without debug, with limits that would throttle the load raised."""

from shopplatform.settings import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
API_ANONYMOUS_RATE_LIMIT = 10_000_000
API_DEFAULT_RATE_LIMIT = 10_000_000
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
SECURE_SSL_REDIRECT = False  # the benchmark serves plain HTTP on loopback
