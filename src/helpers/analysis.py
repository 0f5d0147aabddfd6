"""Deprecated: use ``helpers.analyze`` (``helpers.pipeline``). Kept for one release."""

from __future__ import annotations

import warnings
from typing import Any

from helpers.pipeline import Analysis, check_k
from helpers.pipeline import analyze as _analyze

__all__ = ["Analysis", "analyze", "check_k"]


def analyze(*args: Any, **kwargs: Any) -> Analysis:
    """Deprecated alias of ``helpers.analyze``: same arguments, same result, plus a ``DeprecationWarning``."""
    warnings.warn("helpers.analysis.analyze is deprecated; use helpers.analyze", DeprecationWarning, stacklevel=2)
    return _analyze(*args, **kwargs)
