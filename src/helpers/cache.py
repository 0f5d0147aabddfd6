"""The project's cache folder on disk (decoded lemma dictionaries, the language model).

Everything kept there can be recomputed; a missing or damaged file is rebuilt.
"""

from __future__ import annotations

import os
from pathlib import Path

CACHE_ENV = "TP_CACHE_DIR"
"""Environment variable: the project's cache folder (see ``cache_dir``)."""


def cache_dir() -> Path | None:
    """Where decoded lemma dictionaries and the language model are kept between runs, or None for no cache.

    ``$TP_CACHE_DIR`` (empty: no cache), else ``$XDG_CACHE_HOME/tension-profile`` or
    ``~/.cache/tension-profile`` (``%LOCALAPPDATA%`` on Windows).
    """
    if CACHE_ENV in os.environ:
        value = os.environ[CACHE_ENV].strip()
        return Path(value).expanduser() if value else None
    base = os.environ.get("XDG_CACHE_HOME") or (os.environ.get("LOCALAPPDATA") if os.name == "nt" else None)
    return Path(base or Path.home() / ".cache") / "tension-profile"
