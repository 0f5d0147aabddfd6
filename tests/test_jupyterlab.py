"""A committed notebook as a reader meets it: opened in JupyterLab, in a real browser.

Starts ``jupyter lab`` on a free port with a random token in a temporary copy of the
notebooks (its own config, runtime and data folders, so nothing of the user's is touched and
nothing is written in the checkout), opens ``04_tension_profile.ipynb`` in headless
Chromium (Debian's ``chromium`` driven by Playwright with ``executable_path``: no browser
download) and checks that the notebook renders: its cells, the summary as Markdown, the
figure, the tables, and no console error. A screenshot goes to
``reports/screenshots/jupyterlab-04_tension_profile.png``; the server is shut down after.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = "04_tension_profile.ipynb"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _chromium() -> str | None:
    for candidate in (os.environ.get("TP_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if candidate and (found := shutil.which(candidate) or (candidate if Path(candidate).is_file() else None)):
            return found
    return None


@pytest.fixture()
def lab(tmp_path: Path):  # noqa: ANN201
    jupyter = Path(sys.executable).parent / "jupyter"
    if not jupyter.exists():
        pytest.skip("JupyterLab is not installed (pip install -e '.[notebooks]')")
    work = tmp_path / "work"
    shutil.copytree(ROOT / "notebooks", work / "notebooks")
    port, token = _free_port(), secrets.token_hex(16)
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / "config"), "JUPYTER_RUNTIME_DIR": str(tmp_path / "run"),
           "JUPYTER_DATA_DIR_EXTRA": "", "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
           "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "settings")}
    log = (tmp_path / "lab.log").open("w")
    proc = subprocess.Popen(
        [str(jupyter), "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1", f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={work}", "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         "--ServerApp.port_retries=0", "--LabApp.extension_manager=readonly",
         *(["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else [])],  # CI containers run as root
        cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("jupyter lab did not start:\n" + (tmp_path / "lab.log").read_text()[-2000:])
            time.sleep(0.5)
        yield base, token
    finally:
        try:
            req = urllib.request.Request(f"{base}/api/shutdown?token={token}", method="POST")
            urllib.request.urlopen(req, timeout=5).close()
            proc.wait(timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        log.close()


@pytest.mark.slow
def test_a_notebook_renders_in_jupyterlab(lab: tuple[str, str]) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e .[test])")
    executable = _chromium()
    if executable is None:
        pytest.skip("no Chromium on this machine (Debian: apt-get install chromium; .ci/run does it)")
    base, token = lab
    shots = ROOT / "reports" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"]
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, headless=True, args=args)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            errors: list[str] = []
            outside: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("request", lambda r: outside.append(r.url)
                    if not r.url.startswith((base, "data:", "blob:", "about:")) else None)
            page.goto(f"{base}/lab/tree/notebooks/{NOTEBOOK}?token={token}", wait_until="domcontentloaded")
            notebook = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook")
            notebook.wait_for(state="visible", timeout=60_000)
            page.locator(".jp-Notebook .jp-Cell").first.wait_for(state="visible", timeout=30_000)
            # the notebook's content: its title, the summary rendered as Markdown, the figure, a table
            page.get_by_role("heading", name="04 · The tension profile").first.wait_for(timeout=30_000)
            # JupyterLab renders a notebook's cells in chunks: wait until all of them are there
            n_cells = len(json.loads((ROOT / "notebooks" / NOTEBOOK).read_text(encoding="utf-8"))["cells"])
            page.wait_for_function(f"document.querySelectorAll('.jp-Notebook .jp-Cell').length >= {n_cells}",
                                   timeout=60_000)
            page.locator(".jp-RenderedMarkdown p", has_text="The most tense theme is").first.wait_for(
                state="attached", timeout=30_000)
            assert page.locator(".jp-OutputArea-output img").count() >= 1
            assert page.locator(".jp-OutputArea-output table").count() >= 3
            page.wait_for_timeout(1000)
            target = shots / f"jupyterlab-{Path(NOTEBOOK).stem}.png"
            page.screenshot(path=str(target))
            assert target.stat().st_size > 20_000
            assert errors == [], errors
            assert outside == [], outside
        finally:
            browser.close()
