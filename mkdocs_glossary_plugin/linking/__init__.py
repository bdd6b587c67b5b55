"""The tree linker: finds term mentions in a page's finished element tree and wraps them in links.

It knows no host: ``mkdocs_glossary_plugin.extension`` registers it with Python-Markdown, and
any host (MkDocs, plain Python-Markdown) drives it through a :class:`~.state.LinkerState`.
One module per job, each used by the next:

- ``markup``: what the linker knows about HTML (skipped, inline, void and wrappable elements,
  stashed raw-HTML placeholders, the link element itself);
- ``state``: what the linker reads (matcher, glossary, the page) and the records it writes;
- ``flow``: the walk that lays a page's linkable texts end to end in one *flow* string;
- ``spans``: the rare mention written across inline markup (``**요청** 본문``), made into one
  link that wraps whole inline elements;
- ``linker``: the matches of a page turned into links, with ``link: first``, scopes and usage
  records.

Words with one meaning each here: the *flow* is the page's string the matcher reads; a *run* is
one piece of the flow that may be linked (an element's text or tail, or a part of one between
raw-HTML placeholders); a *slot* is one text that receives links; a *span* is one link over
several texts; a *scope* is a region where ``link: first`` starts afresh.
"""
