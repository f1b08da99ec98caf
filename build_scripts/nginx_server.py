"""Debian's nginx serving a built site with the reference setup, `deploy/nginx.conf`.

The browser tests (``--server nginx``, their default) and ``make audit`` use it.
The file is used as shipped, with two lines swapped: the `listen` port and the folder in `alias`.
Its sub-path, port and folder are IT staff's to copy, so the file keeps them as literals; here
they are named once, and tests/test_harness.py checks that the two agree.
With ``report_to``, every Content-Security-Policy also names that URL in ``report-uri``, so that
the browser posts each violation there — from pages and from workers alike.

    python -m build_scripts.nginx_server [DIRECTORY] [PORT]
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from pathlib import Path

from build_scripts.static_server import LOCALHOST

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "deploy" / "nginx.conf"
#: $NGINX as the Makefile names it, else found on PATH or in sbin (not on a user's PATH)
_SEARCH = os.pathsep.join([os.environ.get("PATH", os.defpath), "/usr/sbin"])
NGINX = os.environ.get("NGINX") or shutil.which("nginx", path=_SEARCH) or "nginx"
#: Where deploy/nginx.conf puts the site, on which port, from which folder
SUBPATH = "/standards/excellence/"
PORT = 8080
ALIAS = "/srv/excellence/site/"
_LISTEN = re.compile(rf"^(\s*)listen {PORT};$", re.MULTILINE)
_ALIAS = re.compile(rf"^(\s*)alias {re.escape(ALIAS)};$", re.MULTILINE)
_POLICY = re.compile(r"(\"default-src 'none';[^\"]*)\"")


def site_config(
    site: Path, port: int, report_to: str | None = None, text: str | None = None
) -> str:
    """`deploy/nginx.conf` (or `text`, a variant of it) for `site` on `port`; fails loudly if
    the file's shape has changed."""
    text = CONFIG.read_text("utf-8") if text is None else text
    text, listens = _LISTEN.subn(rf"\1listen {LOCALHOST}:{port};", text)
    text, aliases = _ALIAS.subn(rf"\1alias {site.resolve()}/;", text)
    if (listens, aliases) != (1, 1):
        msg = f"{CONFIG} no longer has one `listen {PORT};` and one `alias {ALIAS};`"
        raise ValueError(msg)
    if report_to:
        text, policies = _POLICY.subn(rf'\1; report-uri {report_to}"', text)
        if policies != 2:
            msg = f"{CONFIG} no longer has its two Content-Security-Policy values"
            raise ValueError(msg)
    return text


def _main_config(folder: Path, site_conf: Path) -> str:
    """The rest of an nginx.conf that Debian's /etc/nginx/nginx.conf would otherwise provide,
    everything in a temporary folder. ``user root`` lets the workers read a site in a private
    temporary folder when the tests run as root (ignored otherwise)."""
    temp = "\n".join(
        f"  {kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi")
    )
    return f"""user root;
daemon off;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
events {{ worker_connections 256; }}
http {{
  access_log off;
{temp}
  uwsgi_temp_path {folder / "uwsgi"};
  scgi_temp_path {folder / "scgi"};
  include {site_conf};
}}
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOCALHOST, 0))
        return int(probe.getsockname()[1])


@contextmanager
def serve_nginx(
    site: Path, port: int = 0, report_to: str | None = None, config: str | None = None
) -> Iterator[str]:
    """Run nginx on `site`; yields the URL of the site's root (under `SUBPATH`)."""
    port = port or free_port()
    with tempfile.TemporaryDirectory(prefix="nginx-") as name:
        folder = Path(name)
        site_conf = folder / "excellence.conf"
        site_conf.write_text(site_config(site, port, report_to, config), "utf-8")
        main = folder / "nginx.conf"
        main.write_text(_main_config(folder, site_conf), "utf-8")
        command = [NGINX, "-p", str(folder), "-c", str(main)]
        with running(command, [*command, "-t", "-q"], port) as url:
            yield url


@contextmanager
def running(
    command: list[str], test: list[str], port: int, env: dict[str, str] | None = None
) -> Iterator[str]:
    """A reference server: its configuration tested (`test`), then `command` run until the block
    ends; yields the URL of the site's root once it listens on `port`."""
    checked = subprocess.run(test, capture_output=True, text=True, check=False, env=env)  # noqa: S603
    if checked.returncode:
        raise RuntimeError(checked.stderr)
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=env)  # noqa: S603
    try:
        wait_for(port, process)
        yield f"http://{LOCALHOST}:{port}{SUBPATH}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stderr:
            process.stderr.close()


def wait_for(port: int, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(process.stderr.read() if process.stderr else "the server exited")
        with suppress(OSError), socket.create_connection((LOCALHOST, port), timeout=0.2):
            return
        time.sleep(0.05)
    msg = f"the server did not listen on port {port}"
    raise RuntimeError(msg)


def serve_until_interrupted(
    serving: Callable[[Path, int], AbstractContextManager[str]], argv: list[str], what: str
) -> int:
    """The command line of a reference server: ``[DIRECTORY] [PORT]``, until Ctrl+C."""
    site = Path(argv[0] if argv else "site")
    port = int(argv[1]) if len(argv) > 1 else PORT
    with serving(site, port) as url, suppress(KeyboardInterrupt):
        sys.stdout.write(f"{what} serving {site}/ at {url} (Ctrl+C to stop)\n")
        sys.stdout.flush()
        while True:
            time.sleep(3600)
    return 0


def main(argv: list[str]) -> int:
    return serve_until_interrupted(serve_nginx, argv, "nginx with deploy/nginx.conf")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
