"""Benchmarks: a seeded synthetic MkDocs site (``generate``) and a with/without runner (``run``).

See ``docs/performance.md`` for the command, the figures and how to read them.
"""
