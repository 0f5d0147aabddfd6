"""``python -m training [STEP ...]``: run the training steps (default: all, in order)."""

import sys

from training.run import main

sys.exit(main(sys.argv[1:]))
