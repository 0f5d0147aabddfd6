"""``python -m training``: run every training step in order (``make train``)."""

from __future__ import annotations

import sys
from collections.abc import Callable

from training import ner

STEPS: list[tuple[str, Callable[[], int]]] = [
    ("named-entity tagger (German, English)", ner.main_all),
]
"""(what, step): each step returns an exit code; a step whose data is absent says so and returns 0."""


def main() -> int:
    code = 0
    for what, step in STEPS:
        print(f"== training: {what}", flush=True)
        code = max(code, step())
    return code


if __name__ == "__main__":
    sys.exit(main())
