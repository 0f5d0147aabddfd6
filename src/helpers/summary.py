"""The one paragraph in words that says where an article's tension lies."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from helpers.tension.arc import sentence_label, tension_peaks
from helpers.tension.profile import MIN_PAIR_SENTENCES, actor_pairs


# -------------------------------------------------------------------------- summary
def _theme_name(themes: pd.DataFrame, theme: Any) -> str:
    if "label" in themes and (themes["theme"] == theme).any():
        return f"T{int(theme) + 1} '{themes.loc[themes['theme'] == theme, 'label'].iat[0]}'"
    return f"T{int(theme) + 1}"


def _pairs_text(result: Any) -> str:
    """Between whom, in words: only pairs named together in ``MIN_PAIR_SENTENCES`` or more
    sentences count; otherwise the one shared sentence is named as a single mention."""
    pairs = getattr(result, "actor_pairs", None)
    if isinstance(pairs, pd.DataFrame) and len(pairs):
        pairs = pairs[pairs["n_sentences"] >= MIN_PAIR_SENTENCES]
    if isinstance(pairs, pd.DataFrame) and len(pairs):
        p = pairs.iloc[0]
        out = (f"The actors most often named together are {p['actor_a']} and {p['actor_b']} "
               f"({int(p['n_sentences'])} sentences, mean tension {p['mean_tension']:.2f}).")
        tense = pairs.sort_values("mean_tension", ascending=False, kind="mergesort")
        if (tense.iloc[0]["actor_a"], tense.iloc[0]["actor_b"]) != (p["actor_a"], p["actor_b"]):
            q = tense.iloc[0]
            out += (f" The most tense recurring pair is {q['actor_a']} and {q['actor_b']} "
                    f"(mean {q['mean_tension']:.2f} over {int(q['n_sentences'])} sentences).")
        return out
    sdf = result.sentences
    if "actors" not in sdf:
        return ""
    single = actor_pairs(sdf, min_sentences=1)
    if single.empty:
        return "No two actors are named in the same sentence."
    p = single.iloc[0]
    return (f"No two actors are named together in {MIN_PAIR_SENTENCES} or more sentences, so no pair is "
            f"singled out; {p['actor_a']} and {p['actor_b']} share a single sentence "
            f"({sentence_label(p['sentence_ids'][0])}).")


def summary_text(result: Any) -> str:
    """One English paragraph describing where the article's tension lies, from the numbers.

    ``result``: an ``Analysis`` after ``stage_tension`` (needs ``sentences`` with
    ``tension``; uses ``themes`` with ``tension_mean`` and ``result.actor_pairs``
    when present). A pair of actors is named only when they share at least
    ``MIN_PAIR_SENTENCES`` sentences; otherwise the text says it is a single mention.  The
    peaks named are ``helpers.tension.arc.tension_peaks`` (the sentences the headline figure
    labels), written as readers see them: ``S1`` is the first sentence.

    Returns
    -------
    str
        The paragraph, ending with a full stop or a closing quote.
    """
    sdf: pd.DataFrame = result.sentences
    if "tension" not in sdf or len(sdf) == 0:
        return "No tension scores: run the tension stage first."
    t = sdf["tension"].astype(float).to_numpy()
    parts: list[str] = []
    themes = getattr(result, "themes", pd.DataFrame())
    if isinstance(themes, pd.DataFrame) and "tension_mean" in themes and len(themes) > 1:
        ranked = themes.sort_values(["tension_mean", "theme"], ascending=[False, True])
        top, low = ranked.iloc[0], ranked.iloc[-1]
        s = (f"The most tense theme is {_theme_name(themes, top['theme'])} (mean tension {top['tension_mean']:.2f}, "
             f"95% CI {top['tension_ci_low']:.2f}–{top['tension_ci_high']:.2f}, "
             f"{top['share_tense']:.0%} of its {int(top.get('n', top.get('n_sentences', 0)))} sentences tense")
        if isinstance(top.get("dominant_actors"), str) and top["dominant_actors"]:
            s += f"; mostly {top['dominant_actors'].replace('; ', ', ')}"
        s += f"), the calmest {_theme_name(themes, low['theme'])} ({low['tension_mean']:.2f})."
        parts.append(s)
    elif isinstance(themes, pd.DataFrame) and "tension_mean" in themes and len(themes) == 1:
        row = themes.iloc[0]
        parts.append(f"The article has one theme, with mean tension {row['tension_mean']:.2f} "
                     f"(95% CI {row['tension_ci_low']:.2f}–{row['tension_ci_high']:.2f}).")
    else:
        parts.append(f"Mean tension is {t.mean():.2f}.")
    parts.append(_pairs_text(result))
    n = len(t)
    if n >= 6:
        thirds = np.array_split(t, 3)
        first, last = float(thirds[0].mean()), float(thirds[-1].mean())
        trend = "rises" if last - first > 0.05 else "falls" if first - last > 0.05 else "stays level"
        parts.append(f"Tension {trend} from the first third ({first:.2f}) to the last ({last:.2f});")
    peaks = tension_peaks(sdf, text_chars=110) if "sentence_id" in sdf else pd.DataFrame()
    # lower case only after the trend clause's semicolon; a sentence of its own otherwise
    opener = "it" if parts[-1].endswith(";") else "It"
    if len(peaks) == 0:
        parts.append(f"{opener} has no peak: every sentence scores {t[0]:.2f}.")
    else:
        top = peaks.iloc[0]
        text = f": '{top['text']}'" if top["text"] else "."
        parts.append(f"{opener} peaks at sentence {top['label']} ({top['position']:.0f} % into the article, "
                     f"tension {top['value']:.2f}){text}")
        if len(peaks) > 1:
            others = [f"{r['label']} ({r['value']:.2f}, {r['position']:.0f} %)" for _, r in peaks.iloc[1:].iterrows()]
            parts.append(("Other peaks: " if len(others) > 1 else "Another peak: ")
                         + " and ".join(others) + ".")
    out = " ".join(p for p in parts if p)
    return out if out.endswith((".", "'")) else out + "."
