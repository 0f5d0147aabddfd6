"""``python -m benchmarks``: the tables of ``make bench``."""

import sys

from benchmarks.common import corpus_main, main

sys.exit(main() or corpus_main())
