"""A self-contained HTML report for one analysed article (used by ``tension-profile analyze``).

Article text is data, never markup: every string that reaches the page goes through
``html.escape`` (or ``DataFrame.to_html(escape=True)``), figures are embedded as inline
SVG built by ``helpers.svgplots`` (which escapes every article string) or as base64 PNG
``data:`` URIs, the page carries no script at all, and a Content-Security-Policy
forbids scripts and remote loads even if something slipped through. The page tells the
same story as the notebooks: what the article is, a short summary, the themes, how each
theme sounds (sentiment, tension), the figures, and the sentence table.
"""

from __future__ import annotations

import base64
import html
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


def _paragraphs(text: str) -> str:
    blocks = [b.strip() for b in str(text).split("\n\n") if b.strip()]
    return "\n".join(f"<p>{html.escape(b)}</p>" for b in blocks)


def _numbered(df: pd.DataFrame) -> pd.DataFrame:
    """Theme ids as readers see them in the figures: T1, T2, …"""
    if "theme" not in df:
        return df
    out = df.copy()
    out["theme"] = [f"T{int(t) + 1}" for t in out["theme"]]
    return out


def render_report(
    result: Any,
    title: str,
    summary: str = "",
    figures: Mapping[str, bytes | str] | None = None,
    meta: Mapping[str, Any] | None = None,
) -> str:
    """The HTML page (a string) for an ``Analysis`` result.

    ``figures`` maps a figure name to PNG bytes or to an SVG document from
    ``helpers.svgplots`` (inlined); ``meta`` holds extra key/value lines
    shown under the title (e.g. the source file). Everything is escaped.
    """
    esc = html.escape
    themes = getattr(result, "themes", pd.DataFrame())
    sentences = getattr(result, "sentences", pd.DataFrame())
    parts: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head><body>",
        f"<h1>{esc(title)}</h1>",
    ]
    info = {
        "language": getattr(result, "lang", ""),
        "sentences": len(sentences),
        "themes": getattr(result, "k", len(themes)),
        "theme stability (ARI across seeds)": _fmt(getattr(result, "stability", float("nan"))),
    }
    info.update(dict(meta or {}))
    parts.append('<p class="meta">' + " · ".join(
        f"{esc(str(k))}: <strong>{esc(str(v))}</strong>" for k, v in info.items()) + "</p>")

    parts.append("<h2>Summary</h2>")
    parts.append(_paragraphs(summary) if summary else "<p><em>(no summary)</em></p>")

    parts.append("<h2>Figures</h2>")
    if figures:
        for name, figure in figures.items():
            caption = esc(str(name).replace("_", " "))
            if isinstance(figure, str):
                if not figure.lstrip().startswith("<svg"):
                    raise ValueError(f"figure {name!r}: a string figure must be an SVG document")
                parts.append(f"<figure>{figure}<figcaption>{caption}</figcaption></figure>")
                continue
            data = base64.b64encode(figure).decode("ascii")
            parts.append(f'<figure><img alt="{caption}" src="data:image/png;base64,{data}">'
                         f"<figcaption>{caption}</figcaption></figure>")
    else:
        parts.append("<p><em>(no figures available)</em></p>")

    parts.append("<h2>Themes</h2>")
    parts.append("<p>Sentences grouped into themes, numbered T1, T2, … by first appearance (as in the "
                 "figures); <code>share</code> is the theme's share of all sentences.</p>")
    parts.append(_table(_numbered(_pick(themes, THEME_COLUMNS))))

    if "tension_mean" in themes:
        parts.append("<h2>Tension per theme</h2>")
        parts.append("<p>Mean sentence tension from 0 (none) to 1 (acute) with a bootstrap 95 % interval, "
                     "most tense first; <code>share_tense</code> is the share of sentences at 0.3 or above.</p>")
        ranked = themes.sort_values(["tension_mean", "theme"], ascending=[False, True])
        parts.append(_table(_numbered(_pick(ranked, TENSION_COLUMNS))))
    parts.append("<h2>Sentiment per theme</h2>")
    parts.append("<p>Mean sentence sentiment from −1 (negative) to +1 (positive) with a bootstrap "
                 "95 % interval; a sentence within ±0.05 counts as neutral.</p>")
    parts.append(_table(_numbered(_pick(themes, SENTIMENT_COLUMNS))))

    notes = list(getattr(result, "notes", []) or [])
    if notes:
        parts.append("<h2>Notes</h2>")
        parts.append('<ul class="notes">' + "".join(f"<li>{esc(str(n))}</li>" for n in notes) + "</ul>")

    parts.append("<h2>Sentences</h2>")
    parts.append("<details><summary>All sentences with theme, sentiment and tension</summary>")
    parts.append(_table(_pick(sentences, SENTENCE_COLUMNS)))
    parts.append("</details>")
    parts.append('<p class="meta">Generated by tension-profile.</p>')
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


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
