"""A small closed-loop HTTP load generator: C threads with keep-alive connections, fixed request count."""

import http.client
import statistics
import threading
import time
from dataclasses import dataclass


@dataclass
class Result:
    name: str
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))] if ordered else 0.0

    def row(self) -> str:
        median = statistics.median(self.latencies_ms) if self.latencies_ms else 0.0
        return (
            f"{self.name:<28} {self.rps:>9.1f} req/s   p50 {median:>7.1f} ms   p95 {self.percentile(0.95):>7.1f} ms"
            f"   p99 {self.percentile(0.99):>7.1f} ms   errors {self.errors}"
        )


def run(name: str, port: int, paths: list[str], *, total: int, concurrency: int) -> Result:
    """Send `total` GETs spread over `concurrency` threads, cycling through `paths`."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    per_thread = total // concurrency

    def worker(offset: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        for index in range(per_thread):
            path = paths[(offset + index) % len(paths)]
            started = time.perf_counter()
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            mine.append((time.perf_counter() - started) * 1000)
            if response.status != 200:
                with lock:
                    errors[0] += 1
        connection.close()
        with lock:
            latencies.extend(mine)

    # Each thread takes its own slice of `paths`, so with as many paths as requests no URL is requested twice.
    threads = [threading.Thread(target=worker, args=(i * per_thread,)) for i in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Result(name, per_thread * concurrency, errors[0], time.perf_counter() - started, latencies)
