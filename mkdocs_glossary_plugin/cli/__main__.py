"""``python -m mkdocs_glossary_plugin.cli``: the same as the ``autoglossary`` console script."""

import sys

from . import main

sys.exit(main())
