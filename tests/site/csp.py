"""Content-Security-Policy violation reports, as the browser posts them to ``report-uri``."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from build_scripts.static_server import LOCALHOST


class Reports:
    """What the browser reported; ``url`` is the ``report-uri`` to name in the policies."""

    def __init__(self) -> None:
        self.url = ""
        self.received: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    def add(self, report: dict[str, Any]) -> None:
        with self._lock:
            self.received.append(report)

    def since(self, start: int) -> list[str]:
        """One line per report from number ``start`` on: directive, blocked URI, where."""
        with self._lock:
            reports = self.received[start:]
        return [
            f"{r.get('violated-directive')} blocked {r.get('blocked-uri')!r} in "
            f"{r.get('source-file') or r.get('document-uri')}:{r.get('line-number', '')}"
            for r in reports
        ]


@contextmanager
def collect() -> Iterator[Reports]:
    reports = Reports()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            reports.add(json.loads(body or b"{}").get("csp-report", {}))
            self.send_response(204)
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = ThreadingHTTPServer((LOCALHOST, 0), Handler)
    reports.url = f"http://{LOCALHOST}:{server.server_address[1]}/csp"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield reports
    finally:
        server.shutdown()
        server.server_close()
