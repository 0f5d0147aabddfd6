"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "openai_microsoft_spannungen.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The sample article shipped in seeds/."""
    return SEED
