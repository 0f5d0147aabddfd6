"""Hostile and odd inputs: each gives one clear line or a correct result, through
``helpers.analysis.analyze`` and through the ``tension-profile`` command (in-process).

Also: article text never becomes markup in ``report.html``. (Identical outputs across
runs and ``PYTHONHASHSEED`` values: ``test_batch.py``, which has a finished batch to compare.)
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from helpers import InputError
from helpers.cli import batch, main
from helpers.pipeline import analyze

EN = (
    "The union threatened a strike at the airline on Friday. Management rejected the demands as "
    "unaffordable. Talks over wages collapsed after ten hours. Both sides accuse each other of "
    "blocking progress."
)
DE = (
    "Die Gewerkschaft droht der Fluggesellschaft mit einem Streik. Der Vorstand weist die Forderungen "
    "als unbezahlbar zurück. Die Verhandlungen über höhere Löhne sind gescheitert. Beide Seiten werfen "
    "sich gegenseitig Blockade vor."
)
XSS = (
    "The union threatened a strike <script>alert(1)</script> at the airline on Friday. "
    "Management rejected <img src=x onerror=alert(1)> the demands as unaffordable.\n\n"
    "Talks over wages collapsed after ten hours. Both sides accuse each other of blocking progress."
)

#: name -> (file name, bytes, expected: "error: <fragment>" or the sentence count)
CASES: dict[str, tuple[str, bytes, str | int]] = {
    "empty": ("empty.txt", b"", "error: empty.txt is empty"),
    "whitespace": ("blank.txt", b"  \n\n\t \r\n", "error: blank.txt contains only whitespace"),
    "binary": ("image.txt", bytes(range(256)) * 8, "error: image.txt looks binary"),
    "cp1252": ("windows.txt", DE.encode("cp1252"), 4),
    "bom_crlf": ("bom.txt", ("\ufeff" + EN.replace(". ", ".\r\n\r\n")).encode("utf-8"), 4),
    "html_page": ("page.html", (
        "<!DOCTYPE html><html><head><title>News</title><script>track()</script></head><body>"
        "<nav>Home | World</nav><p>" + EN + "</p><footer>(c) 2024</footer></body></html>").encode(), 4),
    "french": ("french.txt", ("Le syndicat menace de faire grève. La direction rejette les revendications. "
                              "Les négociations salariales ont échoué vendredi.").encode(),
               "error: the article looks like language 'fr'"),
    "one_sentence": ("one.txt", b"The union threatened a strike on Friday.", 1),
    "three_sentences": ("three.txt", b"The union threatened a strike. Management said no. Talks collapsed.", 3),
    "identical_50": ("same.txt", ("The union threatened a strike. " * 50).encode(), 50),
    "no_punctuation": ("flat.txt", b"the union threatened a strike management rejected the demands and the "
                                   b"talks collapsed late on friday night in the capital", 1),
    "only_numbers": ("numbers.txt", b"123 456 789\n2024 2025\n3.14 42\n", "error: numbers.txt contains no words"),
    "script_in_text": ("xss.txt", XSS.encode(), 4),
}


def _write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", list(CASES))
def test_analyze(case: str, tmp_path: Path) -> None:
    name, data, expected = CASES[case]
    path = _write(tmp_path, name, data)
    if isinstance(expected, str):
        with pytest.raises(InputError) as info:
            analyze(path)
        message = str(info.value)
        assert "\n" not in message and expected.removeprefix("error: ") in message
        return
    if case == "html_page":
        # analyze() reads files as plain text; the batch converts HTML first
        result = analyze(path)
        assert not result.sentences["text"].str.contains("<|track|Home", regex=True).any()
    else:
        result = analyze(path)
    assert len(result.sentences) == expected
    assert result.lang in ("de", "en")
    assert len(result.themes) >= 1 and result.sentences["theme"].notna().all()
    assert result.sentences["sentiment"].between(-1, 1).all()


@pytest.mark.parametrize("case", list(CASES))
def test_cli(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name, data, expected = CASES[case]
    path = _write(tmp_path / "in", name, data)
    out = tmp_path / "out"
    code = main.main(["analyze", str(path), "--out", str(out), "--no-progress"])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    row = pd.read_csv(out / "summary.csv", keep_default_na=False).iloc[0]
    stem = Path(name).stem
    if isinstance(expected, str):
        assert code == 1
        assert row["status"] == "error" and expected.removeprefix("error: ") in row["error"]
        assert f"  {stem}: {row['error']}" in err.splitlines()
        assert not (out / stem).exists()
        return
    assert code == 0, err
    assert row["status"] == "ok" and row["sentences"] == expected
    sentences = pd.read_csv(out / stem / "sentences.csv")
    assert len(sentences) == expected
    assert (out / stem / "report.html").stat().st_size > 1000


def test_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(InputError, match="no such file"):
        analyze(tmp_path / "nope.txt")
    assert main.main(["analyze", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no such file or folder" in err[0]
    assert not (tmp_path / "out").exists()


def test_folder_without_articles(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "photos"
    _write(folder, "cat.jpg", b"\xff\xd8\xff")
    with pytest.raises(InputError, match="is a folder"):
        analyze(folder)
    assert main.main(["analyze", str(folder), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "contains no articles" in err[0]


def test_script_is_escaped_text_in_report(tmp_path: Path) -> None:
    """Article text with markup shows as visible text and never becomes an element."""
    src = tmp_path / "in"
    _write(src, "xss.txt", XSS.encode())
    # entities in an HTML article decode to the same literal text; real <script> tags are dropped
    _write(src, "xss_page.html", ("<p>" + XSS.replace("<", "&lt;").replace(">", "&gt;").replace("\n\n", "</p><p>")
                                  + "</p><script>alert(2)</script><p onclick=\"alert(3)\">Clicked.</p>").encode())
    _write(src, "<img src=x onerror=alert(4)>.txt", EN.encode())
    table = batch.run_batch([src], tmp_path / "out", progress=False)
    assert table["status"].tolist() == ["ok", "ok", "ok"], table["error"].tolist()
    for name in table["article"]:
        page = (tmp_path / "out" / name / "report.html").read_text(encoding="utf-8")
        soup = BeautifulSoup(page, "html.parser")
        assert soup.find_all("script") == []
        assert [t.name for t in soup.find_all(True) if any(a.lower().startswith("on") for a in t.attrs)] == []
        assert all(img["src"].startswith("data:image/png;base64,") for img in soup.find_all("img"))
        assert soup.find_all("img", src="x") == []
        text = soup.get_text()
        if name.startswith("xss"):
            assert "<script>alert(1)</script>" in text
            assert "<img src=x onerror=alert(1)>" in text
            assert "alert(2)" not in text
        else:
            assert "tension profile: <img src=x onerror=alert(4)>.txt" in text
    assert (tmp_path / "out" / "img_src_x_onerror_alert_4").is_dir()


@pytest.mark.slow
def test_one_megabyte_article(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """~1 MB of German text (the seed's paragraphs, shuffled and repeated) completes through the CLI."""
    from benchmarks.common import long_text

    path = _write(tmp_path, "long.txt", long_text(1_000_000).encode("utf-8"))
    assert path.stat().st_size > 1_000_000
    code = main.main(["analyze", str(path), "--out", str(tmp_path / "out"), "--k", "4", "--no-progress"])
    assert code == 0, capsys.readouterr().err
    row = pd.read_csv(tmp_path / "out" / "summary.csv").iloc[0]
    assert row["status"] == "ok" and row["sentences"] > 5000 and row["themes"] == 4


def test_identical_sentences_make_one_theme(tmp_path: Path) -> None:
    from helpers.pipeline import analyze

    path = _write(tmp_path, "same.txt", ("The union threatened a strike. " * 50).encode())
    result = analyze(path)
    assert result.k == 1 and set(result.sentences["theme"]) == {0}
    assert any("distinct sentences" in note for note in result.notes)


def test_csv_cells_that_look_like_formulas_are_neutralised(tmp_path: Path) -> None:
    import pandas as pd

    from helpers.report.article import csv_safe

    df = pd.DataFrame({"text": ["=HYPERLINK(\"http://x\")", "+1", "@SUM(A1)", "normal", "-2 dead"], "n": [1, 2, 3, 4, 5]})
    out = csv_safe(df)
    assert list(out["text"]) == ["'=HYPERLINK(\"http://x\")", "'+1", "'@SUM(A1)", "normal", "'-2 dead"]
    assert list(out["n"]) == [1, 2, 3, 4, 5]
