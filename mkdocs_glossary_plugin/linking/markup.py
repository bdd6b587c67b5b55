"""What the linker knows about HTML: which elements it skips, reads through or may wrap.

Kept apart from the walk that uses them so the rules read as one list: the site tests
(``tests/test_control.py``, the linker's properties) import the same sets to check that no link
ever lands inside a skipped element. Also here: how Python-Markdown's stashed raw HTML shows in a
text (placeholders) and how a raw tag is read, used both by the walk and by the spanning links,
and the one form of our link element.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

__all__ = [
    "INLINE_TAGS",
    "LINK_CLASS",
    "PLACEHOLDER_RE",
    "SCOPE_ATTR",
    "SKIP_ATTR",
    "SKIP_CLASSES",
    "SKIP_TAGS",
    "TAG_RE",
    "URL_RE",
    "VOID_TAGS",
    "WRAPPABLE_TAGS",
    "link_element",
    "raw_attrs_skip",
]

LINK_CLASS = "glossary-term"
#: An element with this attribute is a scope: ``link: first`` restarts inside it and the term
#: whose id is the value is never linked there (one scope per definition on the index page).
SCOPE_ATTR = "data-glossary-scope"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Elements whose text (and descendants' text) is never linked: a link inside a link is invalid
#: HTML (``a``); HTML's elements of computer text are literal: code, keys, program output and
#: variables (``code``, ``pre``, ``kbd``, ``samp``, ``var``); headings feed
#: the page title and the table of contents, which must stay plain; ``abbr`` shows its own
#: tooltip; a link inside an interactive element is invalid HTML (``button``, ``label``,
#: ``summary``, form controls); the rest hold raw text or foreign content (``script``, ``style``,
#: ``svg``, ``math``, ``template``, ``title``).
SKIP_TAGS = _words(
    "a code pre kbd samp var script style svg math h1 h2 h3 h4 h5 h6 abbr button label summary "
    "textarea select option template title"
)
#: Classes that make an element (and its descendants) skipped: an admonition's title is a
#: heading, ``arithmatex`` holds math source, ``no-glossary`` is the author's opt-out.
SKIP_CLASSES = frozenset({"admonition-title", "arithmatex", "no-glossary"})
#: An element with this attribute shows its own tooltip (``<dfn title="…">``): it is skipped, or
#: hovering a mention inside it would open two popups over each other.
SKIP_ATTR = "title"
#: Inline elements a link may wrap whole when a mention spans them (``**요청** 본문``): pure
#: emphasis, whose meaning survives inside a link. A ``span`` element qualifies only without a
#: title.
WRAPPABLE_TAGS = _words("strong em b i mark span")

#: Elements that do not end a piece of text: their text continues the words around them.
#: Everything else (p, li, td, div, br, ...) is a block boundary between texts.
INLINE_TAGS = _words(
    "a abbr b bdi bdo cite code data del dfn em i img input ins kbd mark q s samp small span "
    "strong sub sup time u var wbr math script"
)
#: Void elements never get a closing tag; a raw ``<br>`` must not be pushed on the raw-tag stack.
VOID_TAGS = _words("area base br col embed hr img input link meta param source track wbr")

#: Where Python-Markdown stashed a piece of raw HTML (a tag, an entity, a block) in a text: the
#: piece's index in ``md.htmlStash.rawHtmlBlocks``. It puts the piece back after the tree is
#: serialised, so in the tree the placeholder stands for it.
PLACEHOLDER_RE = re.compile("\x02wzxhzdk:([0-9]+)\x03")
#: An address written as text, from its scheme (``https://``, ``ftp://``) or ``www.`` to the next
#: space, block boundary (NUL in the flow) or skipped content (U+FFFC): Markdown leaves a bare URL
#: as text unless an extension links it (magiclink), and its words name a place, not a term, as
#: in code (``https://example.com/dropout/pooling`` mentions no ``dropout``).
URL_RE = re.compile(r"(?<![\w.+-])(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)[^\s\x00\ufffc]+")
#: One stashed raw tag, alone: closing slash, name, attributes.
TAG_RE = re.compile(
    r"""\s*<(/?)([A-Za-z][A-Za-z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>\s*""",
)
# One attribute of a raw tag: its name, then an optional quoted or bare value.
_ATTR_RE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")


def raw_attrs_skip(attrs: str) -> bool:
    """Whether a raw tag's attributes make its content skipped: a title (the element shows its
    own tooltip) or a skip class. Attributes are read one by one, so a value that merely
    contains ``title=`` or ``class=`` (``data-x="title=y"``) is not mistaken for one."""
    for m in _ATTR_RE.finditer(attrs):
        name = m.group(1).lower()
        if name == SKIP_ATTR:
            return True
        if name == "class":
            value = m.group(2) or m.group(3) or m.group(4) or ""
            if not SKIP_CLASSES.isdisjoint(value.split()):
                return True
    return False


def link_element(term_id: str, href: str) -> etree.Element:
    """A new ``<a class="glossary-term">`` to ``href`` for the term ``term_id``.

    Python-Markdown's serializer writes attributes in lexical order, so the page gets
    ``<a class="glossary-term" data-glossary-term="ID" href="URL">``, whatever the order here.
    """
    return etree.Element("a", {"class": LINK_CLASS, "href": href, "data-glossary-term": term_id})
