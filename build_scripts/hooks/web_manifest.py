"""The web app manifest, ``manifest.webmanifest`` at the site's root: the site can be installed.

A reader on a phone (or a laptop at a site visit) adds the site to the home screen; with the
service worker (build_scripts/hooks/service_worker.py) it then opens without a network. The name
is mkdocs.yml's ``site_name``, the short name under the icon its ``extra.short_name``; the icon is
the site's own (docs/assets/images/icon.svg). Every URL is relative to the manifest, so the site
installs under any sub-path. overrides/main.html links the manifest from every page.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

NAME = "manifest.webmanifest"
ICON = "assets/images/icon.svg"
#: the theme's indigo (mkdocs.yml's palette), as the installed app's title bar
THEME_COLOR = "#3f51b5"


def manifest(config: MkDocsConfig) -> dict[str, object]:
    short_name = config.extra.get("short_name")
    if not isinstance(short_name, str) or not short_name:
        msg = "mkdocs.yml has no extra.short_name (the installed site's name under its icon)"
        raise PluginError(msg)
    return {
        "name": config.site_name,
        "short_name": short_name,
        "description": config.site_description,
        "lang": "zh-CN",
        "id": "./",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOR,
        "icons": [{"src": ICON, "sizes": "any", "type": "image/svg+xml", "purpose": "any"}],
    }


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    if not (site / ICON).is_file():
        msg = f"{ICON} is missing from the built site (docs/{ICON})"
        raise PluginError(msg)
    text = json.dumps(manifest(config), ensure_ascii=False, indent=2) + "\n"
    (site / NAME).write_text(text, encoding="utf-8")
