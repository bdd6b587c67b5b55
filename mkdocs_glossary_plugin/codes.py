"""The stable code of every finding: the one table of what a build or the command line reports.

A code is given where a problem is made (``Problem(..., code=UNUSED)``), not recognised later
from the message's wording: messages are for people and may be reworded at any time, while tools
filter on codes (``autoglossary check --format json``, the plugin's ``warn`` option). The table
lives in the host-free core, next to :class:`~.model.Problem`, because the core is what makes
the problems; the command line only reads a problem's code and prints the hint given here.

Codes are public: a code is never renamed or reused for another finding. ``unused``,
``undefined`` and ``fallback`` come first: they are the names the ``warn`` option takes. Every
code is listed in ``docs/command-line.md`` (a test keeps the page and this table in line, and
another that every ``Problem``/``SourceError`` the package makes names one of them).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = [
    "ALIAS_CONFLICT",
    "ASSETS_MISSING",
    "BACKLINKS_LEFT_OUT",
    "BAD_SOURCE_ENTRY",
    "BROKEN_LINK",
    "CODES",
    "CONVERSION_LOSS",
    "DEFINITION_WITHOUT_TERM",
    "DUPLICATE_ID",
    "DUPLICATE_KEY",
    "DUPLICATE_TERM",
    "EMPTY_SOURCE",
    "EMPTY_TERM_HEADING",
    "FALLBACK",
    "FRONT_MATTER",
    "FUNCTION_WORD",
    "INDEX_ENTRIES_LOST",
    "INDEX_MARKER_PAGE",
    "INDEX_PAGE_MISSING",
    "LISTED_TWICE",
    "LOADED",
    "MARKER_MISPLACED",
    "MARKER_MISSING",
    "NOT_ABBREVIATION",
    "NO_TERMS",
    "OPTION_IGNORED",
    "OTHER",
    "PAGE_NOT_SCANNED",
    "PAGE_REPLACED",
    "SAME_ID",
    "SHORT_KEY",
    "SOURCE_IN_DOCS",
    "STALE_ASSETS",
    "SUMMARY",
    "SUMMARY_NOT_RENDERED",
    "TEXT_OUTSIDE_TERMS",
    "TOOLTIPS_LEFT_OUT",
    "UNDEFINED",
    "UNKNOWN_KEY",
    "UNKNOWN_OPTION",
    "UNPAIRED_TERM",
    "UNREADABLE_PAGE",
    "UNREADABLE_SOURCE",
    "UNUSED",
    "WARN_CODES",
    "Code",
    "hint_of",
]


@dataclass(frozen=True)
class Code:
    """One finding code: its name, what it means (one line), and the fix to suggest."""

    name: str
    meaning: str
    hint: str = ""


# The warn option's codes.
UNUSED = "unused"
UNDEFINED = "undefined"
FALLBACK = "fallback"
# Reading the sources.
UNREADABLE_SOURCE = "unreadable-source"
BAD_SOURCE_ENTRY = "bad-source-entry"
LISTED_TWICE = "listed-twice"
EMPTY_SOURCE = "empty-source"
NO_TERMS = "no-terms"
EMPTY_TERM_HEADING = "empty-term-heading"
TEXT_OUTSIDE_TERMS = "text-outside-terms"
NOT_ABBREVIATION = "not-abbreviation"
DEFINITION_WITHOUT_TERM = "definition-without-term"
FRONT_MATTER = "front-matter"
DUPLICATE_KEY = "duplicate-key"
UNKNOWN_KEY = "unknown-key"
# The merged glossary.
DUPLICATE_TERM = "duplicate-term"
ALIAS_CONFLICT = "alias-conflict"
DUPLICATE_ID = "duplicate-id"
SAME_ID = "same-id"
UNPAIRED_TERM = "unpaired-term"
SHORT_KEY = "short-key"
FUNCTION_WORD = "function-word"
# The site and the build.
UNREADABLE_PAGE = "unreadable-page"
PAGE_REPLACED = "page-replaced"
INDEX_MARKER_PAGE = "index-marker-page"
SOURCE_IN_DOCS = "source-in-docs"
INDEX_PAGE_MISSING = "index-page-missing"
MARKER_MISSING = "marker-missing"
MARKER_MISPLACED = "marker-misplaced"
INDEX_ENTRIES_LOST = "index-entries-lost"
BROKEN_LINK = "broken-link"
SUMMARY_NOT_RENDERED = "summary-not-rendered"
TOOLTIPS_LEFT_OUT = "tooltips-left-out"
BACKLINKS_LEFT_OUT = "backlinks-left-out"
PAGE_NOT_SCANNED = "page-not-scanned"
STALE_ASSETS = "stale-assets"
ASSETS_MISSING = "assets-missing"
UNKNOWN_OPTION = "unknown-option"
OPTION_IGNORED = "option-ignored"
LOADED = "loaded"
SUMMARY = "summary"
CONVERSION_LOSS = "conversion-loss"
OTHER = "other"

_TABLE: tuple[Code, ...] = (
    Code(
        UNUSED,
        "a term no page mentions",
        "mention the term on a page, or remove it from the glossary",
    ),
    Code(UNDEFINED, "a term without a definition", "write a definition under the term"),
    Code(
        FALLBACK,
        "terms a language lacks, shown there with the default language's definition",
        "add the terms to that language's glossary",
    ),
    Code(
        UNREADABLE_SOURCE,
        "a source cannot be read: missing, a folder, not UTF-8 text, a binary file, invalid "
        "YAML or JSON, a format that cannot be recognised",
        "give a readable UTF-8 glossary file (paths are relative to the current folder)",
    ),
    Code(
        BAD_SOURCE_ENTRY,
        "an entry of the 'source' option without a 'path', or with an unknown 'format'",
        "give each mapping of 'source' a 'path' and, if any, a known 'format'",
    ),
    Code(LISTED_TWICE, "the same file given twice", "list each glossary file once"),
    Code(
        EMPTY_SOURCE,
        "an empty source file",
        "add terms to the file, or stop listing it",
    ),
    Code(
        NO_TERMS,
        "a source with no term in it",
        "check the file's format (see the formats page), or stop listing it",
    ),
    Code(
        EMPTY_TERM_HEADING,
        "a term heading without text",
        "write the term's name after the '#' marks, or remove the heading",
    ),
    Code(
        TEXT_OUTSIDE_TERMS,
        "text of a heading-format file that belongs to no term (ignored)",
        "move the text under a term heading, or remove it",
    ),
    Code(
        NOT_ABBREVIATION,
        "a line of an abbreviation file that is not '*[ABBR]: expansion'",
        "write the line as '*[ABBR]: expansion', or remove it",
    ),
    Code(
        DEFINITION_WITHOUT_TERM,
        "a definition-list ':' line with no term before it",
        "put the term on the line before the ':' line",
    ),
    Code(
        FRONT_MATTER,
        "front matter that is not valid YAML (its title is not used)",
        "fix the YAML between the '---' lines",
    ),
    Code(
        DUPLICATE_KEY,
        "a key written twice in one YAML/JSON entry",
        "keep one of the two keys",
    ),
    Code(
        UNKNOWN_KEY,
        "a key of a YAML/JSON entry that the plugin does not know (a typo)",
        "fix the key's spelling, or remove it",
    ),
    Code(
        DUPLICATE_TERM,
        "the same term defined twice (in one file or across files)",
        "rename or remove one of the two terms",
    ),
    Code(
        ALIAS_CONFLICT,
        "an alias that is another term's name or alias",
        "an alias must name only one term: rename or remove one of them",
    ),
    Code(
        DUPLICATE_ID,
        "two terms given the same explicit 'id'",
        "give one of the two terms another 'id'",
    ),
    Code(
        SAME_ID,
        "two names that make the same id: the second entry gets '-2'",
        "give one of the two terms an explicit 'id' to choose its anchor",
    ),
    Code(
        UNPAIRED_TERM,
        "a term of one language that pairs with no term of the default language",
        "give it the 'id' of its default-language term, or add that term",
    ),
    Code(
        SHORT_KEY,
        "a name or alias shorter than two characters: not linked automatically",
        "link the term explicitly where it is meant",
    ),
    Code(
        FUNCTION_WORD,
        "a name or alias that is a function word ('the', '및'): not linked automatically",
        "link the term explicitly, or set 'link: true' on it",
    ),
    Code(
        UNREADABLE_PAGE,
        "a page that is not UTF-8, or that a Markdown extension fails on; its mentions are "
        "not counted",
        "save the page as UTF-8 and fix it, or leave it out with --exclude",
    ),
    Code(
        PAGE_REPLACED,
        "a page at the index page's path, which the generated index replaces",
        "rename the page, or set the plugin's 'index.path' to another path",
    ),
    Code(
        INDEX_MARKER_PAGE,
        "a page at the index page's path that holds the index marker: the index takes its place",
    ),
    Code(
        SOURCE_IN_DOCS,
        "a glossary source inside the docs folder: not published as a page of its own",
    ),
    Code(
        INDEX_PAGE_MISSING,
        "the index page's path names no page of the docs folder (a plugin-less host)",
        "create the page with the index marker line, or set 'index.path' to the page that has it",
    ),
    Code(
        MARKER_MISSING,
        "the index page has no index marker line",
        "write the marker line where the index goes",
    ),
    Code(
        MARKER_MISPLACED,
        "the index marker line on a page that is not the index page",
        "move the line, or set 'index.path' to this page",
    ),
    Code(
        INDEX_ENTRIES_LOST,
        "entries missing from the index page (a definition leaves an element open)",
        "close the HTML element or code block the definition opens",
    ),
    Code(
        BROKEN_LINK,
        "a link or image in a definition that points to no file",
        "fix the path, or add the file",
    ),
    Code(
        SUMMARY_NOT_RENDERED,
        "a tooltip summary a Markdown extension fails on: the tooltip shows the name only",
        "simplify the term's summary or definition",
    ),
    Code(
        TOOLTIPS_LEFT_OUT,
        "the site's Markdown extensions cannot render definitions outside a page",
        "see 'Using with Zensical' for the extensions that need a page",
    ),
    Code(
        BACKLINKS_LEFT_OUT,
        "the site's Markdown extensions cannot render pages outside a build: no backlinks",
        "see 'Using with Zensical' for the extensions that need a page",
    ),
    Code(
        PAGE_NOT_SCANNED,
        "a page that cannot be read outside the build: no backlinks from it",
    ),
    Code(
        STALE_ASSETS,
        "a copy of the tooltip assets older than the package",
        "run 'autoglossary assets' again",
    ),
    Code(
        ASSETS_MISSING,
        "tooltips are on but the tooltip assets are not in the docs folder",
        "run 'autoglossary assets' and list its files under extra_css and extra_javascript",
    ),
    Code(
        UNKNOWN_OPTION,
        "an option or sub-option name the plugin does not know (a typo)",
        "fix the option's spelling, or remove it",
    ),
    Code(
        OPTION_IGNORED,
        "an option another plugin overrides (such as 'languages' with mkdocs-static-i18n)",
        "remove the option from the glossary plugin's options",
    ),
    Code(LOADED, "how many terms were loaded, and from which sources"),
    Code(SUMMARY, "the build's count of terms, links and pages"),
    Code(
        CONVERSION_LOSS,
        "with 'convert': a field the target format cannot hold (the command prints its fix)",
    ),
    Code(OTHER, "a message this version has no code for (reported, never dropped)"),
)

#: Every finding code by name, in the table's order (``unused``, ``undefined``, ``fallback``
#: first).
CODES: Mapping[str, Code] = MappingProxyType({code.name: code for code in _TABLE})

#: The codes the plugin's ``warn`` option takes: findings that become warnings on request.
WARN_CODES: tuple[str, ...] = (UNUSED, UNDEFINED, FALLBACK)


def hint_of(code: str) -> str:
    """The fix to suggest for a code ("" for a code without one, or not in the table)."""
    entry = CODES.get(code)
    return entry.hint if entry is not None else ""
