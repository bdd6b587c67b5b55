"""The tooltip script and styles as files of a docs folder, for hosts without plugins (Zensical).

The MkDocs plugin adds its assets to the site itself. A host without plugins publishes what lies in
the docs folder, so ``autoglossary assets docs`` copies them to ``docs/assets/glossary/`` and the
site lists them under ``extra_css`` / ``extra_javascript``. A copy outlives upgrades of the
package: each copied file starts with a comment naming the version it came from, and
:func:`stale_copies` compares a copy with what the installed package would write now, so a build
can say that the copy is old (a new script with an old style, or the reverse, breaks tooltips
quietly otherwise).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from . import __version__

__all__ = ["ASSET_NAMES", "FOLDER", "Stale", "copy_assets", "expected_text", "stale_copies"]

#: Where the copies go inside the docs folder (the same site paths the MkDocs plugin publishes).
FOLDER = "assets/glossary"
#: The files copied: the tooltip script and style, and the index page's style.
ASSET_NAMES = ("glossary.js", "glossary.css", "glossary-index.css")

_PACKAGE_ASSETS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "assets")
_HEADER = (
    "/* mkdocs-autoglossary {version}: copied by `autoglossary assets`;"
    " run it again after an upgrade. */\n"
)
_HEADER_RE = re.compile(r"\A/\* mkdocs-autoglossary (\S+): copied by")


def expected_text(name: str) -> str:
    """What the installed package writes for the asset ``name``: a version header, then the file."""
    with open(os.path.join(_PACKAGE_ASSETS, name), encoding="utf-8") as fh:
        return _HEADER.format(version=__version__) + fh.read()


def copy_assets(docs_dir: str) -> list[str]:
    """Write every asset into ``docs_dir/assets/glossary/``; the paths written, in order.

    A file already there is replaced (it is ours: the command exists to refresh it)."""
    folder = os.path.join(docs_dir, *FOLDER.split("/"))
    os.makedirs(folder, exist_ok=True)
    written = []
    for name in ASSET_NAMES:
        path = os.path.join(folder, name)
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(expected_text(name))
        written.append(path)
    return written


@dataclass(frozen=True)
class Stale:
    """A copy that is not what the installed package would write."""

    path: str
    """The copy, relative to the docs folder (``assets/glossary/glossary.js``)."""
    version: str | None
    """The version its header names (None: no header, a copy made by hand)."""

    def reason(self) -> str:
        """Why it is stale, and how to fix it."""
        if self.version is None:
            source = "has no version header (copied by hand?)"
        elif self.version != __version__:
            source = f"comes from mkdocs-autoglossary {self.version}"
        else:
            source = "was changed after it was copied"
        return (
            f"this copy {source}; the installed package is {__version__} and writes another "
            "file: run `autoglossary assets DOCS_DIR` to refresh it (keep your own changes in a "
            "stylesheet of your own instead)"
        )


def stale_copies(docs_dir: str) -> list[Stale]:
    """The copies in ``docs_dir`` that differ from what :func:`copy_assets` writes now (missing
    files are not listed: a site may keep only the ones it uses)."""
    out = []
    for name in ASSET_NAMES:
        rel = f"{FOLDER}/{name}"
        path = os.path.join(docs_dir, *rel.split("/"))
        try:
            with open(path, encoding="utf-8", newline="") as fh:
                text = fh.read()
        except (OSError, UnicodeDecodeError):
            continue
        if text.replace("\r\n", "\n") == expected_text(name):
            continue
        m = _HEADER_RE.match(text)
        out.append(Stale(rel, m.group(1) if m else None))
    return out
