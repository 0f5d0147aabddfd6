"""Progress on stderr: a bar in a terminal, plain occasional lines in logs and pipes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from helpers.cli.main import main
from helpers.cli.progress import LineProgress, is_terminal, progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_log_gets_whole_lines_not_carriage_returns() -> None:
    log = io.StringIO()
    bar = progress(4, "tension-profile", stream=log, interval=0.0)
    assert isinstance(bar, LineProgress)
    for _ in range(4):
        bar.update()
    bar.close()
    text = log.getvalue()
    assert "\r" not in text
    assert text.splitlines() == [f"tension-profile: {i}/4 articles ({25 * i} %), 0 s" for i in range(1, 5)]


def test_lines_are_occasional_and_the_last_always_written() -> None:
    log = io.StringIO()
    with LineProgress(100, "run", stream=log, interval=3600.0) as bar:
        for _ in range(100):
            bar.update()
    lines = log.getvalue().splitlines()
    assert [line.split(",")[0] for line in lines] == ["run: 1/100 articles (1 %)", "run: 100/100 articles (100 %)"]


def test_an_interrupted_run_says_how_far_it_got() -> None:
    log = io.StringIO()
    bar = LineProgress(10, "run", stream=log, interval=3600.0)
    for _ in range(3):
        bar.update()
    bar.close()
    assert [line.split(",")[0] for line in log.getvalue().splitlines()] == ["run: 1/10 articles (10 %)",
                                                                           "run: 3/10 articles (30 %)"]


def test_a_terminal_gets_the_bar_and_disabled_gets_nothing() -> None:
    from tqdm import tqdm

    term = _Terminal()
    assert is_terminal(term) and not is_terminal(io.StringIO())
    bar = progress(2, "x", stream=term)
    assert isinstance(bar, tqdm)
    bar.close()
    quiet = io.StringIO()
    off = progress(2, "x", enabled=False, stream=quiet)
    off.update()
    off.close()
    assert quiet.getvalue() == ""


def test_batch_command_with_stderr_not_a_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("Die Gewerkschaft droht mit Streik. Der Vorstand lehnt ab.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("The union threatened a strike. The board refused.", encoding="utf-8")
    assert main(["analyze", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "\r" not in err
    assert "tension-profile: 2/2 articles (100 %)" in err


def test_a_stream_of_unknown_length_gets_lines_without_a_total() -> None:
    import io

    from helpers.cli.progress import LineProgress

    out = io.StringIO()
    bar = LineProgress(None, "corpus", stream=out, interval=0.0)
    bar.update(3)
    bar.close()
    assert out.getvalue().startswith("corpus: 3 articles, ") and "/" not in out.getvalue()
