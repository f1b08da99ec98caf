"""Precompress the built site: a ``.gz`` and a ``.br`` beside each compressible file.

nginx sends them as they are (``gzip_static``, and ``brotli_static`` with Debian's
libnginx-mod-http-brotli-static, see deploy/README.md) instead of compressing each response at a
low level. gzip is at its highest level (zlib 9); brotli at quality 11, except for the few files
over ``LARGE`` bytes (the engine's snapshot and WebAssembly runtime, Pyodide's loader), which get
quality 9: on this machine quality 11 took 75 s for the snapshot and 40 s for the runtime, for
13 % fewer bytes (4.26 against 4.87 MB, 2.74 against 3.10 MB). A twin is written only when it is
smaller than its original. The compressed bytes are kept in build/precompressed/, named by the
original's SHA-256 (in a folder named by the levels), so a file unchanged since the last build
(the runtime, the theme) costs nothing the next time; what the build did not use is removed.
Runs last, after every hook that writes into the site.
"""

from __future__ import annotations

import gzip
import hashlib
import multiprocessing
import os
import time
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import brotli
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger

ROOT = Path(__file__).resolve().parents[2]
LARGE = 1_000_000
CACHE = ROOT / "build" / "precompressed" / f"gzip9-br11-br9-over-{LARGE}"
#: what is worth compressing (the rest is compressed already: .zip, .whl, .png, .gz)
COMPRESSIBLE = frozenset(
    {".html", ".css", ".js", ".mjs", ".json", ".map", ".svg", ".xml", ".wasm", ".bin",
     ".webmanifest", ".txt"}
)  # fmt: skip
log = get_plugin_logger(__name__)


def _compress(pool: ProcessPoolExecutor, suffix: str, data: bytes) -> Future[bytes]:
    if suffix == ".gz":
        return pool.submit(gzip.compress, data, 9, mtime=0)
    return pool.submit(brotli.compress, data, quality=9 if len(data) > LARGE else 11)


def precompress(site: Path, cache: Path = CACHE) -> int:
    """Write the twins of every compressible file of `site`; the number written. What the cache
    lacks is compressed in one process per core (zlib and brotli hold the GIL)."""
    cache.mkdir(parents=True, exist_ok=True)
    jobs: dict[tuple[Path, str], tuple[Path, int, Future[bytes] | None]] = {}
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=os.cpu_count(), mp_context=spawn) as pool:
        for path in sorted(site.rglob("*")):
            if path.suffix not in COMPRESSIBLE or not path.is_file():
                continue
            data = path.read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            for suffix in (".gz", ".br"):
                kept = cache / (digest + suffix)
                job = None if kept.is_file() else _compress(pool, suffix, data)
                jobs[path, suffix] = (kept, len(data), job)
        written = 0
        for (path, suffix), (kept, size, job) in jobs.items():
            if job is not None:
                kept.write_bytes(job.result())
            if kept.stat().st_size < size:
                path.with_name(path.name + suffix).write_bytes(kept.read_bytes())
                written += 1
    for stale in set(cache.iterdir()) - {kept for kept, _, _ in jobs.values()}:
        stale.unlink()
    return written


def on_post_build(config: MkDocsConfig) -> None:
    start = time.monotonic()
    written = precompress(Path(config.site_dir))
    log.info("%d precompressed files in %.1f s", written, time.monotonic() - start)
