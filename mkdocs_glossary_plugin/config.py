"""The plugin's configuration as MkDocs reads it, built from the one schema in ``options.py``.

The option names are public: users' ``mkdocs.yml`` files, our docs and the tests rely on them.
Each MkDocs option below is MkDocs' own class (``Type``, ``Choice``, ``ListOfItems``,
``Optional``, ``SubConfig``, so tools that read a plugin's schema understand it), but its check
is the spec's: the names, defaults, rules and messages (and each option's documentation, the
spec's ``doc``) live in ``options.py`` alone, and another host validating a plain dict says the
same. MkDocs adds the option's name to each message; a wrong type is then an error and an
unknown option a configuration warning (``--strict`` fails on it).
"""

from __future__ import annotations

from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from . import options as o

__all__ = ["GlossaryConfig", "IndexConfig"]


def _checked(check: Any, value: object) -> Any:
    """Run a spec's rule; its ``Invalid`` becomes MkDocs' ``ValidationError`` (same text)."""
    try:
        return check(value)
    except o.Invalid as exc:
        raise base.ValidationError(str(exc)) from None


class _Type(c.Type[Any]):
    def __init__(self, spec: o.TypeSpec) -> None:
        super().__init__(spec.type, default=spec.default)
        self.spec = spec

    def run_validation(self, value: object) -> Any:
        return _checked(self.spec.check, value)


class _Choice(c.Choice[Any]):
    def __init__(self, spec: o.ChoiceSpec) -> None:
        super().__init__(spec.choices, default=spec.default)
        self.spec = spec

    def run_validation(self, value: object) -> Any:
        return _checked(self.spec.check, value)


class _List(c.ListOfItems[Any]):
    def __init__(self, spec: o.ListSpec) -> None:
        super().__init__(_option(spec.item), default=spec.default)
        self.spec = spec

    def run_validation(self, value: object) -> Any:
        return _checked(self.spec.validate, value)


class _Sources(base.BaseConfigOption[list[Any]]):
    """``source``: required, one item or a list of items."""

    def __init__(self, spec: o.SourcesSpec) -> None:
        super().__init__()
        self.required = True
        self.spec = spec

    def run_validation(self, value: object) -> list[Any]:
        result: list[Any] = _checked(self.spec.validate, value)
        return result


class _Checked(base.BaseConfigOption[Any]):
    """An option with a rule of its own (``languages``); unset stays None."""

    def __init__(self, spec: o.Spec) -> None:
        super().__init__()
        self.spec = spec

    def run_validation(self, value: object) -> Any:
        return _checked(self.spec.validate, value)


def _option(spec: o.Spec) -> Any:
    """The MkDocs option for a spec (a section is a ``SubConfig`` of its own class, below)."""
    if isinstance(spec, o.SourcesSpec):
        return _Sources(spec)
    if isinstance(spec, o.LanguagesSpec):
        return c.Optional(_Checked(spec))
    if isinstance(spec, o.ListSpec):
        return _List(spec)
    if isinstance(spec, o.ChoiceSpec):
        return _Choice(spec)
    if isinstance(spec, o.TypeSpec):
        return _Type(spec) if spec.default is not None else c.Optional(_Type(spec))
    raise TypeError(f"no MkDocs option for {type(spec).__name__}")  # pragma: no cover


def _spec(specs: tuple[o.Spec, ...], name: str) -> o.Spec:
    return next(spec for spec in specs if spec.name == name)


def _index(name: str) -> Any:
    return _option(_spec(o.INDEX_OPTIONS, name))


def _top(name: str) -> Any:
    return _option(_spec(o.OPTIONS, name))


class IndexConfig(base.Config):
    """``index``: the generated A–Z page (see ``options.INDEX_OPTIONS``)."""

    path = _index("path")
    title = _index("title")
    backlinks = _index("backlinks")
    split = _index("split")


class GlossaryConfig(base.Config):
    """Options of the ``glossary`` plugin (``options.OPTIONS``, documented in
    ``docs/configuration.md``), in the order they are checked."""

    enabled = _top("enabled")
    source = _top("source")
    index = c.SubConfig(IndexConfig)
    link = _top("link")
    tooltips = _top("tooltips")
    case_sensitive = _top("case_sensitive")
    plurals = _top("plurals")
    exclude = _top("exclude")
    language = _top("language")
    warn = _top("warn")
    languages = _top("languages")
    json_ld = _top("json_ld")
    export = _top("export")
