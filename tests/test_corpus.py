"""``tension-profile corpus``: inputs, the Parquet store, time limits, and real Dask runs.

The runs use a real ``LocalCluster`` with two worker processes (no mocks) on articles
built from the repository's own texts (``benchmarks.corpus_data``). One cluster is shared
by the slow tests of this module, so its start-up is paid once.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("dask.distributed")
pytest.importorskip("pyarrow")

from benchmarks.corpus_data import article_rows, write_folder, write_table  # noqa: E402
from dask.distributed import WorkerPlugin  # noqa: E402
from helpers.cli.corpus import ArticleTimeout, _call_with_timeout, analyse_item, run_corpus  # noqa: E402
from helpers.cli.corpus_inputs import Item, stream_items  # noqa: E402
from helpers.cli.corpus_store import clean, dedupe, finished, write_partition  # noqa: E402
from helpers.cli.main import main  # noqa: E402
from helpers.errors import InputError  # noqa: E402
from helpers.report.corpus_tables import TABLES, empty_tables  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SUMMARY = ["language", "sentences", "themes", "sentiment_mean", "tension_mean", "most_tense_theme"]


def _read(out: Path, table: str) -> pd.DataFrame:
    return pd.read_parquet(out / f"{table}.parquet")


# ------------------------------------------------------------------ fast: inputs, store, limits
@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_tables_stream_rows_with_dates_and_bounds(tmp_path: Path, suffix: str) -> None:
    path = write_table(tmp_path / f"corpus{suffix}", 6)
    items, _ = stream_items([path])
    rows = list(items)
    assert [r.article_id for r in rows] == [r["id"] for r in article_rows(6)]
    assert rows[0].source == "seeds" and rows[0].date == pd.Timestamp("2024-01-01")
    items, total = stream_items([path], since=pd.Timestamp("2024-01-02"), until=pd.Timestamp("2024-01-04"))
    assert [r.date.day for r in items] == [2, 3, 4] and total is None


def test_a_table_without_id_or_text_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("title,body\nx,y\n", encoding="utf-8")
    with pytest.raises(InputError, match="'id' and 'text'"):
        stream_items([bad])
    assert main(["corpus", str(bad), "--out", str(tmp_path / "o")]) == 2
    assert main(["corpus", str(ROOT / "seeds"), "--out", str(tmp_path / "o"), "--since", "yesterday-ish"]) == 2


def test_files_are_read_like_the_batch_command(tmp_path: Path) -> None:
    items, total = stream_items([ROOT / "data" / "samples"])
    got = list(items)
    assert total == 2 and [i.title for i in got] == ["ba_cabin_crew_strike_2010", "pne_machtkampf_aufsichtsrat_2015"]
    assert got[0].article_id.endswith("data/samples/ba_cabin_crew_strike_2010.txt") and got[0].text


def test_a_slow_article_is_stopped_with_a_one_line_error() -> None:
    def busy() -> None:
        while True:
            pass

    t0 = time.perf_counter()
    with pytest.raises(ArticleTimeout):
        _call_with_timeout(busy, 0.2)
    assert time.perf_counter() - t0 < 5
    assert _call_with_timeout(lambda: 42, 5) == 42
    time.sleep(0.1)  # no late exception arrives after a quick call
    text = (ROOT / "seeds" / "openai_microsoft_spannungen.txt").read_text(encoding="utf-8")
    row = analyse_item(Item("long", text * 20), "auto", "auto", 0, "p", timeout=0.05)["articles"]
    assert row["status"] == "error" and "took longer than 0.05 s" in row["error"] and "\n" not in row["error"]


def test_partitions_are_atomic_resumable_and_deduplicated(tmp_path: Path) -> None:
    def frames(ids: list[str], status: str = "ok") -> dict[str, pd.DataFrame]:
        tables = empty_tables()
        tables["sentences"] = pd.DataFrame({"article_id": ids, "sentence_id": [0] * len(ids), "text": ids})
        tables["articles"] = pd.DataFrame({"article_id": ids, "text_hash": "h", "params": "p", "status": status})
        return tables

    write_partition(tmp_path, "part-1-00000", frames(["a", "b"], "error"))
    write_partition(tmp_path, "part-2-00000", frames(["b", "c"]))
    # an interrupted write: sentences written, articles not; and a dead process's temporary file
    write_partition(tmp_path, "part-3-00000", frames(["d"]))
    (tmp_path / "articles.parquet" / "part-3-00000.parquet").unlink()
    (tmp_path / "themes.parquet" / ".tmp-999999999-x.parquet").write_bytes(b"half")
    removed = clean(tmp_path)
    assert sorted(removed) == ["actor_pairs.parquet/part-3-00000.parquet", "sentences.parquet/part-3-00000.parquet",
                               "themes.parquet/.tmp-999999999-x.parquet", "themes.parquet/part-3-00000.parquet"]
    assert dedupe(tmp_path) == 1
    arts = _read(tmp_path, "articles")
    assert sorted(arts["article_id"]) == ["a", "b", "c"]
    assert sorted(_read(tmp_path, "sentences")["article_id"]) == ["a", "b", "c"]
    assert finished(tmp_path)["b"] == ("h", "p", "ok")
    leftovers = [f.name for t in TABLES for f in (tmp_path / f"{t}.parquet").iterdir() if f.name.startswith(".")]
    assert not leftovers


def test_the_resume_key_names_the_shipped_models() -> None:
    """An article analysed with other weights (a retrained head or tagger) is not 'done'."""
    import hashlib

    from helpers.cli.corpus import model_fingerprint, params_key

    data = Path(__file__).resolve().parents[1] / "src" / "helpers" / "data"
    digest = hashlib.sha256()
    for f in sorted(p for p in data.iterdir() if p.is_file()):
        digest.update(f.name.encode() + b"\0" + f.read_bytes())
    assert model_fingerprint() == digest.hexdigest()[:12]
    assert params_key("de", "auto", 0).endswith(f";models={digest.hexdigest()[:12]}")


def test_tasks_get_fewer_articles_near_the_end_of_a_known_input() -> None:
    from helpers.cli.corpus import _chunk_size

    assert [_chunk_size(1000, done, 2, 4) for done in (0, 960, 980, 990, 999)] == [4, 4, 2, 1, 1]
    assert _chunk_size(None, 10**6, 2, 4) == 4  # a table's size is not known in advance
    with pytest.raises(InputError, match="chunk"):
        run_corpus([ROOT / "data" / "samples"], "/nonexistent-never-created", chunk=0)


# ------------------------------------------------------------------ slow: a real LocalCluster
@pytest.fixture(scope="module")
def client():  # type: ignore[no-untyped-def]
    from dask.distributed import Client

    from helpers.cli.corpus_cluster import local_cluster

    cluster = local_cluster(2)  # the corpus command's own cluster: warm workers forked on Linux
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus-articles")
    write_folder(folder, 20)
    return folder


@pytest.mark.slow
def test_corpus_matches_the_batch_command(client, articles: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from helpers.cli.batch import run_batch

    counts = run_corpus([articles], tmp_path / "corpus", client=client, progress=False, partition_size=7,
                        flush_seconds=1e9)  # partitions by count only, whatever the machine's load
    assert counts == {"ok": 20, "error": 0, "skipped": 0, "duplicate": 0}
    batch = run_batch([articles], tmp_path / "batch", jobs=1, progress=False)
    arts = _read(tmp_path / "corpus", "articles").set_index("article_id").sort_index()
    assert len(list((tmp_path / "corpus" / "articles.parquet").glob("*.parquet"))) == 3
    summary = pd.read_csv(tmp_path / "batch" / "summary.csv").set_index("path").sort_index()
    assert list(arts.index) == list(summary.index)
    for col in SUMMARY:
        assert list(arts[col].astype(str)) == list(summary[col].astype(str)), col
    sents = _read(tmp_path / "corpus", "sentences")
    for name in summary["article"][:5]:
        want = pd.read_csv(tmp_path / "batch" / name / "sentences.csv")
        got = sents[sents["article_id"].str.endswith(f"/{name}.txt")].sort_values("sentence_id")
        assert list(got["text"]) == list(want["text"])
        assert list(got["tension"].round(9)) == list(want["tension"].round(9))
        assert list(got["actors"].fillna("")) == list(want["actors"].fillna(""))
    # a second run analyses nothing
    again = run_corpus([articles], tmp_path / "corpus", client=client, progress=False)
    assert again["skipped"] == 20 and again["ok"] == 0


@pytest.mark.slow
def test_a_killed_worker_is_replaced_and_no_article_is_lost(client, articles: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import threading

    killed: list[int] = []

    def kill_one_worker() -> None:
        # mid-run: kill a worker as soon as one is busy with an article (a fixed sleep raced a
        # fast run, with every sentence already in the embedding cache, that was over in 3 s)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            busy = sorted(addr for addr, tasks in client.processing().items() if tasks)
            if busy:
                pid = client.run(os.getpid, workers=busy[:1])[busy[0]]
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
                return
            time.sleep(0.02)

    threading.Thread(target=kill_one_worker, daemon=True).start()
    counts = run_corpus([articles], tmp_path / "out", client=client, progress=False)
    assert killed
    assert counts["ok"] + counts["error"] == 20
    arts = _read(tmp_path / "out", "articles")
    assert arts["article_id"].is_unique and len(arts) == 20
    assert (arts["status"] == "ok").all(), arts.loc[arts["status"] != "ok", "error"].tolist()
    client.wait_for_workers(2, timeout=300)  # the nanny started a new one (slow on a loaded machine)


class _DieOnArticle(WorkerPlugin):
    """A worker plugin that kills its own worker process (SIGKILL) whenever a task with
    ``needle`` in its key starts: an article that crashes its worker every time, as one
    that crashes the interpreter or runs out of memory would."""

    name = "die-on-article"

    def __init__(self, needle: str) -> None:
        self.needle = needle

    def transition(self, key, start, finish, **kwargs) -> None:  # type: ignore[no-untyped-def]
        if finish == "executing" and self.needle in str(key):
            os.kill(os.getpid(), signal.SIGKILL)


@pytest.mark.slow
def test_an_article_whose_worker_always_dies_gets_an_error_row(articles: Path, tmp_path: Path) -> None:
    import cloudpickle
    from dask.distributed import Client

    from helpers.cli.corpus_cluster import local_cluster

    bad = sorted(p.name for p in articles.glob("*.txt"))[3]
    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import this test module
    # a cluster of its own: after eight worker deaths a nanny may give up on a loaded machine,
    # which must not leave the module's shared cluster short of a worker
    with local_cluster(2) as cluster, Client(cluster) as client:
        client.register_plugin(_DieOnArticle(bad))
        try:  # two tasks of two articles in flight: the bad one's task-mate dies with it 4 times
            counts = run_corpus([articles], tmp_path / "out", client=client, progress=False, window=2, chunk=2)
        finally:
            cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    # after Dask's allowed failures (3) the task fails with KilledWorker: an error row for
    # the bad article, not a hung run or a lost article; its task-mate is analysed again
    # on its own and is fine
    assert counts == {"ok": 19, "error": 1, "skipped": 0, "duplicate": 0}
    arts = _read(tmp_path / "out", "articles").set_index("article_id")
    assert arts.index.is_unique and len(arts) == 20
    row = arts.loc[[i for i in arts.index if i.endswith(bad)][0]]
    assert row["status"] == "error" and "worker died while analysing it" in row["error"]
    assert (arts.drop(row.name)["status"] == "ok").all(), arts.loc[arts["status"] != "ok", "error"].tolist()


@pytest.mark.slow
def test_a_stopped_run_resumes_without_duplicates_or_losses(tmp_path: Path) -> None:
    table = write_table(tmp_path / "corpus.jsonl", 16)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "helpers.cli.main", "corpus", str(table), "--out", str(out), "--workers", "2",
           "--no-progress", "--partition-size", "4"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 240
    try:
        while time.monotonic() < deadline and not list((out / "articles.parquet").glob("part-*.parquet")):
            time.sleep(0.2)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the client, its scheduler and workers, without warning
        proc.wait()
    first = _read(out, "articles")
    assert 0 < len(first) < 16
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert f"{len(first)} skipped" in done.stderr
    arts = _read(out, "articles")
    assert sorted(arts["article_id"]) == sorted(r["id"] for r in article_rows(16))
    assert (arts["status"] == "ok").all()
    sents = _read(out, "sentences")
    assert not sents.duplicated(["article_id", "sentence_id"]).any()
    assert set(sents["article_id"]) == set(arts["article_id"])
    assert not [f for t in TABLES for f in (out / f"{t}.parquet").iterdir() if f.name.startswith(".")]


@pytest.mark.slow
def test_a_running_scheduler_is_used_by_its_address(client, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    address = client.scheduler.address
    assert main(["corpus", str(ROOT / "data" / "samples"), "--out", str(tmp_path), "--scheduler", address,
                 "--no-progress"]) == 0
    arts = _read(tmp_path, "articles")
    assert list(arts["status"]) == ["ok", "ok"] and set(arts["source"]) == {"samples"}
