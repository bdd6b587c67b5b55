"""Where a relative link written in a definition points, once the definition is shown elsewhere.

Its one job is resolving such a link for a tooltip summary (or the export), which is shown on
pages far from the glossary source: the link is read against the term's source file, as the
index page reads it, and becomes a site-root-relative URL that the payload then makes relative
to each page. Kept apart from the payload so the rule is one pure function of what the build
knows (the entry URL, the site's URL of a file, the index page's local files).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from urllib.parse import unquote

from ..index import LocalFiles
from ..model import Term
from ..urls import inside

__all__ = ["resolve_definition_url"]


def resolve_definition_url(
    term: Term,
    url: str,
    *,
    entry_url: Callable[[Term], str],
    url_of: Callable[[str], str | None] | None,
    local: LocalFiles | None,
    config_dir: str,
    docs_dir: str,
) -> str | None:
    """A relative URL of ``term``'s definition as a site-root-relative URL (``sub/page/#x``);
    None leaves it as written. A bare ``#fragment`` points into the entry's own page
    (``entry_url(term)``: its entry's URL, site-root-relative).

    ``url_of(src)``: the URL of a file of the site by its src path (None: not in the site);
    ``local``: the index page's resolution of local files (pictures included), when made.
    """
    path, _, frag = url.partition("#")
    suffix = f"#{frag}" if frag else ""
    if not path:
        return entry_url(term).partition("#")[0] + suffix
    if not term.path or url_of is None:
        return None
    if local is not None:  # the index page's own resolution, media included
        src = local.target(term, url)
        target = url_of(src) if src is not None else None
        return None if target is None else target + suffix
    source_dir = os.path.dirname(os.path.normpath(os.path.join(config_dir, term.path)))
    absolute = os.path.normpath(os.path.join(source_dir, unquote(path.partition("?")[0])))
    docs_dir = os.path.normpath(os.path.abspath(docs_dir))
    if not inside(absolute, docs_dir):
        return None  # outside docs_dir: published (or reported) by the index page's code
    target = url_of(os.path.relpath(absolute, docs_dir).replace(os.sep, "/"))
    return None if target is None else target + suffix
