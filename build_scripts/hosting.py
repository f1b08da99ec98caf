"""What a web server must do for the site: one list, read by the self-check page's data (written
at build time by build_scripts/hooks/deploy_check.py), the nginx and Apache tests, and the test
of deploy/web.config (IIS, not run here).

Types: the browser refuses a module script that is not JavaScript and compiles `.wasm` as it
streams in only when it is `application/wasm`; the rest are what deploy/nginx.conf sends.
"""

from __future__ import annotations

import re
from typing import Final

#: The type each extension must be served with (parameters such as charset aside). Only the
#: first two are the browser's hard requirements; the rest keep nosniff from refusing a file.
TYPES: Final = {
    "mjs": "text/javascript",
    "wasm": "application/wasm",
    "js": "application/javascript",  # Debian's mime.types; text/javascript is as good
    "css": "text/css",
    "html": "text/html",
    "json": "application/json",
    "svg": "image/svg+xml",
    "bin": "application/octet-stream",  # the engine's snapshot
}
#: Types a browser takes as JavaScript (the HTML standard's list, the common ones)
JAVASCRIPT: Final = ("text/javascript", "application/javascript", "application/x-javascript")
#: Types a server must compress (gzip) when a file of that type is larger than COMPRESS_MIN
COMPRESSED: Final = (
    "text/html",
    "text/css",
    "text/javascript",
    "application/javascript",
    "application/json",
    "application/wasm",
    "image/svg+xml",
    "application/octet-stream",  # the engine's snapshot.bin
)
COMPRESS_MIN: Final = 1024
#: The theme's files with a content hash in their name: cached for a year; all else no-cache
HASHED: Final = r"\.[0-9a-f]{8}\.min\.(js|css)$"
CACHE_HASHED: Final = "public, max-age=31536000, immutable"
CACHE_OTHER: Final = "no-cache"
#: The only file whose policy lets it compile WebAssembly: the engine's worker
WORKER: Final = "assets/javascripts/calculator/worker.mjs"
CSP_WORKER: Final = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'"
CSP_PAGE: Final = (
    "default-src 'none'; script-src 'self'; worker-src 'self'; connect-src 'self'; "
    "style-src 'self'; img-src 'self' data:; font-src 'self'; manifest-src 'self'; "
    "form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'"
)
#: Sent with every response
HEADERS: Final = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}

#: Sent over HTTPS only: a browser ignores it on a plain-HTTP origin (localhost aside) and logs an
#: error for it on every page. Where it counts, it keeps a page that opened the site from driving
#: the calculator's window (setting its location to one share link after another).
HTTPS_HEADERS: Final = {"Cross-Origin-Opener-Policy": "same-origin"}


def cache_control(path: str) -> str:
    """The Cache-Control a file of the site must be sent with."""
    return CACHE_HASHED if re.search(HASHED, path) else CACHE_OTHER


def policy(path: str) -> str:
    return CSP_WORKER if path.endswith(WORKER) else CSP_PAGE


def directives(value: str) -> dict[str, list[str]]:
    """A Content-Security-Policy header as its directives and their sources."""
    return {part.split()[0]: part.split()[1:] for part in value.split(";") if part.strip()}


def requirements() -> dict[str, object]:
    """All of the above as the self-check page reads it (JSON)."""
    return {
        "types": TYPES,
        "javascript": list(JAVASCRIPT),
        "compressed": list(COMPRESSED),
        "compress_min": COMPRESS_MIN,
        "hashed": HASHED,
        "cache_hashed": CACHE_HASHED,
        "cache_other": CACHE_OTHER,
        "worker": WORKER,
        "csp_worker": CSP_WORKER,
        "csp_page": CSP_PAGE,
        "headers": HEADERS,
        "https_headers": HTTPS_HEADERS,
    }
