"""Finding articles: files and folders to a sorted list of article files."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from helpers.errors import InputError
from helpers.io.reading import resolve_article

ARTICLE_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".markdown", ".html", ".htm")
"""File types picked up from folders."""


_SKIP_NAME = re.compile(r"^(readme|sources|licen[cs]e|changelog|copying)([._-]|$)", re.IGNORECASE)


def collect_articles(paths: str | Path | Iterable[str | Path],
                     exclude: Iterable[str | Path] = ()) -> list[Path]:
    """The article files named by ``paths`` (files or folders), in a deterministic order.

    Folders are searched recursively (sorted by relative path) for ``ARTICLE_SUFFIXES``;
    hidden entries, ``README``/``SOURCES``/``LICENSE``-like files and anything inside
    ``exclude`` (e.g. the output folder) are skipped. Relative paths are also tried
    relative to the project root (``resolve_article``). Duplicates are dropped.
    Raises ``InputError`` for a missing path or a folder without articles.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    given = list(paths)
    if not given:
        raise InputError("no article given: name at least one file or folder.")
    excluded = [Path(e).resolve() for e in exclude]
    found: list[Path] = []
    seen: set[Path] = set()
    for item in given:
        p = resolve_article(item)
        if not p.exists():
            raise InputError(f"no such file or folder: {str(item)!r}; check the path.")
        if p.is_dir():
            files = _scan(p, excluded)
            if not files:
                raise InputError(
                    f"{str(item)!r} contains no articles: expected {', '.join(ARTICLE_SUFFIXES)} files."
                )
        else:
            files = [p]
        for f in files:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                found.append(f)
    return found


def _scan(folder: Path, excluded: Sequence[Path]) -> list[Path]:
    out = []
    for f in folder.rglob("*"):
        rel = f.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if not f.is_file() or f.suffix.lower() not in ARTICLE_SUFFIXES or _SKIP_NAME.match(f.name):
            continue
        real = f.resolve()
        if any(real == e or e in real.parents for e in excluded):
            continue
        out.append(f)
    return sorted(out, key=lambda f: f.relative_to(folder).as_posix())


def safe_name(stem: str) -> str:
    name = re.sub(r"[^\w.-]+", "_", stem).strip("._")
    return name[:80] or "article"


def output_names(articles: Sequence[str | Path]) -> list[str]:
    """Folder names for ``articles``: the file stem, made filesystem-safe.

    Stems that occur more than once (also differing only in case) get ``-2``, ``-3``,
    ... in input order, so two ``article.txt`` in different folders never collide and
    the same input always gives the same names.
    """
    used: set[str] = set()
    names: list[str] = []
    for a in articles:
        base = safe_name(Path(a).stem)
        name, n = base, 2
        while name.lower() in used:
            name, n = f"{base}-{n}", n + 1
        used.add(name.lower())
        names.append(name)
    return names
