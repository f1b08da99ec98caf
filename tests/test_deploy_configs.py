"""The three servers' setups in deploy/ against the one list of what a server must do
(build_scripts/hosting.py, which the self-check page 部署自检 checks in the browser): nginx.conf
and apache.conf as text (the browser tests run both for real), web.config as XML (IIS is not run
here). And the page's side of the same list: hosting/server.js's types and the worker's modules."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from build_scripts import hosting
from tests.conftest import ROOT

DEPLOY = ROOT / "deploy"
SCRIPTS = ROOT / "docs" / "assets" / "javascripts"
SERVER_JS = (SCRIPTS / "hosting" / "server.js").read_text("utf-8")


def _js_value(name: str) -> object:
    """A constant of server.js written as JSON-like literals (arrays, objects of arrays)."""
    found = re.search(rf"export const {name} = (\[[^\]]*\]|\{{[^}}]*\}});", SERVER_JS)
    assert found, name
    text = found.group(1)
    for constant in ("JAVASCRIPT",):  # names it refers to
        inner = re.search(rf"const {constant} = (\[[^\]]*\]);", SERVER_JS)
        assert inner
        text = text.replace(f": {constant}", f": {inner.group(1)}")
    return json.loads(re.sub(r"(\w+):", r'"\1":', text))


def test_the_page_needs_the_list_s_types() -> None:
    needed = _js_value("NEEDED")
    assert needed == {
        "mjs": list(hosting.JAVASCRIPT),
        "js": list(hosting.JAVASCRIPT),
        "wasm": [hosting.TYPES["wasm"]],
    }
    assert hosting.TYPES["mjs"] in hosting.JAVASCRIPT
    assert hosting.TYPES["js"] in hosting.JAVASCRIPT


def test_the_worker_s_modules_are_its_imports() -> None:
    """What client.mjs checks when the worker's script does not run: every module it imports."""
    worker = (SCRIPTS / "calculator" / "worker.mjs").read_text("utf-8")
    imports = re.findall(r'^import .* from "([^"]+)";$', worker, re.MULTILINE)
    expected = sorted(["worker.mjs", *(path.removeprefix("./") for path in imports)])
    modules = _js_value("WORKER_MODULES")
    assert isinstance(modules, list)
    assert sorted(modules) == expected


def _compressed_types(text: str, directive: str) -> set[str]:
    return {
        word
        for line in re.findall(rf"{directive}([^;\n]*(?:\n\s+[^;\n]*)*)", text)
        for word in line.split()
    }


def test_nginx_conf() -> None:
    text = (DEPLOY / "nginx.conf").read_text("utf-8")
    assert f'"{hosting.CSP_PAGE}"' in text
    assert f'"{hosting.CSP_WORKER}"' in text
    assert f"~/{hosting.WORKER.replace('.', chr(92) + '.')}$" in text
    assert f"{hosting.TYPES['mjs']} mjs;" in text  # Debian's mime.types lacks it; it has wasm
    assert f'"~{hosting.HASHED}"  "{hosting.CACHE_HASHED}"' in text
    assert f'default                         "{hosting.CACHE_OTHER}"' in text
    gzip = _compressed_types(text, "gzip_types") | {"text/html"}  # nginx's gzip: always
    assert set(hosting.COMPRESSED) <= gzip
    assert f"gzip_min_length {hosting.COMPRESS_MIN};" in text
    for name, value in hosting.HEADERS.items():
        assert f'add_header {name} "{value}" always;' in text
    for name, value in hosting.HTTPS_HEADERS.items():
        variable = re.search(rf"add_header {name} \$(\w+) always;", text)
        assert variable, name
        assert re.search(rf'map \$https \${variable[1]} {{\s*on\s+"{value}";\s*default "";', text)


def test_apache_conf() -> None:
    text = (DEPLOY / "apache.conf").read_text("utf-8")
    assert f'Header always set Content-Security-Policy "{hosting.CSP_PAGE}"' in text
    worker = re.search(
        r'<Files "([^"]+)">\s*Header always set Content-Security-Policy "([^"]+)"', text
    )
    assert worker
    assert worker.groups() == (hosting.WORKER.rsplit("/", 1)[1], hosting.CSP_WORKER)
    for extension in ("mjs", "wasm"):
        assert f"AddType {hosting.TYPES[extension]} .{extension}" in text
    assert set(hosting.COMPRESSED) <= _compressed_types(text, "AddOutputFilterByType DEFLATE")
    assert f'Header always set Cache-Control "{hosting.CACHE_OTHER}"' in text
    hashed = re.search(r'<FilesMatch "([^"]+)">\s*Header always set Cache-Control "([^"]+)"', text)
    assert hashed
    assert hashed.groups() == (hosting.HASHED, hosting.CACHE_HASHED)
    for name, value in hosting.HEADERS.items():
        assert f'Header always set {name} "{value}"\n' in text
    for name, value in hosting.HTTPS_HEADERS.items():
        assert f'Header always set {name} "{value}" "expr=%{{HTTPS}} == \'on\'"' in text


def _web_config() -> ET.Element:
    return ET.parse(DEPLOY / "web.config").getroot()  # noqa: S314 - our own file


def _headers(element: ET.Element) -> dict[str, str]:
    return {
        add.get("name", ""): add.get("value", "") for add in element.iter("add") if add.get("name")
    }


def test_web_config_types() -> None:
    static = _web_config().find("system.webServer/staticContent")
    assert static is not None
    types = {
        m.get("fileExtension"): (m.get("mimeType") or "").split(";")[0]
        for m in static.iter("mimeMap")
    }
    removed = {r.get("fileExtension") for r in static.iter("remove")}
    assert set(types) <= removed  # IIS refuses a second mimeMap for an extension it knows
    for extension, kind in hosting.TYPES.items():
        if extension != "html":  # IIS's own
            assert types[f".{extension}"] == kind, extension
    assert types[".whl"] == "application/octet-stream"  # the engine's wheel: IIS 404s it else


def test_web_config_compression_and_errors() -> None:
    server = _web_config().find("system.webServer")
    assert server is not None
    url = server.find("urlCompression")
    assert url is not None
    assert url.get("doStaticCompression") == "true"
    http = server.find("httpCompression")
    assert http is not None
    assert http.get("minFileSizeForComp") == str(hosting.COMPRESS_MIN)
    enabled = {a.get("mimeType") for a in http.iter("add") if a.get("enabled") == "true"}
    assert set(hosting.COMPRESSED) <= enabled
    error = server.find("httpErrors/error[@statusCode='404']")
    assert error is not None
    assert error.get("path") == "404.html"


def test_web_config_headers_and_policies() -> None:
    root = _web_config()
    pages = root.find("system.webServer/httpProtocol/customHeaders")
    assert pages is not None
    headers = _headers(pages)
    assert headers.pop("Content-Security-Policy") == hosting.CSP_PAGE
    assert headers.pop("Cache-Control") == hosting.CACHE_OTHER
    assert headers == hosting.HEADERS
    workers = [
        location for location in root.findall("location") if location.get("path") == hosting.WORKER
    ]
    assert len(workers) == 1
    worker = workers[0].find("system.webServer/httpProtocol/customHeaders")
    assert worker is not None
    assert worker.find("remove[@name='Content-Security-Policy']") is not None
    assert _headers(worker) == {"Content-Security-Policy": hosting.CSP_WORKER}
    rule = root.find("system.webServer/rewrite/outboundRules/rule")
    assert rule is not None
    condition = rule.find("conditions/add")
    action = rule.find("action")
    match = rule.find("match")
    assert condition is not None
    assert action is not None
    assert match is not None
    assert match.get("serverVariable") == "RESPONSE_Cache_Control"
    assert condition.get("pattern") == hosting.HASHED
    assert action.get("value") == hosting.CACHE_HASHED


@pytest.mark.parametrize(
    ("path", "cache", "policy"),
    [
        ("assets/javascripts/bundle.a5f9d56c.min.js", hosting.CACHE_HASHED, hosting.CSP_PAGE),
        ("assets/javascripts/calculator/app.mjs", hosting.CACHE_OTHER, hosting.CSP_PAGE),
        (hosting.WORKER, hosting.CACHE_OTHER, hosting.CSP_WORKER),
    ],
)
def test_the_list_s_rules(path: str, cache: str, policy: str) -> None:
    assert hosting.cache_control(path) == cache
    assert hosting.policy(path) == policy
    assert "'wasm-unsafe-eval'" in hosting.directives(hosting.CSP_WORKER)["script-src"]
    assert "'wasm-unsafe-eval'" not in hosting.directives(hosting.CSP_PAGE)["script-src"]
