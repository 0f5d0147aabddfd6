"""The list of training steps and the command that runs them."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def data_dir(env: str, default: str) -> Path:
    """``$env`` if set, else ``<checkout>/../shared/data/<default>``."""
    value = os.environ.get(env)
    return Path(value) if value else ROOT.parent / "shared" / "data" / default


def _ner() -> int:
    from training.ner import main_all

    return main_all()


def _heads() -> int:
    from training.heads import main

    return main([])


STEPS: dict[str, Callable[[], int]] = {"ner": _ner, "heads": _heads}
"""Steps in the order they run: the heads' features use the tagger's actors."""


def main(argv: list[str]) -> int:
    names = argv or list(STEPS)
    unknown = [n for n in names if n not in STEPS]
    if unknown:
        print(f"unknown training step(s): {', '.join(unknown)}; known: {', '.join(STEPS)}")
        return 2
    status = 0
    for name in names:
        print(f"== training step: {name}", flush=True)
        status = max(status, STEPS[name]())
    return status
