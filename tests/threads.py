"""Run a function from several threads at once, each with its own database connection (concurrency tests)."""

import threading

from django.db import connection


def run_in_threads(target, arguments: list) -> list:
    """Start one thread per argument behind a barrier so they race; return the exceptions they raised."""
    errors, barrier = [], threading.Barrier(len(arguments))

    def worker(argument):
        try:
            barrier.wait()
            target(argument)
        except Exception as error:  # collected and asserted empty by the caller
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
