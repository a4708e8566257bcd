"""The same admin pages over HTTP: gunicorn (one sync worker) on the bench database, a superuser's session cookie,
each page fetched once to warm the worker, then `repeat` times; the median is shown."""

import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

import requests
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from bench.__main__ import ROOT, free_port, wait_for

from .timing import Timing, pages, superuser

SESSION_BACKEND = "shopplatform.accounts.authentication.EmailOrUsernameBackend"


def signed_in_session() -> requests.Session:
    user = superuser()
    store = SessionStore()
    store[SESSION_KEY], store[BACKEND_SESSION_KEY] = str(user.pk), SESSION_BACKEND
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    session = requests.Session()
    session.cookies.set(settings.SESSION_COOKIE_NAME, store.session_key)
    return session


def run(*, repeat: int, labels=None) -> list[Timing]:
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "shopplatform.wsgi:application", "--workers", "1",
         "--bind", f"127.0.0.1:{port}", "--log-level", "error", "--timeout", "120"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"},
        start_new_session=True,
    )  # fmt: skip
    try:
        wait_for(port)
        session, base, results = signed_in_session(), f"http://127.0.0.1:{port}", []
        for page, url in pages(labels):
            session.get(base + url, allow_redirects=False, timeout=120)
            durations = []
            for _ in range(repeat):
                started = time.perf_counter()
                response = session.get(base + url, allow_redirects=False, timeout=120)
                durations.append((time.perf_counter() - started) * 1000)
            results.append(Timing(page, url, response.status_code, statistics.median(durations), -1))
        return results
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
