"""Shared fixtures."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# evaluation/ and benchmarks/ are not shipped with the package: tests import them from the checkout
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
SEED = ROOT / "seeds" / "openai_microsoft_spannungen.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The sample article shipped in seeds/."""
    return SEED
