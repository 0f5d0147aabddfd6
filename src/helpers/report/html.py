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
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["render_report", "write_report", "cell_text", "readable_table"]

_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"

_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 70rem;
       margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #ddd; }
.meta { color: #555; margin-top: 0; }
table { border-collapse: collapse; font-size: .9rem; margin: .5rem 0 1rem; }
th, td { border: 1px solid #ddd; padding: .25rem .5rem; vertical-align: top; text-align: left; }
th { background: #f4f4f4; }
figure { margin: 1rem 0; } figure img, figure svg { max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption { color: #555; font-size: .9rem; }
.notes li { color: #555; }
details summary { cursor: pointer; font-weight: 600; }
"""

#: Columns of ``Analysis.themes`` shown in the themes table, in this order (when present).
THEME_COLUMNS = ("theme", "label", "n_sentences", "share", "paragraphs", "top_terms", "representative")
#: Per-theme tension columns, and per-theme sentiment columns.
TENSION_COLUMNS = ("theme", "label", "n_sentences", "tension_mean", "tension_ci_low", "tension_ci_high",
                   "share_tense", "dominant_actors")
SENTIMENT_COLUMNS = ("theme", "label", "n_sentences", "sentiment_mean", "sentiment_ci_low",
                     "sentiment_ci_high", "sentiment_median", "share_negative", "share_neutral",
                     "share_positive")
#: Columns of ``Analysis.sentences`` shown in the sentence table.
SENTENCE_COLUMNS = ("sentence_id", "paragraph", "theme", "sentiment", "tension", "actors", "text",
                    "sentiment_words", "tension_terms")


def cell_text(value: Any) -> Any:
    """A table cell as readable text: sequences "; "-joined, ``(term, weight)`` pairs as "term (weight)".

    Scalars are returned unchanged (so numbers stay numbers in CSV files).
    """
    if isinstance(value, (list, tuple, set, frozenset)) or _is_array(value):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else list(value)
        return "; ".join(_inner(v) for v in items)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_inner(v)}" for k, v in value.items())
    return value


def _is_array(value: Any) -> bool:
    return type(value).__name__ == "ndarray"


def _inner(value: Any) -> str:
    if isinstance(value, (list, tuple)) or _is_array(value):
        seq = list(value)
        if len(seq) == 2 and isinstance(seq[0], str) and isinstance(seq[1], (int, float)):
            return f"{seq[0]} ({seq[1]:g})"
        return ", ".join(_inner(v) for v in seq)
    return str(value)


def readable_table(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` with every sequence-valued cell turned into readable text (``cell_text``)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = out[col].map(cell_text)
    out.attrs = {}
    return out


def _table(df: pd.DataFrame, float_format: str = "{:.3f}") -> str:
    if df.empty:
        return "<p><em>(empty)</em></p>"
    return readable_table(df).to_html(
        index=False, escape=True, na_rep="", border=0, classes="data",
        float_format=lambda v: float_format.format(v),
    )


def _pick(df: pd.DataFrame, columns: Sequence[str], prefix: str | None = None) -> pd.DataFrame:
    cols = [c for c in columns if c in df.columns]
    if prefix:
        cols += [c for c in df.columns if str(c).startswith(prefix) and c not in cols]
    return df[cols] if cols else pd.DataFrame()


def _numbered(df: pd.DataFrame) -> pd.DataFrame:
    """Theme ids as readers see them in the figures: T1, T2, …"""
    if "theme" not in df:
        return df
    out = df.copy()
    out["theme"] = [f"T{int(t) + 1}" for t in out["theme"]]
    return out


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

    from helpers.sentiment.score import NEUTRAL_BAND
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
        caption = str(name).replace("_", " ")
        if isinstance(figure, str):
            if not figure.lstrip().startswith("<svg"):
                raise ValueError(f"figure {name!r}: a string figure must be an SVG document")
            drawn.append({"caption": caption, "svg": Markup(figure), "png": ""})  # noqa: S704 - escaped by report.svg
        else:
            drawn.append({"caption": caption, "svg": "", "png": base64.b64encode(figure).decode("ascii")})
    ranked = (themes.sort_values(["tension_mean", "theme"], ascending=[False, True])
              if "tension_mean" in themes else None)
    page = _environment().get_template("report.html.j2").render(
        csp=_CSP, style=Markup(_STYLE), title=title,
        info=[(str(k), str(v)) for k, v in info.items()],
        summary_paragraphs=[b.strip() for b in str(summary).split("\n\n") if b.strip()],
        figures=drawn,
        themes_table=Markup(_table(_numbered(_pick(themes, THEME_COLUMNS)))),
        tension_table=Markup(_table(_numbered(_pick(ranked, TENSION_COLUMNS)))) if ranked is not None else "",
        sentiment_table=Markup(_table(_numbered(_pick(themes, SENTIMENT_COLUMNS)))),
        notes=[str(n) for n in (getattr(result, "notes", []) or [])],
        sentence_table=Markup(_table(_pick(sentences, SENTENCE_COLUMNS))),
        tense_threshold=TENSE_THRESHOLD, neutral_band=NEUTRAL_BAND,
    )
    return page


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
