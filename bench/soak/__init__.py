"""The fault-injection soak: the shop run as production runs it, broken on purpose while traffic flows.

`python -m bench.soak --seconds 110` (or `make soak`) starts two gunicorn instances, two Celery workers, beat, a
Redis of its own, the moto S3 server, the Stripe stand-in and a flaky webhook receiver on loopback; drives a mixed
workload at both web instances while it injects faults on a printed schedule; then checks the invariants and
prints a summary. Exit status 0 only when every invariant holds. docs/operations.md describes it.
"""
