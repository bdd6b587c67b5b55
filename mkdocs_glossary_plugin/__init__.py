"""mkdocs-glossary-plugin: a real glossary for MkDocs sites."""

__version__ = "0.1.0"
