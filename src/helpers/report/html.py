"""A self-contained HTML report for one analysed article (used by ``tension-profile analyze``).

The page is the jinja2 template ``templates/report.html.j2``, rendered with autoescaping:
article text is data, never markup. Every string that reaches the page is escaped by
jinja2; the only values marked safe are tables from ``DataFrame.to_html(escape=True)``
and inline SVG built by ``helpers.report.svg`` (which escapes every article string);
PNG figures are embedded as base64 ``data:`` URIs, the page carries no script at all, and a Content-Security-Policy
forbids scripts and remote loads even if something slipped through. The page tells the
same story as the notebooks: what the article is, a short summary, the themes, how each
theme sounds (sentiment, tension), the figures, and the sentence table.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.report.tables import cell_text, readable_table  # re-exported: the report's cells

__all__ = ["render_report", "write_report", "cell_text", "readable_table"]

_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"

_STYLE = """
*, *::before, *::after { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 70rem;
       margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.45; overflow-wrap: break-word; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #ddd; }
.meta { color: #555; margin-top: 0; }
.scroll { max-width: 100%; overflow-x: auto; }
table { border-collapse: collapse; font-size: .9rem; margin: .5rem 0 1rem; width: 100%; }
th, td { border: 1px solid #ddd; padding: .25rem .5rem; vertical-align: top; text-align: left; }
td { overflow-wrap: break-word; hyphens: auto; } td:first-child { min-width: 12rem; }
th { background: #f4f4f4; }
figure { margin: 1rem 0; max-width: 100%; }
figure img, figure svg { display: block; max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption { color: #555; font-size: .9rem; }
.notes li { color: #555; }
details summary { cursor: pointer; font-weight: 600; }
"""

#: Captions of the report's figures, by file stem; ``{peak_rule}`` is the peaks' rule in words.
CAPTIONS = {
    "tension_profile": ("The tension profile. Top: tension (red) and sentiment (blue, dashed) through the article, "
                        "smoothed; dots are sentences, the labelled ones the peaks: {peak_rule}. Middle: themes "
                        "ranked by mean tension (95 % interval) and how they sound. Bottom: where each theme is "
                        "tense, and the pairs of actors named together in two or more sentences."),
    "themes_strip": "The theme of every sentence in reading order; grey lines mark paragraph breaks.",
    "sentiment_along": "Sentiment of every sentence in reading order, coloured by theme.",
    "sentiment_by_theme": "Mean sentiment per theme with its bootstrap 95 % interval.",
}


def _table(df: pd.DataFrame, float_format: str = "{:.2f}") -> str:
    if df.empty:
        return "<p><em>(empty)</em></p>"
    return readable_table(df).to_html(
        index=False, escape=True, na_rep="", border=0, classes="data",
        float_format=lambda v: float_format.format(v),
    )


def _environment() -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    return Environment(loader=PackageLoader("helpers.report", "templates"),
                       autoescape=select_autoescape(default=True, default_for_string=True),
                       undefined=StrictUndefined, keep_trailing_newline=True)


def render_report(
    result: Any,
    title: str,
    summary: str = "",
    figures: Mapping[str, bytes | str] | None = None,
    meta: Mapping[str, Any] | None = None,
) -> str:
    """The HTML page for an analysis, from ``templates/report.html.j2``.

    Parameters
    ----------
    result : Analysis
        Uses its ``sentences``, ``themes``, ``lang``, ``k``, ``stability`` and ``notes``.
    title : str
        Page title and heading.
    summary : str
        The summary paragraph(s); blank lines separate paragraphs.
    figures : mapping of str to bytes or str, optional
        Figure name to PNG bytes (embedded as a ``data:`` URI) or to an SVG document from
        ``helpers.report.svg`` (inlined).
    meta : mapping, optional
        Extra ``key: value`` items shown under the title (e.g. the source file).

    Returns
    -------
    str
        A complete, self-contained HTML document (no script, no external resource).

    Raises
    ------
    ValueError
        When a string figure is not an SVG document.
    """
    from markupsafe import Markup

    from helpers.report import tables
    from helpers.sentiment.score import NEUTRAL_BAND
    from helpers.tension.arc import PEAK_RULE
    from helpers.tension.score import TENSE_THRESHOLD

    themes = getattr(result, "themes", pd.DataFrame())
    sentences = getattr(result, "sentences", pd.DataFrame())
    info = {
        "language": getattr(result, "lang", ""),
        "sentences": len(sentences),
        "themes": getattr(result, "k", len(themes)),
        "theme stability (ARI across seeds)": _fmt(getattr(result, "stability", float("nan"))),
    }
    info.update(dict(meta or {}))
    drawn = []
    for name, figure in (figures or {}).items():
        caption = CAPTIONS.get(str(name), str(name).replace("_", " ")).format(peak_rule=PEAK_RULE)
        if isinstance(figure, str):
            if not figure.lstrip().startswith("<svg"):
                raise ValueError(f"figure {name!r}: a string figure must be an SVG document")
            drawn.append({"caption": caption, "svg": Markup(figure), "png": ""})  # noqa: S704 - escaped by report.svg
        else:
            drawn.append({"caption": caption, "svg": "", "png": base64.b64encode(figure).decode("ascii")})
    has = {"tension": "tension_mean" in themes, "sentiment": "sentiment_mean" in themes}
    page = _environment().get_template("report.html.j2").render(
        csp=_CSP, style=Markup(_STYLE), title=title,
        # the tables hold the article's words: hyphenated in its language, not cut anywhere
        content_lang=getattr(result, "lang", None) if getattr(result, "lang", None) in ("de", "en") else "en",
        info=[(str(k), str(v)) for k, v in info.items()],
        summary_paragraphs=[b.strip() for b in str(summary).split("\n\n") if b.strip()],
        figures=drawn,
        themes_table=Markup(_table(tables.theme_overview(result))) if len(themes) else "",
        tension_table=Markup(_table(tables.theme_tension(result))) if has["tension"] else "",
        tense_table=Markup(_table(tables.most_tense(result))) if "tension" in sentences else "",
        sentiment_table=Markup(_table(tables.theme_sentiment(result))) if has["sentiment"] else "",
        notes=[str(n) for n in (getattr(result, "notes", []) or [])],
        sentence_table=Markup(_table(_sentence_rows(result))),
        tense_threshold=TENSE_THRESHOLD, neutral_band=NEUTRAL_BAND,
    )
    return page


def _sentence_rows(result: Any) -> pd.DataFrame:
    """Every sentence, text first: S-number, theme, sentiment and tension (what the page's table shows)."""
    from helpers.report.tables import sentences_view

    view = sentences_view(result)
    s = result.sentences
    for col, header in (("sentiment", "Sentiment"), ("tension", "Tension")):
        if col in s:
            view[header] = s[col].astype(float).round(2).to_numpy()
    return view


def _fmt(value: Any) -> str:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    return "n/a" if v != v else f"{v:.2f}"


def write_report(target: str | Path, result: Any, title: str, summary: str = "",
                 figures: Mapping[str, bytes | str] | None = None,
                 meta: Mapping[str, Any] | None = None) -> Path:
    """Write ``render_report(...)`` to ``target`` (UTF-8) and return the path."""
    path = Path(target)
    path.write_text(render_report(result, title, summary, figures, meta), encoding="utf-8")
    return path
