"""One analysed article on disk: its summary row, CSV tables, figures and the self-contained report.html."""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.errors import InputError
from helpers.io.discovery import safe_name


def _tension_columns(result: Any) -> tuple[pd.Series, pd.DataFrame]:
    """Sentence tension and a per-theme ``theme, label, tension`` table (the tension stage's)."""
    per_theme = result.themes[["theme", "label", "tension_mean"]].rename(columns={"tension_mean": "tension"})
    return result.sentences["tension"], per_theme


def _num(value: Any, digits: int = 4) -> Any:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return ""
    return "" if v != v else round(v, digits)


def article_row(result: Any) -> dict[str, Any]:
    """The numbers of one analysed article for ``summary.csv`` / ``compare_table``."""
    sents = result.sentences
    tension, per_theme = _tension_columns(result)
    row: dict[str, Any] = {
        "language": result.lang,
        "sentences": int(len(sents)),
        "themes": int(len(result.themes)) if len(result.themes) else int(getattr(result, "k", 0)),
        "sentiment_mean": _num(sents["sentiment"].mean()) if "sentiment" in sents else "",
        "tension_mean": _num(tension.mean()) if tension is not None else "",
        "most_tense_theme": "",
    }
    if per_theme is not None and per_theme["tension"].notna().any():
        top = per_theme.sort_values(["tension", "theme"], ascending=[False, True]).iloc[0]
        row["most_tense_theme"] = str(top["label"])
    return row


def figure_pngs(result: Any, dpi: int = 100) -> dict[str, bytes]:
    """PNG bytes of ``helpers.plots.report_figures(result)``; empty when that function does not exist."""
    from helpers.report import figures as plots

    fn = getattr(plots, "report_figures", None)
    if not callable(fn):
        return {}
    import matplotlib.pyplot as plt

    pngs: dict[str, bytes] = {}
    for name, fig in dict(fn(result)).items():
        buf = io.BytesIO()
        # no "Software" stamp: the bytes do not change with the matplotlib version
        fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
        plt.close(fig)
        pngs[safe_name(str(name))] = buf.getvalue()
    return pngs


FIGURE_FORMATS: tuple[str, ...] = ("svg", "png")
"""``svg`` (default): ``helpers.svgplots``, milliseconds per article; ``png``: the
notebooks' matplotlib figures, about half a second per article."""


def figure_svgs(result: Any) -> dict[str, str]:
    """SVG documents of the report figures (``helpers.svgplots.report_svgs``)."""
    from helpers.report.svg import report_svgs

    return {safe_name(str(name)): svg for name, svg in report_svgs(result).items()}


def write_article(result: Any, folder: str | Path, title: str,
                  meta: Mapping[str, Any] | None = None, figures: str = "svg") -> dict[str, Any]:
    """Write ``report.html``, ``sentences.csv``, ``themes.csv`` and the figures (``figures``:
    "svg" or "png", see ``FIGURE_FORMATS``) into ``folder``.

    The CSV files are ``helpers.report.tables.full_table``: every column, sentences, themes and
    paragraphs numbered from 1 (``sentence``, ``theme``, ``paragraph``, ...), floats rounded to 4
    decimals."""
    from helpers.report.html import write_report
    from helpers.report.tables import full_table

    if figures not in FIGURE_FORMATS:
        raise InputError(f"--figures must be one of {', '.join(FIGURE_FORMATS)}, not {figures!r}")
    folder = Path(folder)
    # the CSVs number as readers see (S1 = sentence 1, T1 = theme 1) and round floats (full_table)
    csv_safe(full_table(result, "sentences")).to_csv(folder / "sentences.csv", index=False, lineterminator="\n")
    csv_safe(full_table(result, "themes")).to_csv(folder / "themes.csv", index=False, lineterminator="\n")
    drawn: Mapping[str, bytes | str]
    if figures == "svg":
        drawn = figure_svgs(result)
        for name, svg in drawn.items():
            (folder / f"{name}.svg").write_text(svg, encoding="utf-8", newline="\n")
    else:
        drawn = figure_pngs(result)
        for name, png in drawn.items():
            (folder / f"{name}.png").write_bytes(png)
    summary = result.summary
    write_report(folder / "report.html", result, title=title, summary=summary, figures=drawn, meta=meta)
    return {"figures": sorted(drawn), "summary": summary}


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Article text is data: a text cell that a spreadsheet would run as a formula
    (starting with = + - @) gets a leading apostrophe (OWASP CSV-injection advice)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(lambda v: "'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v)
    return out
