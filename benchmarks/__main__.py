"""``python -m benchmarks``: the tables of ``make bench``."""

import sys

from benchmarks.common import main

sys.exit(main())
