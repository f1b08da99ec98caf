"""The self-check page's data (部署自检, docs/usage/deploy-check.md): every file of the built site,
the authored ones (from docs/) apart from the generated ones (the theme's, the engine's, the
search index), and what a server must send for each (build_scripts/hosting.py), as
``assets/deploy-check.json``. Runs after every other hook has written its files."""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from build_scripts import hosting

DATA = "assets/deploy-check.json"
_authored: set[str] = set()


def on_files(files: Files, config: MkDocsConfig) -> Files:
    docs = Path(config.docs_dir).resolve()
    _authored.clear()
    _authored.update(
        file.dest_uri
        for file in files
        if file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(docs)
    )
    return files


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    files = [
        {"path": path.relative_to(site).as_posix(), "size": path.stat().st_size}
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.relative_to(site).as_posix() != DATA
    ]
    data = {
        "authored": [file for file in files if file["path"] in _authored],
        "generated": [file for file in files if file["path"] not in _authored],
        "requirements": hosting.requirements(),
    }
    (site / DATA).write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
