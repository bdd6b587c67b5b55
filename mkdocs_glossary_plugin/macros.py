"""The mkdocs-macros integration: a ``term(name, text=None)`` macro and a ``glossary`` variable.

mkdocs-macros-plugin is optional and never imported here: when a site uses it, MkDocs has already
imported it to load the plugin, so its class is looked up in ``sys.modules`` (importing it ourselves
would cost every build without macros ~0.1 s, its dependencies included).

It holds no MkDocs objects of its own; the plugin hands it the glossary, a function
that makes a term's href for a page URL, and callbacks for warnings and usage records.

Why registration happens after every ``on_config`` (the plugin calls ``register`` from a later
hook): mkdocs-macros keeps the items other plugins register *before* its own ``on_config`` in
class-level dicts that are never cleared, and adds them with ``register_items``, which raises
``KeyError`` on a name that already exists. Registering early would therefore turn a user's own
``term`` macro (or a second build in the same process) into a traceback inside mkdocs-macros.
After its ``on_config`` the instance registry is fresh for this build and complete (the user's
module is loaded), so we can check for a clash first and turn it into a warning.
"""

from __future__ import annotations

import difflib
import html
import sys
from collections.abc import Callable, Iterable
from typing import Any

from .model import Glossary, Term

__all__ = [
    "MACRO_NAME",
    "VARIABLE_NAME",
    "TermMacro",
    "link_html",
    "macros_plugins",
    "register",
]

MACRO_NAME = "term"
VARIABLE_NAME = "glossary"


def link_html(href: str, term_id: str, text: str) -> str:
    """The explicit link: the linker's class and ``data-glossary-term``, so the tooltip
    payload, backlinks and the script treat both links alike.

    The attributes come in another order than on the linker's links: this link is raw HTML,
    kept as written (``class``, ``href``, ``data-glossary-term``), while the linker's are elements
    that Python-Markdown serializes with their attributes sorted (``class``,
    ``data-glossary-term``, ``href``). Readers of the HTML must therefore not rely on the order
    (``tooltips.mentioned_ids`` reads any order). ``text`` is Markdown source (the macro's output
    goes through Markdown): ``<``, ``>`` and ``&`` are escaped so a name such as ``a<b`` cannot
    open a tag, emphasis stays available.
    """
    return (
        f'<a class="glossary-term" href="{html.escape(href)}" '
        f'data-glossary-term="{html.escape(term_id)}">{html.escape(text, quote=False)}</a>'
    )


class TermMacro:
    """``term(name, text=None)``: an explicit link to a term (by name, alias or id).

    It works where auto-linking does not (after the first mention, in a heading) because the author
    asked for it. An unknown name is a warning naming the page (so ``--strict`` fails) and renders
    the text without a link: a typo must not break the page.
    """

    _glossary_term_macro = True  # lets a later registration recognise our own macro

    def __init__(
        self,
        glossary: Callable[[], Glossary | None],
        href: Callable[[Term, str], str],
        page: Callable[[], tuple[str, str] | None],
        warn: Callable[[str], None],
        used: Callable[[str, str], None] | None = None,
    ) -> None:
        """``page()`` returns ``(src_uri, url)`` of the page being rendered, or ``None``;
        ``href(term, page_url)`` the link target; ``used(src_uri, term_id)`` records usage."""
        self._glossary = glossary
        self._href = href
        self._page = page
        self._warn = warn
        self._used = used

    def __call__(self, name: object, text: object = None) -> str:
        label = str(name) if text is None else str(text)
        glossary = self._glossary()
        page = self._page()
        term = None
        if glossary is not None:
            term = glossary.lookup(str(name)) or glossary.get(str(name))
        if term is None:
            where = f"{page[0]}: " if page else ""
            hint = ""
            if glossary is not None:
                keys = [k for t in glossary for k in t.keys]
                close = difflib.get_close_matches(str(name), keys, n=1)
                if close:
                    hint = f" (did you mean '{close[0]}'?)"
            self._warn(f"{where}term({str(name)!r}): no glossary term or alias has this name{hint}")
            return html.escape(label, quote=False)
        if page is not None and self._used is not None:
            self._used(page[0], term.id)
        return link_html(self._href(term, page[1] if page else ""), term.id, label)


def macros_plugins(plugins: Iterable[object]) -> list[Any]:
    """The mkdocs-macros plugin instances among ``plugins`` (none when it is not loaded).

    A plugin instance of mkdocs-macros exists only if its module was imported, so the module's
    absence from ``sys.modules`` means there is none (not installed, or not in ``plugins``).
    """
    module = sys.modules.get("mkdocs_macros.plugin")
    klass = getattr(module, "MacrosPlugin", None)
    if not isinstance(klass, type):
        return []
    return [p for p in plugins if isinstance(p, klass)]


def _current_page(macros_plugin: Any) -> tuple[str, str] | None:
    """The page mkdocs-macros is rendering (set before rendering, whatever the plugin order)."""
    try:
        page = macros_plugin.page
    except AttributeError:
        return None
    file = getattr(page, "file", None)
    if file is None:
        return None
    return str(file.src_uri), str(page.url)


def register(
    plugins: Iterable[object],
    *,
    glossary: Callable[[], Glossary | None],
    href: Callable[[Term, str], str],
    warn: Callable[[str], None],
    used: Callable[[str, str], None] | None = None,
) -> int:
    """Register ``term`` and ``glossary`` with every configured mkdocs-macros instance.

    Call after every plugin's ``on_config``. Registers only names that are not there yet; a clash
    with the user's own macro or variable is a warning (the user's item wins). Returns how many
    macros plugins were set up.
    """
    count = 0
    for mp in macros_plugins(plugins):
        if getattr(mp, "_macros", None) is None or getattr(mp, "_variables", None) is None:
            # Its on_config has not run (it is disabled): registering now would land in its
            # class-level registry and break a later build. Nothing to render with anyway.
            continue
        count += 1

        def page(mp: Any = mp) -> tuple[str, str] | None:
            return _current_page(mp)

        existing = mp.macros.get(MACRO_NAME)
        if existing is not None and not getattr(existing, "_glossary_term_macro", False):
            warn(
                f"mkdocs-macros already has a macro named '{MACRO_NAME}' (from your macros module "
                "or another plugin); yours is kept and the glossary's term() macro is not "
                "registered. Rename yours to use the glossary's."
            )
        elif existing is None:
            macro = TermMacro(glossary, href, page, warn, used)
            try:
                mp.register_macros({MACRO_NAME: macro})
            except KeyError as exc:  # raced by another registration: same outcome as a clash
                warn(f"could not register the glossary's term() macro with mkdocs-macros: {exc}")

        if isinstance(mp.variables.get(VARIABLE_NAME), Glossary):
            pass  # registered by us earlier in this build
        elif VARIABLE_NAME in mp.variables:
            warn(
                f"mkdocs-macros already has a variable named '{VARIABLE_NAME}' (from 'extra' in "
                "mkdocs.yml or your macros module); yours is kept and the glossary's "
                f"'{VARIABLE_NAME}' variable is not registered."
            )
        else:
            try:
                mp.register_variables({VARIABLE_NAME: glossary()})
            except KeyError as exc:
                warn(f"could not register the glossary variable with mkdocs-macros: {exc}")
    return count
