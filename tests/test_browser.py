"""report.html as a reader meets it: fully offline, and clean in a real browser (headless Chromium).

The browser test uses Debian's ``chromium`` (``.ci/run`` installs it when missing) driven by
Playwright with ``executable_path``: no browser is downloaded. It skips, saying why, only
where no Chromium can be found. Screenshots go to ``reports/screenshots/``.
"""

from __future__ import annotations

import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
EXTERNAL = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)


class _Resources(HTMLParser):
    """Every URL the page would load: src, href, srcset, poster, data and CSS url(...)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and name in {"src", "href", "srcset", "poster", "data", "action", "xlink:href"}:
                self.urls.append(value)
            if value and name == "style":
                self.urls += re.findall(r"url\(\s*['\"]?([^'\")]+)", value)

    def handle_data(self, data: str) -> None:
        self.urls += re.findall(r"url\(\s*['\"]?([^'\")]+)", data)
        self.urls += re.findall(r"@import\s+['\"]([^'\"]+)", data)


def external_resources(page: str) -> list[str]:
    parser = _Resources()
    parser.feed(page)
    return [u for u in parser.urls if EXTERNAL.match(u)]


def test_the_resource_check_sees_remote_urls() -> None:
    page = ('<html><head><script src="https://cdn.example/require.js"></script>'
            '<style>body{background:url("//x.example/a.png")}</style></head>'
            '<body><img src="data:image/png;base64,AA"><a href="#top">top</a></body></html>')
    assert external_resources(page) == ["https://cdn.example/require.js", "//x.example/a.png"]


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reports")
    assert main(["analyze", str(ROOT / "seeds" / "openai_microsoft_spannungen.txt"),
                 str(FIXTURES / "en_port_strike.txt"), "--out", str(out), "--no-progress"]) == 0
    return out


def test_reports_load_nothing_from_outside(reports: Path) -> None:
    for page in sorted(reports.glob("*/report.html")):
        assert external_resources(page.read_text(encoding="utf-8")) == [], page


def _chromium() -> str | None:
    for candidate in (os.environ.get("TP_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if candidate and (found := shutil.which(candidate) or (candidate if Path(candidate).is_file() else None)):
            return found
    return None


@pytest.mark.slow
def test_reports_in_chromium_no_console_errors_no_requests(reports: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e .[test])")
    executable = _chromium()
    if executable is None:
        pytest.skip("no Chromium on this machine (Debian: apt-get install chromium; .ci/run does it)")
    shots = ROOT / "reports" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"]
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, headless=True, args=args)
        try:
            for page_file in sorted(reports.glob("*/report.html")):
                for width in (1200, 900):
                    page = browser.new_page(viewport={"width": width, "height": 900})
                    errors: list[str] = []
                    requests: list[str] = []
                    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
                    page.on("pageerror", lambda e: errors.append(str(e)))
                    page.on("request", lambda r: requests.append(r.url)
                            if not r.url.startswith(("file:", "data:", "about:")) else None)
                    page.goto(page_file.as_uri(), wait_until="load")
                    page.wait_for_timeout(200)
                    assert page.title().startswith("tension profile:")
                    summary = page.locator("h2", has_text="Summary")
                    assert summary.count() == 1
                    assert page.locator("svg").count() >= 2  # the figures are drawn inline
                    # no sideways scrolling of the page, also with the sentence table opened
                    page.locator("details").evaluate_all("ds => ds.forEach(d => d.open = true)")
                    scroll, client = page.evaluate(
                        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
                    assert scroll <= client, f"{page_file.parent.name} at {width} px: scrolls sideways ({scroll} > {client})"
                    target = shots / f"{page_file.parent.name}-{width}.png"
                    page.screenshot(path=str(target), full_page=False)
                    assert target.stat().st_size > 10_000
                    assert errors == [], errors
                    assert requests == [], requests
                    page.close()
        finally:
            browser.close()
