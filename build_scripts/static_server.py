"""A static web server for the built site: `make serve`, the browser tests and the benchmark.

Python's ``http.server`` as it comes listens with a backlog of 5 connections; a page that asks
for a dozen module scripts at once overflows it, and the kernel's SYN retry then stalls a request
for a whole second. This one keeps a long backlog, serves ``.mjs`` and ``.wasm`` with the right
types, can serve the site under a sub-path only (as an intranet server may), and can mount extra
folders (the benchmark's reference pages), and can put markup at the top of every page's <head>
(the WebKit tests' error collector, as its driver has no console).

    python -m build_scripts.static_server [DIRECTORY] [PORT]
"""

from __future__ import annotations

import functools
import io
import sys
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

#: The harness's servers listen on the loopback interface only; `make serve` on this port.
LOCALHOST = "127.0.0.1"
PORT = 8000


class _Server(ThreadingHTTPServer):
    request_queue_size = 128
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that leaves mid-download (a closed tab, a service worker's precache cut off
        with its profile) is no error of the server's: no traceback for it."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class _Handler(SimpleHTTPRequestHandler):
    """Serves `directory` under `prefix`, and each of `mounts` (URL prefix → folder), quietly."""

    prefix = "/"
    mounts: Mapping[str, Path] = {}
    head = b""
    extensions_map = {  # noqa: RUF012 - the base class's own class attribute, extended
        **SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
    }

    def translate_path(self, path: str) -> str:
        for mount, folder in self.mounts.items():
            if path.startswith(mount):
                relative = path.removeprefix(mount).split("?")[0].split("#")[0]
                target = (folder / relative).resolve()
                return str(target if target.is_relative_to(folder.resolve()) else folder / "-")
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_prefix__")
        return super().translate_path("/" + path.removeprefix(self.prefix))

    def send_head(self) -> io.BufferedIOBase | None:  # type: ignore[override]
        """A page with `head` after its <head>; anything else as the base class serves it."""
        path = Path(self.translate_path(self.path))
        if self.path.split("?")[0].endswith("/"):
            path /= "index.html"
        if not self.head or path.suffix != ".html" or not path.is_file():
            return super().send_head()  # type: ignore[return-value]
        body = path.read_bytes().replace(b"<head>", b"<head>" + self.head, 1)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def serve(
    directory: Path,
    prefix: str = "/",
    mounts: Mapping[str, Path] | None = None,
    port: int = 0,
    head: str = "",
) -> Iterator[str]:
    """Serve `directory` on localhost; yields the URL of its root (ending in `prefix`)."""
    attributes = {"prefix": prefix, "mounts": dict(mounts or {}), "head": head.encode()}
    handler_class = type("Handler", (_Handler,), attributes)
    handler = functools.partial(handler_class, directory=str(directory))
    server = _Server((LOCALHOST, port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOCALHOST}:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def main(argv: list[str]) -> int:
    directory = Path(argv[0] if argv else "site")
    port = int(argv[1]) if len(argv) > 1 else PORT
    with serve(directory, port=port) as url:
        sys.stdout.write(f"Serving {directory}/ at {url} (Ctrl+C to stop)\n")
        sys.stdout.flush()
        with suppress(KeyboardInterrupt):
            threading.Event().wait()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
