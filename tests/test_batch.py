"""The batch runner and the ``tension-profile`` command (``helpers.batch``, ``helpers.htmlreport``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup

import benchmarks.batch as benchmarks_batch
import helpers
from helpers import InputError
from helpers.cli import batch, main
from helpers.io import markup
from helpers.report import compare
from helpers.report.html import cell_text, readable_table

EN_TEXT = (
    "The union threatened a strike at the airline on Friday. Management rejected the demands as "
    "unaffordable. Talks over wages collapsed after ten hours.\n\n"
    "Both sides accuse each other of blocking progress. The union says pilots have not had a raise "
    "in four years. The airline says fuel costs have doubled and jobs are at risk.\n\n"
    "Passengers face cancelled flights next week. The government urged both sides to return to the "
    "table. A mediator has offered to help, but neither side has accepted yet.\n"
)


def _write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- finding articles


def test_collect_articles_recursive_sorted_and_filtered(tmp_path: Path) -> None:
    _write(tmp_path / "b.txt", "x")
    _write(tmp_path / "a.md", "x")
    _write(tmp_path / "sub" / "c.html", "x")
    _write(tmp_path / "sub" / "d.HTM", "x")
    _write(tmp_path / "notes.pdf", "x")
    _write(tmp_path / "README.md", "x")
    _write(tmp_path / "SOURCES.md", "x")
    _write(tmp_path / "LICENSE.txt", "x")
    _write(tmp_path / ".hidden.txt", "x")
    _write(tmp_path / ".git" / "e.txt", "x")
    _write(tmp_path / "out" / "f" / "report.html", "x")
    found = batch.collect_articles([tmp_path], exclude=[tmp_path / "out"])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.md", "b.txt", "sub/c.html", "sub/d.HTM"]


def test_collect_articles_explicit_file_dedup_and_order(tmp_path: Path) -> None:
    a = _write(tmp_path / "z.txt", "x")
    b = _write(tmp_path / "README.md", "x")  # named explicitly: used
    found = batch.collect_articles([a, tmp_path, b, str(a)])
    assert found == [a, b]


def test_collect_articles_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        batch.collect_articles([tmp_path / "missing.txt"])
    (tmp_path / "empty").mkdir()
    _write(tmp_path / "empty" / "data.csv", "a,b")
    with pytest.raises(InputError, match="contains no articles"):
        batch.collect_articles([tmp_path / "empty"])
    with pytest.raises(InputError, match="no article given"):
        batch.collect_articles([])


def test_output_names_disambiguate_deterministically() -> None:
    paths = ["x/article.txt", "y/article.txt", "y/Article.md", "z/article-2.txt", "w/a b<c>.txt", "v/....txt"]
    assert batch.output_names(paths) == ["article", "article-2", "Article-3", "article-2-2", "a_b_c", "article-4"]
    assert batch.output_names(paths) == batch.output_names(list(paths))


# --------------------------------------------------------------------------- markup -> text


def test_html_to_text_drops_boilerplate_and_keeps_paragraphs() -> None:
    page = """<!DOCTYPE html><html><head><title>Site | Story</title><style>p{color:red}</style></head>
    <body><header>Logo Menu</header><nav><a href="/">Home</a></nav>
    <article><h1>Strike   at the
    airline</h1><p>First paragraph, with a
    line break in the source.</p><!-- a comment --><p>Second &amp; last &lt;b&gt;para&lt;/b&gt;.<br>New line.</p>
    <script>var x = "<p>not text</p>";</script><ul><li>one</li><li>two</li></ul></article>
    <footer>Copyright</footer></body></html>"""
    text = markup.html_to_text(page)
    assert text == (
        "Strike at the airline\n\nFirst paragraph, with a line break in the source.\n\n"
        "Second & last <b>para</b>. New line.\n\none\n\ntwo\n"
    )


def test_html_to_text_deeply_nested_and_empty() -> None:
    deep = "<div>" * 3000 + "Deep text." + "</div>" * 3000
    assert markup.html_to_text(deep) == "Deep text.\n"
    assert markup.html_to_text("<html><script>x</script></html>") == ""


def test_markdown_to_text_strips_heading_marks() -> None:
    # a heading and the paragraph under it are two units (markdown-it-py, CommonMark)
    md = "# Title #\n\nText with a #hashtag.\n\n## Sub heading\nMore text.\n\nSetext\n======\n\n---\n###\n"
    assert markup.markdown_to_text(md) == (
        "Title\n\nText with a #hashtag.\n\nSub heading\n\nMore text.\n\nSetext\n"
    )


def test_cell_text_serialises_sequences() -> None:
    assert cell_text(("OpenAI", "Microsoft")) == "OpenAI; Microsoft"
    assert cell_text((("Jahr", 0.187), ("KI", 0.1421))) == "Jahr (0.187); KI (0.1421)"
    assert cell_text([]) == ""
    assert cell_text(3.5) == 3.5
    df = pd.DataFrame({"a": [(1, 2), ()], "b": [1.0, 2.0]})
    assert readable_table(df)["a"].tolist() == ["1; 2", ""]


# --------------------------------------------------------------------------- a real batch


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    _write(root / "de" / "seed.txt", seed_path.read_bytes())
    _write(root / "en" / "airline.html",
           "<html><head><title>t</title></head><body><nav>Menu</nav>"
           + "".join(f"<p>{p}</p>" for p in EN_TEXT.split("\n\n")) + "<footer>(c)</footer></body></html>")
    _write(root / "en" / "seed.md", "# Airline strike\n\n" + EN_TEXT)  # same stem as de/seed.txt
    _write(root / "bad" / "empty.txt", "")
    return root


@pytest.fixture(scope="module")
def batch_run(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    out = tmp_path_factory.mktemp("out") / "reports"
    code = main.main(["analyze", str(corpus), "--out", str(out), "--no-progress"])
    return out, code


def test_batch_outputs_and_summary(batch_run: tuple[Path, int]) -> None:
    out, code = batch_run
    assert code == 1  # the empty file failed
    summary = pd.read_csv(out / "summary.csv")
    assert list(summary.columns) == list(batch.SUMMARY_COLUMNS)
    assert summary["article"].tolist() == ["empty", "seed", "airline", "seed-2"]
    assert summary["status"].tolist() == ["error", "ok", "ok", "ok"]
    assert summary.loc[0, "error"] == "empty.txt is empty: give a text file with the article."
    ok = summary[summary["status"] == "ok"].set_index("article")
    assert ok.loc["seed", "language"] == "de" and ok.loc["seed", "sentences"] == 42
    assert ok.loc["airline", "language"] == "en" and ok.loc["seed-2", "language"] == "en"
    for name in ("seed", "seed-2", "airline"):
        folder = out / name
        assert {"report.html", "sentences.csv", "themes.csv", "article.json"} <= {p.name for p in folder.iterdir()}
        sents = pd.read_csv(folder / "sentences.csv")
        themes = pd.read_csv(folder / "themes.csv")
        assert len(sents) == ok.loc[name, "sentences"] and len(themes) == ok.loc[name, "themes"]
        assert json.loads((folder / "article.json").read_text(encoding="utf-8"))["status"] == "ok"
    assert not (out / "empty").exists()
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary leftovers


def test_html_and_markdown_are_reduced_to_text(batch_run: tuple[Path, int]) -> None:
    out, _ = batch_run
    airline = pd.read_csv(out / "airline" / "sentences.csv")
    assert airline["text"].iloc[0] == "The union threatened a strike at the airline on Friday."
    assert not airline["text"].str.contains("Menu|<p>|\\(c\\)").any()
    assert airline["paragraph"].nunique() == 3
    md = pd.read_csv(out / "seed-2" / "sentences.csv")
    assert md["text"].iloc[0] == "Airline strike" and not md["text"].str.contains("#").any()


def test_sentences_csv_serialises_tuples(batch_run: tuple[Path, int]) -> None:
    out, _ = batch_run
    sents = pd.read_csv(out / "seed" / "sentences.csv", keep_default_na=False)
    assert "OpenAI; Microsoft" in set(sents["actors"])
    themes = pd.read_csv(out / "seed" / "themes.csv", keep_default_na=False)
    assert not themes["top_terms"].str.startswith("(").any()


def test_csvs_number_from_one_and_round(batch_run: tuple[Path, int]) -> None:
    """Readers' numbering in both CSVs (S1 and T1 are 1), and no float noise (0.30000000000000004)."""
    out, _ = batch_run
    sents = pd.read_csv(out / "seed" / "sentences.csv", keep_default_na=False, dtype=str)
    themes = pd.read_csv(out / "seed" / "themes.csv", keep_default_na=False, dtype=str)
    assert "sentence_id" not in sents and sents["sentence"].astype(int).tolist() == list(range(1, len(sents) + 1))
    assert sents["paragraph"].astype(int).min() == 1
    # themes are numbered by first appearance: the first sentence is in T1, and the themes are 1..k
    assert sents["theme"].iat[0] == "1" and themes["theme"].astype(int).tolist() == list(range(1, len(themes) + 1))
    # the theme ids in the two files agree: each theme's sentence count is its number of rows in sentences.csv
    counts = sents["theme"].astype(int).value_counts()
    assert [counts[t] for t in themes["theme"].astype(int)] == themes["n_sentences"].astype(int).tolist()
    assert (themes["first_sentence"].astype(int) >= 1).all()
    for frame in (sents, themes):
        for col in frame:
            decimals = frame[col].str.extract(r"^-?\d+\.(\d+)$")[0].dropna().str.len()
            assert decimals.empty or decimals.max() <= 4, col


def test_report_html_is_self_contained(batch_run: tuple[Path, int]) -> None:
    out, _ = batch_run
    page = (out / "seed" / "report.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find("script") is None
    assert not soup.find_all(src=lambda s: s and not s.startswith("data:"))
    assert not soup.find_all("link")
    headings = [h.get_text() for h in soup.find_all("h2")]
    assert headings[:6] == ["Summary", "Figures", "Themes", "Tension per theme", "The most tense sentences",
                            "Sentiment per theme"]
    svgs = sorted(p.stem for p in (out / "seed").glob("*.svg"))
    assert svgs == ["sentiment_along", "tension_profile", "themes_strip"]
    assert len(soup.find_all("svg")) == len(svgs) and not soup.find_all("img")  # inlined
    assert not list((out / "seed").glob("*.png"))
    assert "Die Partnerschaft zwischen OpenAI und Microsoft" in soup.get_text()
    # the tables hold German words: hyphenated as German, never cut at any letter
    assert {d.get("lang") for d in soup.find_all("div", class_="scroll")} == {"de"}
    assert "anywhere" not in page and "hyphens: auto" in page


def test_the_summary_keeps_earlier_runs_articles(tmp_path: Path, corpus: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    first = _write(tmp_path / "a" / "erster.txt", (corpus / "de" / "seed.txt").read_bytes())
    bad = _write(tmp_path / "b" / "leer.txt", b"")
    assert main.main(["analyze", str(first), "--out", str(out), "--no-progress"]) == 0
    # one article: the last line says where its report is
    assert capsys.readouterr().err.strip().endswith(f"report in {out / 'erster' / 'report.html'}")
    assert main.main(["analyze", str(bad), "--out", str(out), "--no-progress"]) == 1
    summary = pd.read_csv(out / "summary.csv", keep_default_na=False)
    assert summary["article"].tolist() == ["erster", "leer"] and summary["status"].tolist() == ["ok", "error"]
    import shutil

    shutil.rmtree(out / "erster")  # a folder the user deleted leaves the summary with the next run
    assert main.main(["analyze", str(bad), "--out", str(out), "--no-progress"]) == 1
    assert pd.read_csv(out / "summary.csv")["article"].tolist() == ["leer"]


def test_rerun_skips_existing_then_force(batch_run: tuple[Path, int], corpus: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = batch_run
    before = (out / "seed" / "themes.csv").stat().st_mtime_ns
    code = main.main(["analyze", str(corpus / "de"), "--out", str(out), "--no-progress"])
    assert code == 0
    summary = pd.read_csv(out / "summary.csv", keep_default_na=False).set_index("article")
    # the other articles of the folder keep their rows from the first run
    assert sorted(summary.index) == ["airline", "empty", "seed", "seed-2"]
    assert summary.loc["seed", "status"] == "skipped-exists"
    assert int(summary.loc["seed", "sentences"]) == 42  # numbers kept from article.json
    assert (out / "seed" / "themes.csv").stat().st_mtime_ns == before
    assert "--force" in capsys.readouterr().err
    code = main.main(["analyze", str(corpus / "de"), "--out", str(out), "--no-progress", "--force"])
    assert code == 0
    assert pd.read_csv(out / "summary.csv").set_index("article").loc["seed", "status"] == "ok"
    assert (out / "seed" / "themes.csv").stat().st_mtime_ns != before
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_failure_while_writing_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article = _write(tmp_path / "in" / "story.txt", EN_TEXT)

    def broken(result, folder, title, meta=None, figures="svg"):  # noqa: ANN001
        (Path(folder) / "sentences.csv").write_text("half", encoding="utf-8")
        raise RuntimeError("disk full\nsecond line")

    monkeypatch.setattr(batch, "write_article", broken)
    table = batch.run_batch([article], tmp_path / "out", progress=False)
    assert table.loc[0, "status"] == "error"
    assert table.loc[0, "error"] == "internal error: RuntimeError: disk full second line"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["summary.csv"]


def test_parallel_equals_serial(tmp_path: Path) -> None:
    src = tmp_path / "in"
    for i in range(3):
        paragraphs = EN_TEXT.split("\n\n")
        _write(src / f"story{i}.txt", "\n\n".join(paragraphs[i:] + paragraphs[:i]))
    _write(src / "zz_broken.txt", b"\x00\x01\x02" * 100)
    serial = batch.run_batch([src], tmp_path / "serial", progress=False)
    parallel = batch.run_batch([src], tmp_path / "parallel", jobs=2, progress=False)
    cols = list(batch.SUMMARY_COLUMNS)
    pd.testing.assert_frame_equal(serial[cols], parallel[cols])
    assert (tmp_path / "serial" / "summary.csv").read_bytes() == (tmp_path / "parallel" / "summary.csv").read_bytes()
    for i in range(3):
        for name in ("sentences.csv", "themes.csv"):
            assert (tmp_path / "serial" / f"story{i}" / name).read_bytes() == \
                (tmp_path / "parallel" / f"story{i}" / name).read_bytes()
    assert parallel["status"].tolist() == ["ok", "ok", "ok", "error"]


@pytest.mark.slow  # new processes or figures: kept out of make quick
def test_identical_outputs_across_runs_and_hash_seeds(batch_run: tuple[Path, int], corpus: Path,
                                                      tmp_path: Path) -> None:
    """Two fresh interpreters with different PYTHONHASHSEED write the same bytes as the in-process run."""
    out, _ = batch_run
    for hashseed in ("0", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": hashseed, "MPLBACKEND": "Agg"}
        target = tmp_path / hashseed
        cmd = [sys.executable, "-m", "helpers.cli.main", "analyze", str(corpus / "de" / "seed.txt"),
               "--out", str(target), "--no-progress"]
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300, check=False)
        assert proc.returncode == 0, proc.stderr
        for name in ("sentences.csv", "themes.csv", "report.html"):
            assert (target / "seed" / name).read_bytes() == (out / "seed" / name).read_bytes(), (hashseed, name)


# --------------------------------------------------------------------------- command line


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["analyze", "missing.txt", "--out", "OUT"], "no such file or folder: 'missing.txt'"),
        (["analyze", "EMPTYDIR", "--out", "OUT"], "contains no articles"),
        (["analyze", "ARTICLE", "--out", "OUT", "--k", "0"], "--k must be 'auto' or a positive whole number"),
        (["analyze", "ARTICLE", "--out", "OUT", "--k", "three"], "--k must be"),
        (["analyze", "ARTICLE", "--out", "OUT", "--lang", "fr"], "unsupported language 'fr'"),
        (["analyze", "ARTICLE", "--out", "OUT", "--jobs", "0"], "--jobs must be a positive whole number"),
        (["analyze", "ARTICLE", "--out", "OUT", "--seed", "x"], "argument --seed: invalid int value"),
        (["analyze", "ARTICLE"], "the following arguments are required: --out"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        ([], "the following arguments are required: COMMAND"),
        (["analyze", "ARTICLE", "--out", "FILE"], "is a file; give a folder"),
    ],
)
def test_bad_usage_exits_2_with_one_line(args: list[str], message: str, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    article = _write(tmp_path / "a.txt", EN_TEXT)
    afile = _write(tmp_path / "file", "x")
    subst = {"OUT": str(tmp_path / "out"), "EMPTYDIR": str(tmp_path / "empty"),
             "ARTICLE": str(article), "FILE": str(afile)}
    code = main.main([subst.get(a, a) for a in args])
    captured = capsys.readouterr()
    assert code == 2
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tension-profile: error: "), captured.err
    assert message in lines[0]
    assert "Traceback" not in captured.err
    assert not (tmp_path / "out" / "a").exists()


def test_help_returns_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main.main(["--help"]) == 0
    capsys.readouterr()
    assert main.main(["analyze", "--help"]) == 0
    text = capsys.readouterr().out
    # the analyze command's own description (it showed the corpus command's, in reST markup)
    assert "--notebooks" in text and "report.html" in text and "corpus" not in text and "``" not in text


# --------------------------------------------------------------------------- comparing articles


def test_compare_tables(seed_path: Path, tmp_path: Path) -> None:
    en = _write(tmp_path / "airline.txt", EN_TEXT)
    results = compare.analyze_articles([seed_path, en])
    assert list(results) == ["openai_microsoft_spannungen", "airline"]
    table = compare.compare_table(results)
    assert table["article"].tolist() == list(results)
    assert table["language"].tolist() == ["de", "en"]
    assert table["sentences"].tolist() == [42, 9]
    themes = compare.theme_table(results)
    assert themes.groupby("article", sort=False).size().tolist() == table["themes"].tolist()
    arcs = compare.arc_table(results, points=11)
    assert arcs.groupby(["article", "measure"], sort=False).size().tolist() == [11, 11, 11, 11]
    assert arcs["position"].iloc[:11].tolist() == [float(x) for x in range(0, 101, 10)]
    assert arcs.loc[arcs["measure"] == "tension", "value"].between(0, 1).all()
    fig = compare.arcs_figure(results)
    assert len(fig.axes) >= 1


def test_summary_text_mentions_themes(seed_path: Path) -> None:
    result = helpers.analyze(seed_path)
    text = result.summary
    assert isinstance(text, str) and len(text) > 40


def test_bench_articles_are_deterministic(tmp_path: Path) -> None:
    a = benchmarks_batch.bench_articles(tmp_path / "a", n=5)
    b = benchmarks_batch.bench_articles(tmp_path / "b", n=5)
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    assert all(2 <= p.read_text(encoding="utf-8").count("\n\n") + 1 <= 4 for p in a)


@pytest.mark.slow
def test_notebooks_option_executes_the_per_article_notebooks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import nbformat

    from helpers.cli.main import main

    # a headless parent (CI, a cron job) must not leave the kernels without figures
    monkeypatch.setenv("MPLBACKEND", "Agg")
    article = Path(__file__).parent / "fixtures" / "en_port_strike.txt"
    assert main(["analyze", str(article), "--out", str(tmp_path), "--notebooks", "--no-progress"]) == 0
    assert os.environ["MPLBACKEND"] == "Agg"  # restored after the run
    executed = sorted((tmp_path / "en_port_strike" / "notebooks").glob("*.ipynb"))
    assert [p.name[:2] for p in executed] == ["01", "02", "03", "04"]
    committed = {p.name: nbformat.read(str(p), as_version=4) for p in (Path(__file__).parents[1] / "notebooks").glob("0[1-4]_*.ipynb")}
    for path in executed:
        nb = nbformat.read(str(path), as_version=4)
        outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
        assert not [o for o in outputs if o.get("output_type") == "error"], path.name
        images = sum("image/png" in o.get("data", {}) for o in outputs)
        want = sum("image/png" in o.get("data", {}) for c in committed[path.name].cells if c.cell_type == "code"
                   for o in c.get("outputs", []))
        assert images == want > 0 or want == 0, (path.name, images, want)  # every figure embedded, as committed
        # one parameters cell, holding this article: editing it and re-running analyses another article
        tags = [t for c in nb.cells for t in c.get("metadata", {}).get("tags", [])]
        assert tags.count("parameters") == 1 and "injected-parameters" not in tags, path.name
        params = next(c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", []))
        assert f'ARTICLE = "{article.resolve()}"' in params.source, params.source
        # trusted, so JupyterLab keeps the tables' styles (it strips them from untrusted outputs)
        from nbformat.sign import NotebookNotary

        assert NotebookNotary().check_signature(nb), path.name


@pytest.mark.slow  # new processes or figures: kept out of make quick
def test_png_figures_on_request(tmp_path: Path, seed_path: Path) -> None:
    """--figures png: the notebooks' matplotlib figures, as files and as embedded PNG."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "seed.txt").write_bytes(seed_path.read_bytes())
    assert main.main(["analyze", str(src), "--out", str(tmp_path / "out"), "--figures", "png",
                       "--no-progress"]) == 0
    folder = tmp_path / "out" / "seed"
    pngs = sorted(p.stem for p in folder.glob("*.png"))
    assert pngs == ["sentiment_along", "tension_profile", "themes_strip"] and not list(folder.glob("*.svg"))
    soup = BeautifulSoup((folder / "report.html").read_text(encoding="utf-8"), "html.parser")
    imgs = soup.find_all("img")
    assert len(imgs) == 3 and all(i["src"].startswith("data:image/png;base64,") for i in imgs)
    assert main.main(["analyze", str(src), "--out", str(tmp_path / "o2"), "--figures", "gif"]) == 2


@pytest.mark.slow
def test_bench_batch_measures_both_runs() -> None:
    df = benchmarks_batch.bench_batch(n=4, jobs=(1, 2), baseline=2)
    assert df["run"].tolist() == ["in-process", "in-process", "command", "command"]
    assert df["errors"].tolist() == [0, 0, 0, 0]
    assert (df["seconds"] > 0).all() and df.loc[df["jobs"] == 1, "speed-up"].tolist() == [1.0, 1.0]
    assert df["articles/s"].tolist() == pytest.approx((df["articles"] / df["seconds"]).tolist())


def test_a_dying_worker_costs_one_article(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The article the worker was on gets an error row; the rest, even ones already handed to
    the dead pool, are analysed here."""
    import concurrent.futures as cf
    import time as _time
    import types
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    submitted: list[str] = []

    class DyingPool:  # dies on the first article it gets
        def __init__(self, *args: object, **kwargs: object) -> None:
            self.dead = False

        def __enter__(self) -> "DyingPool":
            return self

        def __exit__(self, *exc: object) -> bool:
            return False

        def submit(self, fn: object, job: batch.Job) -> Future:
            if self.dead:
                raise BrokenProcessPool("the pool is gone")
            submitted.append(job.name)
            self.dead = True
            future: Future = Future()
            future.set_exception(BrokenProcessPool("a worker was killed"))
            return future

    def here(job: batch.Job) -> dict:
        _time.sleep(0.05)  # long enough for the feeder thread to hand an article to the pool
        return {"article": job.name, "status": "ok"}

    monkeypatch.setattr(cf, "ProcessPoolExecutor", DyingPool)
    monkeypatch.setattr(batch, "process_article", here)
    work = [batch.Job(i, f"p{i}", f"p{i}", f"a{i}", str(tmp_path)) for i in range(6)]
    rows: list = [None] * len(work)
    batch._run_parallel(work, rows, 2, types.SimpleNamespace(update=lambda: None))
    assert all(r is not None for r in rows)
    errors = [r["article"] for r in rows if r["status"] == "error"]
    assert submitted and errors == submitted[:1]
    assert [r["article"] for r in rows] == [f"a{i}" for i in range(6)]


def test_leftovers_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    import subprocess

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()  # a pid that no longer runs
    out = tmp_path / "out"
    (out / f".tmp-{dead.pid}-seed-abc").mkdir(parents=True)
    (out / f".tmp-{dead.pid}-seed-abc" / "sentences.csv").write_text("half", encoding="utf-8")
    (out / f".old-{dead.pid}-seed-def").mkdir()
    (out / f".tmp-{os.getppid()}-other-ghi").mkdir()  # a running process: kept
    (out / "keep-me").mkdir()
    assert batch.remove_leftovers(out) == [f".old-{dead.pid}-seed-def", f".tmp-{dead.pid}-seed-abc"]
    assert sorted(p.name for p in out.iterdir()) == [f".tmp-{os.getppid()}-other-ghi", "keep-me"]


@pytest.mark.slow  # new processes or figures: kept out of make quick
def test_spawned_workers_give_the_same_outputs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Linux forks the workers; macOS and Windows spawn them (fresh interpreters that import
    everything themselves). Both must write the same files."""
    import multiprocessing

    src = tmp_path / "in"
    for i in range(3):
        paragraphs = EN_TEXT.split("\n\n")
        _write(src / f"story{i}.txt", "\n\n".join(paragraphs[i:] + paragraphs[:i]))
    serial = batch.run_batch([src], tmp_path / "serial", progress=False)
    monkeypatch.setattr(batch, "_pool_context", lambda: multiprocessing.get_context("spawn"))
    spawned = batch.run_batch([src], tmp_path / "spawned", jobs=2, progress=False)
    cols = list(batch.SUMMARY_COLUMNS)
    pd.testing.assert_frame_equal(serial[cols], spawned[cols])
    assert spawned["pid"].nunique() == 2  # the spawned worker did analyse articles
    for i in range(3):
        for name in ("sentences.csv", "themes.csv"):
            assert (tmp_path / "serial" / f"story{i}" / name).read_bytes() == \
                (tmp_path / "spawned" / f"story{i}" / name).read_bytes()
