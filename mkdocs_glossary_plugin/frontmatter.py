"""A Markdown page's YAML front matter, read by MkDocs' rule.

MkDocs and Zensical split a page's front matter off before Markdown runs and hand it to us. The
command line (``usage``, ``check --docs``) and the Zensical adapter's backlink scan read page
files themselves, so they need the same rule, in one place: ``---`` on the first line, YAML up
to a line of ``---`` or ``...``; front matter that is not valid YAML, or not a mapping, stays in
the text, as MkDocs leaves it. (Glossary *sources* read their front matter differently: they keep
line numbers and report invalid YAML, see ``sources._common``.)
"""

from __future__ import annotations

import re
from typing import Any

import yaml

__all__ = ["front_matter"]

_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\r?\n(.*?\r?\n)?(?:-{3}|\.{3})[ \t]*(?:\r?\n|\Z)", re.S)


def front_matter(text: str) -> tuple[dict[str, Any], str]:
    """A page's front matter (``{}`` when it has none) and the Markdown after it."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    try:
        meta = yaml.safe_load(m.group(1) or "")
    except yaml.YAMLError:
        return {}, text
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return {}, text
    return meta, text[m.end() :]
