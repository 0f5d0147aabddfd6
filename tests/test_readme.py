"""The README's examples work as written (embetter style: documentation that is tested).

- Every ```python block runs, in order, from the project folder; a line that ends with a
  comment holding a Python literal (``len(sents)  # 42``) must evaluate to that literal.
- Every ``make <target>`` the README names exists in the Makefile with a one-line help.
- Every ``--option`` of the ``tension-profile analyze`` examples is one the command accepts.
"""

from __future__ import annotations

import ast
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, flags=re.S)


def _expectation(line: str) -> tuple[str, object] | None:
    """``expr  # literal`` -> (expr, literal) when the comment is a Python literal."""
    if "#" not in line or line.lstrip().startswith("#"):
        return None
    code, _, comment = line.partition("  #")
    try:
        return code.strip(), ast.literal_eval(comment.strip())
    except (ValueError, SyntaxError):
        return None


def test_python_examples_run_and_give_the_values_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = _blocks("python")
    assert blocks, "the README has Python examples"
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    checked = 0
    for block in blocks:
        for line in block.splitlines():
            expected = _expectation(line)
            if expected and not re.match(r"\s*[\w.\[\]\"', ]+\s=\s", expected[0]):
                assert eval(expected[0], namespace) == expected[1], line  # noqa: S307 - our own README
                checked += 1
            else:
                exec(line if not expected else expected[0], namespace)  # noqa: S102
    assert checked >= 1, "at least one example states its result"


def test_make_targets_named_in_the_readme_exist() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    documented = dict(re.findall(r"^([a-zA-Z_-]+):.*?## (.+)$", makefile, flags=re.M))
    named = set(re.findall(r"`make ([a-z]+)", README)) | set(re.findall(r"^make ([a-z]+)", README, flags=re.M))
    assert {"analyze", "test"} <= named
    missing = sorted(named - set(documented))
    assert not missing, f"README names make targets without a documented rule: {missing}"


def test_batch_options_in_the_readme_exist(capsys: pytest.CaptureFixture[str]) -> None:
    from helpers.cli.main import main

    assert main(["analyze", "--help"]) == 0
    known = set(re.findall(r"(--[a-z][a-z-]*)", capsys.readouterr().out))
    used = set(re.findall(r"(--[a-z][a-z-]*)", "\n".join(
        line for line in README.splitlines() if "tension-profile analyze" in line)))
    assert used, "the README shows the batch command"
    assert used <= known, f"README uses options the command lacks: {sorted(used - known)}"


def test_readme_opens_with_the_two_setup_commands() -> None:
    first_block = _blocks("bash")[0]
    assert [ln.split()[:2] for ln in first_block.splitlines() if ln.strip()] == [["make", "analyze"], ["make", "test"]]
    assert os.path.exists(ROOT / ".ci" / "run")
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").split("\n", 1)[-1].strip().endswith("make test")
