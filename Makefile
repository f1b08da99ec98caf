# Thin targets; the README's two commands are `make serve` and `make test`.
# uv is bootstrapped into .tools/ from PyPI (pinned); every other dependency comes from uv.lock.
UV_VERSION := 0.13.9
UV := .tools/bin/uv
RUN := $(UV) run --locked

.PHONY: setup serve site test lint bench clean

$(UV):
	python3 -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

setup: $(UV)
	$(UV) sync --locked

serve: setup
	@echo "The site arrives with the guide issue; for now the calculator CLI:"
	$(RUN) python -m calculator scheme

lint: setup
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) mypy

test: lint
	$(RUN) pytest

clean:
	rm -rf .tools .venv build site dist
