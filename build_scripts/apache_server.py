"""Debian's Apache httpd 2.4 serving a built site with `deploy/apache.conf`, as nginx_server.py
does with nginx.conf: the file as shipped, with its port and folder swapped, under a main
configuration of its own in a temporary ServerRoot (Debian's /etc/apache2 is not read). With
``report_to``, both Content-Security-Policy values also name that URL in ``report-uri``.

    python -m build_scripts.apache_server [DIRECTORY] [PORT]
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from build_scripts.nginx_server import (
    ALIAS,
    PORT,
    ROOT,
    free_port,
    running,
    serve_until_interrupted,
)
from build_scripts.static_server import LOCALHOST

CONFIG = ROOT / "deploy" / "apache.conf"
_SEARCH = os.pathsep.join([os.environ.get("PATH", os.defpath), "/usr/sbin"])
#: $APACHE as the Makefile names it, else found on PATH or in sbin
APACHE = os.environ.get("APACHE") or shutil.which("apache2", path=_SEARCH) or "apache2"
MODULES_DIR = Path("/usr/lib/apache2/modules")
MODULES = ("mpm_event", "authz_core", "mime", "alias", "dir", "headers", "deflate", "filter")
_POLICY = re.compile(r"(Content-Security-Policy \"default-src 'none';[^\"]*)\"")


def site_config(
    site: Path, port: int, report_to: str | None = None, text: str | None = None
) -> str:
    """`deploy/apache.conf` (or `text`, a variant of it) for `site` on `port`."""
    text = CONFIG.read_text("utf-8") if text is None else text
    folder = f"{site.resolve()}/"
    swaps = [
        (f"Listen {PORT}\n", f"Listen {LOCALHOST}:{port}\n"),
        (f"<VirtualHost *:{PORT}>", f"<VirtualHost {LOCALHOST}:{port}>"),
        (f" {ALIAS}\n", f" {folder}\n"),
        (f"<Directory {ALIAS}>", f"<Directory {folder}>"),
    ]
    for old, new in swaps:
        if text.count(old) != 1:
            msg = f"{CONFIG} no longer has one {old.strip()!r}"
            raise ValueError(msg)
        text = text.replace(old, new)
    if report_to:
        text, policies = _POLICY.subn(rf'\1; report-uri {report_to}"', text)
        if policies != 2:
            msg = f"{CONFIG} no longer has its two Content-Security-Policy values"
            raise ValueError(msg)
    return text


def _main_config(folder: Path, site_conf: Path) -> str:
    """What Debian's /etc/apache2/apache2.conf would otherwise provide, in `folder`. Run as root
    (the tests are), the server's children run as the user that owns the site's folder."""
    modules = "\n".join(
        f"LoadModule {name}_module {MODULES_DIR / f'mod_{name}.so'}" for name in MODULES
    )
    return f"""ServerRoot {folder}
PidFile {folder / "httpd.pid"}
ErrorLog {folder / "error.log"}
LogLevel warn
ServerName {LOCALHOST}
ServerTokens Prod
ServerSignature Off
{modules}
TypesConfig /etc/mime.types
<Directory />
    Require all denied
    AllowOverride None
</Directory>
Include {site_conf}
"""


@contextmanager
def serve_apache(
    site: Path, port: int = 0, report_to: str | None = None, config: str | None = None
) -> Iterator[str]:
    """Run apache2 on `site` in the foreground; yields the URL of the site's root."""
    port = port or free_port()
    with tempfile.TemporaryDirectory(prefix="apache-") as name:
        folder = Path(name)
        site_conf = folder / "excellence.conf"
        site_conf.write_text(site_config(site, port, report_to, config), "utf-8")
        main = folder / "httpd.conf"
        main.write_text(_main_config(folder, site_conf), "utf-8")
        command = [APACHE, "-f", str(main), "-DFOREGROUND"]
        env = {**os.environ, "APACHE_RUN_DIR": str(folder)}
        with running(command, [APACHE, "-f", str(main), "-t"], port, env) as url:
            yield url


def main(argv: list[str]) -> int:
    return serve_until_interrupted(serve_apache, argv, "apache2 with deploy/apache.conf")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
