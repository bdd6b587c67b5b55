"""Generated Markdown documents that mention glossary terms, for the property tests.

``test_linker_properties`` renders them with plain Python-Markdown and ``test_site_properties``
builds whole sites from them; both read the output with ``skipped_ancestor``. Not a test module:
test modules never import each other, they import this.

A document is a run of blocks (paragraphs, headings, lists, block quotes, fenced and indented
code, ``no-glossary`` divs with ``md_in_html``, raw HTML blocks) whose text mixes mentions of many
terms (Latin and Hangul, some a part of another, some followed by a particle) with noise words that
only contain a term (``미니배치``, ``ResNets``, ``Pre-Net``) and inline constructs.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from bs4 import Tag

from mkdocs_glossary_plugin.extension import SKIP_ATTR, SKIP_CLASSES, SKIP_TAGS
from mkdocs_glossary_plugin.matching import PARTICLE_SEQUENCES
from mkdocs_glossary_plugin.model import Term

#: The Markdown extensions the documents are written for (fences, ``markdown`` in raw divs).
DOCUMENT_EXTENSIONS = ["md_in_html", "fenced_code"]

LATIN_WORDS = ["Res", "Net", "Block", "Drop", "SGD", "Mapping", "deep", "Batch"]
HANGUL_WORDS = ["정규화", "배치", "텐서", "모델", "학습"]
#: Words that contain a term without mentioning it, and plain words.
NOISE_WORDS = [
    "the", "x", "Nets", "ResNets", "Pre-Net", "Net-50", "SGDx", "deeply",
    "미니배치", "텐서플로", "모델링", "학습률", "는", "를", "3", "and",
]  # fmt: skip
PARTICLES = sorted(p for p in PARTICLE_SEQUENCES if len(p) <= 2)
#: Between two tokens of a paragraph: an edge on both sides for every key.
SEPS = [" ", " ", " ", ", ", " (", ") ", "; ", ". "]


def is_hangul(ch: str) -> bool:
    return "가" <= ch <= "힣"


def canon(name: str) -> str:
    """Independent normal form, to keep the names of a glossary distinct: lower case, hyphens
    and runs of spaces are one space, no space between two Hangul syllables."""
    low = re.sub(r"[\s\-]+", " ", name.lower())
    return re.sub(r"(?<=[가-힣]) (?=[가-힣])", "", low)


# -- documents -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Planted:
    start: int  # offset in the paragraph's text (``p.get_text()``)
    end: int
    term_id: str


@dataclass
class Paragraph:
    """A top-level paragraph: its text as rendered, the same text with the content of opaque
    inline constructs (code, links, skipped elements) blanked out, and the planted mentions."""

    text: str = ""
    visible: str = ""
    planted: list[Planted] = field(default_factory=list)


@dataclass
class Document:
    terms: list[Term]
    source: str
    paragraphs: list[Paragraph]


class MarkdownWriter:
    """Writes random Markdown from a glossary's terms and noise words (``rnd`` seeds it): a
    paragraph records its rendered text and where each mention was planted."""

    def __init__(self, terms: list[Term], rnd: random.Random) -> None:
        self.terms = terms
        self.rnd = rnd

    def mention(self) -> tuple[str, Term]:
        term = self.rnd.choice(self.terms)
        return term.name, term

    def word(self) -> str:
        return self.mention()[0] if self.rnd.random() < 0.5 else self.rnd.choice(NOISE_WORDS)

    def inline(self) -> tuple[str, str, bool]:
        """An inline construct: its Markdown, its rendered text, whether it is linkable."""
        w = self.word()
        constructs = [
            (f"*{w}*", w, True),
            (f"**{w}**", w, True),
            (f"`{w}`", w, False),
            (f"[{w}](https://example.com/)", w, False),
            (f'<a href="#x">{w}</a>', w, False),
            (f"<code>{w}</code>", w, False),
            (f"<kbd>{w}</kbd>", w, False),
            (f'<abbr title="t">{w}</abbr>', w, False),
            (f'<span class="no-glossary">{w}</span>', w, False),
            (f"<span>{w}</span>", w, True),
            (f'<dfn title="t">{w}</dfn>', w, False),
            (f'<span title="t">{w}</span>', w, False),
        ]
        return self.rnd.choice(constructs)

    def spanned(self, written: str) -> str:
        """A mention of several words, sometimes with some of them in Markdown emphasis that a
        link may wrap whole (``**요청** 본문``, ``Res *Net*``): still one mention. (Raw tags,
        ``<b>요청</b> 본문``, are not used here: ``test_linker_properties`` checks them by
        example, in ``test_a_mention_split_by_raw_tags_is_linked_whole``.)"""
        rnd = self.rnd
        if rnd.random() < 0.5:
            return written
        opening = closing = rnd.choice(["*", "**"])
        words = written.split(" ")
        wrapped = rnd.choice([{0}, {len(words) - 1}, set(range(len(words)))])
        return " ".join(
            f"{opening}{w}{closing}" if i in wrapped else w for i, w in enumerate(words)
        )

    def paragraph(self) -> tuple[str, Paragraph]:
        """Tokens joined by edges: planted mentions (sometimes with a particle), noise words
        and inline constructs. It starts with a word, so it is never read as another block."""
        rnd = self.rnd
        src = ""
        para = Paragraph()
        for i in range(rnd.randint(2, 12)):
            if i:
                sep = rnd.choice(SEPS)
                src += sep
                para.text += sep
                para.visible += sep
            roll = rnd.random() if i else 0.0
            if roll < 0.5:
                written, term = self.mention()
                start = len(para.text)
                para.planted.append(Planted(start, start + len(written), term.id))
                markup = self.spanned(written) if " " in written else written
                if rnd.random() < 0.3:
                    particle = rnd.choice(PARTICLES)
                    written += particle
                    markup += particle
                src += markup
                para.text += written
                para.visible += written
            elif roll < 0.7:
                w = rnd.choice(NOISE_WORDS)
                src += w
                para.text += w
                para.visible += w
            else:
                md, text, linkable = self.inline()
                src += md
                para.text += text
                para.visible += text if linkable else "\ufffc" * len(text)
        return src, para

    def line(self) -> str:
        return " ".join(self.word() for _ in range(self.rnd.randint(1, 5)))

    def block(self, paragraphs: list[Paragraph]) -> str:
        rnd = self.rnd
        kind = rnd.randrange(9)
        if kind <= 2:
            src, para = self.paragraph()
            paragraphs.append(para)
            return src
        if kind == 3:
            return "#" * rnd.randint(1, 6) + " " + self.line()
        if kind == 4:
            return "\n".join(f"- {self.paragraph()[0]}" for _ in range(rnd.randint(1, 3)))
        if kind == 5:
            return "> " + self.paragraph()[0]
        if kind == 6:
            lines = "\n".join(self.line() for _ in range(rnd.randint(1, 3)))
            return (
                f"```\n{lines}\n```"
                if rnd.random() < 0.5
                else "    " + lines.replace("\n", "\n    ")
            )
        if kind == 7:
            return f'<div class="no-glossary" markdown>\n\n{self.paragraph()[0]}\n\n</div>'
        return f"<div>\n{self.line()}\n</div>"


# -- reading the output ----------------------------------------------------------------------------


def skipped_ancestor(a: Tag) -> str | None:
    """The skipped context (tag, class or attribute) ``a`` sits in, or ``None``."""
    for parent in a.parents:
        if not isinstance(parent, Tag) or parent.name == "[document]":
            continue
        if parent.name in SKIP_TAGS:
            return parent.name
        if parent.has_attr(SKIP_ATTR):
            return f"{parent.name} {SKIP_ATTR}=…"
        hit = SKIP_CLASSES.intersection(parent.get("class") or [])
        if hit:
            return "." + sorted(hit)[0]
    return None
