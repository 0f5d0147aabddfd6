"""Every in-process cache is bounded, so a worker's memory stays flat over a long corpus run.

Issue 16 measured one process growing from 254 MB to 490 MB over 600 articles: per-word
lookup caches (``functools.lru_cache(maxsize=200_000)``, one entry per distinct word,
substring or compound) kept every word they had seen. The check reads the source with
``ast``: every ``lru_cache`` must name a finite ``maxsize`` of at most ``LIMIT``, and
``functools.cache`` (unbounded) is not used.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "helpers"
LIMIT = 20_000


def _caches() -> list[tuple[str, int, ast.expr]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                fn = node.func
                name = fn.attr if isinstance(fn, ast.Attribute) else getattr(fn, "id", "")
                if name in ("lru_cache", "cache"):
                    found.append((f"{path.relative_to(PACKAGE)}:{node.lineno}", name, node))
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for dec in node.decorator_list:
                    if isinstance(dec, (ast.Name, ast.Attribute)):  # bare @lru_cache / @cache
                        name = dec.attr if isinstance(dec, ast.Attribute) else dec.id
                        if name in ("lru_cache", "cache"):
                            found.append((f"{path.relative_to(PACKAGE)}:{dec.lineno}", name, dec))
    return found


def test_the_package_has_caches_to_check() -> None:
    assert len(_caches()) >= 10


def test_every_lru_cache_is_bounded() -> None:
    bad = []
    for where, name, node in _caches():
        if name == "cache" or not isinstance(node, ast.Call):
            bad.append(f"{where}: unbounded @{name}")
            continue
        size = next((kw.value for kw in node.keywords if kw.arg == "maxsize"), node.args[0] if node.args else None)
        if not isinstance(size, ast.Constant) or not isinstance(size.value, int) or not 0 < size.value <= LIMIT:
            bad.append(f"{where}: maxsize {ast.unparse(size) if size is not None else '(default 128)'}")
    assert not bad, bad
