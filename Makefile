# Thin targets. The README's two commands are `make serve` and `make test`.
# uv is bootstrapped into .tools/ from PyPI (pinned); Python dependencies come from uv.lock;
# browser packages come from package-lock.json; the browser for the end-to-end tests is
# Debian's chromium (with firefox-esr, and WebKitGTK's driver under xvfb, for a smoke part), and
# the servers of the hosting tests are Debian's nginx and apache2: their paths live here (the
# targets below install them) and reach the Python side as $CHROMIUM, $FIREFOX, $WEBKIT_DRIVER,
# $XVFB, $NGINX and $APACHE.
UV_VERSION := 0.13.9
UV := .tools/bin/uv
RUN := $(UV) run --locked
export CHROMIUM := /usr/bin/chromium
export NGINX := /usr/sbin/nginx
export APACHE := /usr/sbin/apache2
export FIREFOX := /usr/bin/firefox-esr
export WEBKIT_DRIVER := /usr/bin/WebKitWebDriver
export XVFB := /usr/bin/Xvfb
ENGINES := $(FIREFOX) $(WEBKIT_DRIVER) $(XVFB)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup site serve lint test bench audit clean

$(UV):
	python3 -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# Browser-side packages (Pyodide, Chart.js), pinned by package-lock.json
node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund

setup: $(UV) node_modules/.package-lock.json
	$(UV) sync --locked

$(CHROMIUM) $(NGINX) $(APACHE) $(ENGINES) &:
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-noto-cjk nginx \
		apache2 firefox-esr webkit2gtk-driver xvfb

site: setup
	$(RUN) mkdocs build --strict

# `make serve PORT=9000` for another port than build_scripts/static_server.py's
serve: site
	$(RUN) python -m build_scripts.static_server site $(PORT)

lint: setup
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) mypy

# Every test, in two pytest workers (one per core), the browser tests against Debian's nginx with
# deploy/nginx.conf, where any Content-Security-Policy violation the browser reports fails the
# test that caused it. Then the tests whose outcome can depend on the server (every_server) again
# on Python's static server as `make serve` runs it, on Debian's apache2 with deploy/apache.conf,
# and on nginx under a host name that is not a secure context, as a plain-HTTP intranet is.
# Every pass tests the site `make site` built (BUILT_SITE).
test: lint site $(CHROMIUM) $(NGINX) $(APACHE) $(ENGINES)
	BUILT_SITE=site $(RUN) pytest -n 2
	BUILT_SITE=site $(RUN) pytest tests/site --server python -m every_server
	BUILT_SITE=site $(RUN) pytest tests/site --server apache -m every_server
	BUILT_SITE=site $(RUN) pytest tests/site --host intranet.test -m every_server

bench: site $(CHROMIUM)
	$(RUN) python -m build_scripts.bench 7

# Lighthouse on the home and calculator pages under nginx with deploy/nginx.conf, AUDIT_RUNS times
# each (its single run is noisy on two cores): `make audit AUDIT_RUNS=3` for fewer
AUDIT_RUNS := 5
audit: site $(CHROMIUM) $(NGINX)
	$(RUN) python -m build_scripts.audit site $(AUDIT_RUNS)

clean:
	rm -rf .tools .venv build site dist
