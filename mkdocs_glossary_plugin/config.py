"""The plugin's configuration: every option of the contract, typed, with a docstring each.

The option names are public: users' ``mkdocs.yml`` files, our docs and the tests rely on them.
MkDocs validates the types, so a wrong type is MkDocs' own configuration error and an unknown
option is its own configuration warning (``--strict`` fails on it).
"""

from __future__ import annotations

from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

__all__ = ["GlossaryConfig", "IndexConfig"]


class _SourceItem(base.BaseConfigOption[Any]):
    """A glossary source: a path, or a mapping ``{path: ..., format: ...}`` to force a format."""

    FORMATS = ("headings", "deflist", "data", "abbr")

    def run_validation(self, value: object) -> Any:
        if isinstance(value, str):
            if not value.strip():
                raise base.ValidationError("a source path must not be empty")
            return value
        if isinstance(value, dict):
            unknown = set(value) - {"path", "format"}
            if unknown:
                raise base.ValidationError(
                    f"unknown key(s) {sorted(unknown)} in a source mapping; "
                    "use {path: FILE, format: headings|deflist|data|abbr}"
                )
            path = value.get("path")
            if not isinstance(path, str) or not path.strip():
                raise base.ValidationError("a source mapping needs a 'path' (a string)")
            fmt = value.get("format")
            if fmt is not None and fmt not in self.FORMATS:
                raise base.ValidationError(
                    f"unknown source format {fmt!r}; expected one of {', '.join(self.FORMATS)}"
                )
            return {"path": path, "format": fmt}
        raise base.ValidationError(
            f"expected a path or a mapping {{path: ..., format: ...}}, got {type(value).__name__}"
        )


class _Sources(base.BaseConfigOption[list[Any]]):
    """``source``: one item or a list of items (see ``_SourceItem``)."""

    def __init__(self) -> None:
        super().__init__()
        self.required = True
        self._item = _SourceItem()

    def run_validation(self, value: object) -> list[Any]:
        if value is None or value == []:
            raise base.ValidationError(
                "the glossary plugin needs 'source': the path of your glossary file, "
                "relative to the folder of mkdocs.yml (for example docs/glossary.md)"
            )
        items = value if isinstance(value, list) else [value]
        return [self._item.run_validation(item) for item in items]


class _WarnCode(c.Choice[str]):
    """A finding code of ``warn``: one of ``CODES``.

    ``fallback`` (a term missing in one language of a multilingual glossary) is reserved for
    per-language glossaries, which this version does not read: it is rejected with a message that
    says so, rather than accepted and never reported (a team relying on it would be misled).
    """

    CODES = ("unused", "undefined")

    def __init__(self) -> None:
        super().__init__(self.CODES)

    def run_validation(self, value: object) -> str:
        valid = ", ".join(self.CODES)
        if value == "fallback":
            raise base.ValidationError(
                "the finding code 'fallback' (a term missing in a language of a multilingual "
                f"glossary) is not available yet: this version reads one language; use {valid}"
            )
        if not isinstance(value, str) or value not in self.CODES:
            raise base.ValidationError(
                f"unknown finding code {value!r} in 'warn'; valid codes: {valid}"
            )
        return value


class IndexConfig(base.Config):
    """``index``: the generated A–Z page."""

    path = c.Type(str, default="glossary.md")
    """Source path (inside ``docs_dir``) of the generated page. If a glossary source is that very
    page, the generated page replaces its rendering."""

    title = c.Optional(c.Type(str))
    """Page title; default: the source's front-matter ``title``, else "Glossary" / "용어집"."""

    backlinks = c.Type(bool, default=True)
    """List under each entry the pages that mention the term, in nav order."""

    split = c.Choice(("auto", "never", "always"), default="auto")
    """``auto``: one page up to 500 terms, else one page per group; ``never``; ``always``."""


class GlossaryConfig(base.Config):
    """Options of the ``glossary`` plugin, documented in ``docs/configuration.md``."""

    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it from ``mkdocs.yml``."""

    source = _Sources()
    """A path or a list of paths, relative to the folder of ``mkdocs.yml``."""

    index = c.SubConfig(IndexConfig)
    """The generated A–Z index page."""

    link = c.Choice(("first", "all"), default="first")
    """``first``: only the first mention of each term on a page is linked; ``all``: every one."""

    tooltips = c.Type(bool, default=True)
    """Embed the definitions a page mentions and ship the tooltip script and style."""

    case_sensitive = c.Choice((True, False, "auto"), default="auto")
    """``auto``: a key with an upper-case letter after the first letter of one of its words
    (SGD, ViT, ResNet) matches case-sensitively, others case-insensitively."""

    plurals = c.Type(bool, default=True)
    """English plurals of Latin-script terms also match (Residual Blocks, FLOPs, MLPs)."""

    exclude = c.ListOfItems(c.Type(str), default=[])
    """Gitignore-style patterns of pages (src paths) where nothing is linked."""

    language = c.Optional(c.Type(str))
    """UI language (``en``, ``ko``).

    Default: ``theme.language`` (Material) or ``theme.locale``, else ``en``."""

    warn = c.ListOfItems(_WarnCode(), default=[])
    """Findings that become warnings, so ``mkdocs build --strict`` fails on them: ``unused``
    (a term no page mentions), ``undefined`` (a term without a definition). Unlisted findings
    are only counted in the build's INFO summary."""
