"""The faults, injected on a fixed schedule while the workload runs, and the time each took to recover from.

Every fault runs in its own thread at its offset from the start of the workload (a cycle of CYCLE_SECONDS; a
longer soak repeats the cycle). A fault's window (start to end plus a settling margin) is the only time a 5xx may
be answered, and then only 503: problem+json under /api/, the short outage page elsewhere.
"""

import http.client
import threading
import time
from dataclasses import dataclass, field

import psycopg

CYCLE_SECONDS = 110
SETTLE_SECONDS = 5
# A worker killed mid-drain leaves its endpoint's due deliveries to the sweep and the next drains, behind whatever the
# workload queued meanwhile: on a fast machine the workload queues ~35 deliveries a second, the deliberately slow
# receiver takes fewer, and the last of those deliveries arrived 173 s after the kill in one run.
RECOVERY_TIMEOUT_SECONDS = 300
CATCH_ATTEMPTS = 40
# Media tasks queue behind the workload's deliveries and e-mails on busy workers: a burst's images may start only
# once the workload has ended, so the media fault keeps looking for up to a few minutes.
MEDIA_CATCH_ATTEMPTS = 240
DELIVERY_TASKS = ("webhooks.tasks.deliver_webhook_task", "webhooks.tasks.drain_webhook_endpoint_task")

SCHEDULE = [  # (offset in the cycle, fault)
    (10, "kill -9 of a worker mid delivery"),
    (22, "Redis restarted"),
    (34, "PostgreSQL connections terminated"),
    (44, "S3 stand-in down 10 s"),
    (58, "kill -9 of a worker mid media task"),
    (68, "webhook receiver down 30 s"),
    (76, "web instance killed and restarted"),
]


@dataclass
class Injection:
    name: str
    planned_at: float
    started_at: float = 0.0
    ended_at: float = 0.0
    recovered_after: float | None = None  # seconds from the end of the fault (a kill: the kill) to health
    injected: bool = False
    note: str = ""

    @property
    def window(self) -> tuple[float, float]:
        return self.started_at, self.ended_at + SETTLE_SECONDS


@dataclass
class Injector:
    cluster: object
    receiver: object
    workload: object
    admin_database_url: str
    database_name: str
    injections: list[Injection] = field(default_factory=list)

    def plan(self, *, seconds: float) -> list[tuple[float, str]]:
        cycles = max(1, int(seconds // CYCLE_SECONDS))
        return [(cycle * CYCLE_SECONDS + offset, name) for cycle in range(cycles) for offset, name in SCHEDULE]

    def start(self, *, seconds: float, origin: float) -> list[threading.Thread]:
        threads = []
        for offset, name in self.plan(seconds=seconds):
            injection = Injection(name=name, planned_at=offset)
            self.injections.append(injection)
            thread = threading.Thread(target=self._run, args=(injection, origin + offset), daemon=True)
            thread.start()
            threads.append(thread)
        return threads

    def _run(self, injection: Injection, at: float) -> None:
        time.sleep(max(0.0, at - time.monotonic()))
        action, recovered = self._actions()[injection.name]
        injection.started_at = time.monotonic()
        try:
            probe = action(injection)
        except Exception as error:  # a fault that could not be injected fails the soak, it does not stop it
            injection.note = f"could not inject: {error!r}"
            injection.ended_at = time.monotonic()
            return
        injection.ended_at = injection.ended_at or time.monotonic()  # a kill ends when the process dies
        if not injection.injected:
            return
        deadline = injection.ended_at + RECOVERY_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if (probe or recovered)():
                injection.recovered_after = time.monotonic() - injection.ended_at
                return
            time.sleep(0.5)

    def _actions(self) -> dict:
        return {
            "kill -9 of a worker mid delivery": (self.kill_worker_mid_delivery, None),
            "Redis restarted": (self.restart_redis, self.all_healthy),
            "PostgreSQL connections terminated": (self.terminate_connections, self.all_healthy),
            "S3 stand-in down 10 s": (self.stop_s3, None),
            "kill -9 of a worker mid media task": (self.kill_worker_mid_media, None),
            "webhook receiver down 30 s": (self.stop_receiver, None),
            "web instance killed and restarted": (self.kill_web, self.all_healthy),
        }

    # --- faults: each returns a probe of recovery when it has one of its own ---------------------------------
    def kill_worker_mid_delivery(self, injection: Injection):
        self.receiver.hold = True  # deliveries now take seconds, so one is surely under way when we look
        try:  # new deliveries go out in an endpoint's drain; retries and sweeps one by one
            caught = self._kill_worker_running(DELIVERY_TASKS, injection)
        finally:
            self.receiver.hold = False
        if caught is None:
            return None
        from webhooks.models import Delivery

        task, argument = caught
        if task == DELIVERY_TASKS[0]:
            deliveries = [argument]
        else:  # a drain of endpoint `argument`: what it had to send must all arrive
            due = Delivery.objects.filter(endpoint_id=argument, status__in=["pending", "retrying"])
            deliveries = list(due.values_list("pk", flat=True))
        return lambda: _fresh(
            lambda: Delivery.objects.filter(pk__in=deliveries, status="succeeded").count() == len(deliveries)
        )

    def kill_worker_mid_media(self, injection: Injection):
        burst = threading.Thread(target=self.workload.upload_burst, kwargs={"count": 3, "size": 3000})
        burst.start()  # large images take seconds to process: one of them is caught under way
        caught = self._kill_worker_running(
            ("media_library.tasks.process_media_task",), injection, attempts=MEDIA_CATCH_ATTEMPTS
        )
        burst.join()
        if caught is None:
            return None
        from media_library.models import Media

        media = caught[1]
        return lambda: _fresh(lambda: Media.objects.filter(pk=media).exclude(status="processing").exists())

    def _kill_worker_running(
        self, task_names: tuple[str, ...], injection: Injection, *, attempts: int = CATCH_ATTEMPTS
    ) -> tuple[str, int] | None:
        """Kill -9 the worker running one of `task_names` (then start it again); return that task and its argument."""
        from shopplatform.celery import app

        last_error = ""
        for _ in range(attempts):
            try:  # a new broker connection each look: a pooled one may have died with the Redis restart
                with app.connection_for_write() as connection:
                    active = app.control.inspect(timeout=1.0, connection=connection).active() or {}
            except Exception as error:
                last_error = f" (last look failed: {error!r})"
                time.sleep(0.5)
                continue
            for hostname, tasks in active.items():
                task = next((task for task in tasks if task.get("name") in task_names), None)
                if task is None:
                    continue
                worker = self.cluster.worker_named(hostname)
                with worker.lock:
                    worker.kill()
                injection.injected, injection.ended_at = True, time.monotonic()
                argument = task.get("args")
                argument = argument[0] if isinstance(argument, list | tuple) else int(str(argument).strip("[](),"))
                task_name = task["name"]
                injection.note = f"{worker.name} killed while running {task_name.rsplit('.', 1)[-1]}({argument})"
                time.sleep(2)
                with worker.lock:
                    worker.start()  # as the process supervisor would
                return task_name, int(argument)
            time.sleep(0.3)
        injection.note = f"no worker was caught running {' or '.join(task_names)} in {attempts} looks{last_error}"
        return None

    def restart_redis(self, injection: Injection):
        self.cluster.redis.kill()  # no persistence: queued messages and counters are lost with it
        injection.injected = True
        time.sleep(2)
        self.cluster.redis.start()

    def terminate_connections(self, injection: Injection):
        with psycopg.connect(self.admin_database_url, autocommit=True) as connection:
            rows = connection.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [self.database_name],
            ).fetchall()
        injection.injected = True
        injection.note = f"{len(rows)} connections terminated"

    def stop_s3(self, injection: Injection):
        self.cluster.s3.stop()
        injection.injected = True
        time.sleep(10)
        self.cluster.s3.start()
        back_at = time.monotonic()
        return lambda: self.workload_succeeded("media upload", since=back_at)

    def stop_receiver(self, injection: Injection):
        self.receiver.stop()
        injection.injected = True
        time.sleep(30)
        self.receiver.start_again()
        back_at = time.monotonic()
        return lambda: self.receiver.last_acknowledged_at > back_at

    def kill_web(self, injection: Injection):
        web = self.cluster.web[1]
        with web.lock:
            web.kill()
        injection.injected = True
        time.sleep(3)
        with web.lock:
            web.start()

    # --- recovery probes ------------------------------------------------------------------------------------
    def all_healthy(self) -> bool:
        return all(_get_status(port, "/healthz") == 200 for port in self.cluster.web_ports)

    def workload_succeeded(self, action: str, *, since: float) -> bool:
        ledger = self.workload.ledger
        with ledger.lock:
            recent = [o for o in ledger.outcomes[-400:] if o.action == action and o.at > since]
        return any(outcome.status is not None and outcome.status < 300 for outcome in recent)


def _get_status(port: int, path: str) -> int | None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path)
        return connection.getresponse().status
    except (OSError, http.client.HTTPException):
        return None
    finally:
        connection.close()


def _fresh(query) -> bool:
    """Run an ORM check on a fresh connection (the fault may have killed the previous one)."""
    from django.db import DatabaseError, connection

    connection.close()
    try:
        return query()
    except DatabaseError:
        return False
    finally:
        connection.close()
