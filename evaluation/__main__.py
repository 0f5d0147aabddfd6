"""``python -m evaluation``: the table of ``make eval``."""

import sys

from evaluation.harness import main

sys.exit(main())
