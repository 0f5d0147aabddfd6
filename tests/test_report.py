"""The notebooks run on another article by changing one parameter (papermill), and bad input fails early."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from helpers.cli.main import main
from helpers.report.notebooks import notebook_paths, run_notebooks

FIXTURES = Path(__file__).parent / "fixtures"


def test_every_notebook_has_a_parameters_cell_with_article() -> None:
    paths = notebook_paths()
    assert [p.name[:3] for p in paths] == sorted(p.name[:3] for p in paths) and paths
    for path in paths:
        nb = nbformat.read(str(path), as_version=4)
        tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, path.name
        # its input: one article, several (05), or a corpus folder (06)
        assert any(name in tagged[0].source for name in ("ARTICLE", "ARTICLES", "CORPUS")), path.name


@pytest.mark.slow
def test_notebooks_run_on_an_english_article(tmp_path: Path) -> None:
    folder = run_notebooks(FIXTURES / "en_port_strike.txt", tmp_path / "out")
    assert folder == tmp_path / "out"
    assert not (tmp_path / "out" / "05_compare_articles.ipynb").exists()  # compares several articles
    for path in notebook_paths(per_article=True):
        executed = nbformat.read(str(tmp_path / "out" / path.name), as_version=4)
        errors = [o for c in executed.cells if c.cell_type == "code" for o in c.get("outputs", [])
                  if o.get("output_type") == "error"]
        assert not errors, path.name
        text = "".join(o.get("text", "") for c in executed.cells if c.cell_type == "code"
                       for o in c.get("outputs", []))
        if path.name.startswith("01"):
            assert "language:   en" in text


def test_bad_article_fails_before_any_kernel(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lab", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "o"), "--no-launch"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("tension-profile: error:") and "no such file" in err and "\n" not in err
    assert not list((tmp_path / "o").glob("*/notebooks"))


#: The values the committed notebooks must keep in their parameters cell: the seed article,
#: so that nbval's stored outputs stay the reference (a user's own article goes through
#: ``make lab``, which writes executed copies under reports/).
DEFAULTS = {"ARTICLE": "seeds/openai_microsoft_spannungen.txt", "LANG": "auto", "K": "auto", "SEED": 0,
            "REPORT_DIR": None}


def test_committed_notebooks_keep_their_default_parameters() -> None:
    for path in notebook_paths():
        nb = nbformat.read(str(path), as_version=4)
        cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
        values: dict[str, object] = {}
        exec(cell.source, {}, values)  # noqa: S102 - our own committed notebook
        for name, value in values.items():
            if name in DEFAULTS:
                assert value == DEFAULTS[name], f"{path.name}: {name} = {value!r}; commit the notebook with " \
                                                 f"{DEFAULTS[name]!r} (use make lab for another article)"
        text = path.read_text(encoding="utf-8")
        assert "/tmp/" not in text and "/home/" not in text and "/root/" not in text, f"{path.name}: a local path"


@pytest.mark.slow
def test_lab_executes_the_series_without_touching_the_committed_notebooks(tmp_path: Path) -> None:
    committed = {p: p.read_bytes() for p in notebook_paths()}
    assert main(["lab", str(FIXTURES / "en_port_strike.txt"), "--out", str(tmp_path), "--no-launch"]) == 0
    folder = tmp_path / "en_port_strike"
    assert (folder / "report.html").exists()
    assert sorted(p.name for p in (folder / "notebooks").glob("*.ipynb")) == [
        p.name for p in notebook_paths(per_article=True)]
    assert {p: p.read_bytes() for p in notebook_paths()} == committed
    for nb in (folder / "notebooks").glob("*.ipynb"):  # no trace of the temporary folder they ran in
        assert ".tmp-" not in nb.read_text(encoding="utf-8"), nb.name
    # opened again: the reader's edits stay; --force runs the series again
    edited = folder / "notebooks" / "04_tension_profile.ipynb"
    edited.write_text(edited.read_text(encoding="utf-8").replace("# Parameters of this run", "# my edit"),
                      encoding="utf-8")
    assert main(["lab", str(FIXTURES / "en_port_strike.txt"), "--out", str(tmp_path), "--no-launch"]) == 0
    assert "# my edit" in edited.read_text(encoding="utf-8")
    # other settings (or another file of the same name) are never opened as if they were these
    assert main(["lab", str(FIXTURES / "en_port_strike.txt"), "--out", str(tmp_path), "--no-launch", "--k", "3"]) == 2
    assert "# my edit" in edited.read_text(encoding="utf-8")
    assert main(["lab", str(FIXTURES / "en_port_strike.txt"), "--out", str(tmp_path), "--no-launch", "--force"]) == 0
    assert "# my edit" not in edited.read_text(encoding="utf-8")


def test_notebooks_are_found_from_any_working_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`tension-profile analyze --notebooks` run outside the checkout still finds the notebooks
    (it failed with "IndexError: list index out of range" before)."""
    from helpers.io.reading import project_root
    from helpers.report import notebooks as report

    checkout = Path(__file__).resolve().parents[1]
    monkeypatch.chdir(tmp_path)
    assert project_root() == checkout
    assert [p.name for p in notebook_paths(per_article=True)][:1] == ["01_tokenize.ipynb"]
    article = tmp_path / "a.txt"
    article.write_text("Der Streit eskaliert. " * 10, encoding="utf-8")
    monkeypatch.setattr(report, "notebook_paths", lambda *a, **k: [])  # a wheel without the notebooks
    from helpers.errors import InputError

    with pytest.raises(InputError, match="no notebooks found"):
        run_notebooks(article, tmp_path / "out")


def test_lab_starts_jupyterlab_at_the_root_without_news_or_update_checks() -> None:
    from helpers.cli.main import lab_command

    cmd = lab_command("jupyter", Path("/project"), Path("reports/a/notebooks/04_tension_profile.ipynb"))
    assert cmd[:3] == ["jupyter", "lab", "--ServerApp.root_dir=/project"]
    assert "--LabApp.news_url=" in cmd and cmd[-1] == "reports/a/notebooks/04_tension_profile.ipynb"
    assert any(c.endswith("NeverCheckForUpdate") for c in cmd)


def test_papermills_values_are_merged_into_the_parameters_cell(tmp_path: Path) -> None:
    import nbformat

    from helpers.report.notebooks import merge_parameters

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("# the article\nARTICLE = 'a.txt'\nEXTRA = 1", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell('# Parameters\nARTICLE = "/data/b.txt"\n',
                                          metadata={"tags": ["injected-parameters"]}),
                nbformat.v4.new_code_cell("print(ARTICLE)")]
    path = tmp_path / "n.ipynb"
    nbformat.write(nb, str(path))
    merge_parameters(path)
    cells = nbformat.read(str(path), as_version=4).cells
    assert len(cells) == 2 and cells[0].metadata["tags"] == ["parameters"]
    lines = cells[0].source.splitlines()
    assert 'ARTICLE = "/data/b.txt"' in lines and "EXTRA = 1" in lines and "# the article" in lines
    assert "ARTICLE = 'a.txt'" not in lines
