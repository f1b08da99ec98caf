"""Text from files and links shown to people: what may not reach a terminal or a message raw."""

from __future__ import annotations

import re

# C0 and C1 controls (escape sequences, BEL, line breaks inside one-line output), bidirectional
# controls that reorder what a reader sees, line and paragraph separators, lone surrogates
# (which no UTF-8 output can carry), and the noncharacters U+FFFE and U+FFFF: with the C0
# controls, every character XML 1.0 forbids (a Word document is XML).
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufffe\uffff]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` with every unsafe character written as its ``\\uXXXX`` escape."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def lone_surrogate(text: str) -> str | None:
    """The first lone surrogate in ``text`` (JSON's ``"\\ud800"`` decodes to one), if any."""
    found = _SURROGATE.search(text)
    return found[0] if found else None


def csv_cell(text: str) -> str:
    """A user-written CSV cell that Excel shows as text: one starting like a formula (``=``, ``+``,
    ``-``, ``@``, tab, carriage return) would be run as one when the file is opened."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
