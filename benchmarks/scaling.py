"""Theme scaling: whole-analysis time and peak memory from 200 to 10,000 sentences.

Each row runs in a fresh process (so that its peak RSS is its own): the article is built
from the seed (``benchmarks.common.long_article``), with its paragraphs or joined into one
paragraph (no blank line, one line), analysed twice (the second run is timed), and the
plain ``TfidfVectorizer()`` + ``KMeans`` baseline is timed on the same sentences in the
same process (best of three runs). The exponent is the slope of log time against log sentences from 500 up.
With ``../shared`` there, the same rows again on distinct English news sentences
(``benchmarks.common.news_article``, NewsMTSC), up to ``NEWS_MAX`` of them: real text has a
vocabulary that grows with the article, which the repeated seed does not.
``python -m benchmarks.scaling [sizes...]``.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from typing import Any

SIZES = (200, 500, 1000, 2000, 5000, 10000)
#: NewsMTSC has 7,739 distinct sentences.
NEWS_MAX = 7000

_CHILD = r"""
import json, resource, sys, time
from benchmarks.common import long_article, news_article
from evaluation.baselines import plain_baseline
from helpers import pipeline

n, one, source = int(sys.argv[1]), sys.argv[2] == "1", sys.argv[3]
if source == "news":
    text = news_article(n, "en", one_paragraph=one)
else:
    text = long_article(n)
    if one:
        text = " ".join(p.strip() for p in text.split("\n") if p.strip()) + "\n"
pipeline.analyze(text)
t0 = time.perf_counter()
res = pipeline.analyze(text)
seconds = time.perf_counter() - t0
texts = list(res.sentences["text"])
plain_baseline(texts[:50], 2, 0)
plain = float("inf")
for _ in range(3):  # best of three: KMeans' threads make one run swing with any other load
    t0 = time.perf_counter()
    plain_baseline(texts, max(2, res.k), 0)
    plain = min(plain, time.perf_counter() - t0)
print(json.dumps({"sentences": len(texts), "paragraphs": int(res.sentences["paragraph"].nunique()), "k": int(res.k),
                  "analyze_s": seconds, "plain_s": plain,
                  "peak_rss_MB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _row(n: int, one_paragraph: bool, source: str = "seed") -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(n), "1" if one_paragraph else "0", source],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def exponent(rows: list[dict[str, Any]], key: str = "analyze_s", smallest: int = 500) -> float:
    """Least-squares slope of log ``key`` against log sentences, rows with >= ``smallest`` sentences."""
    pts = [(math.log(r["sentences"]), math.log(r[key])) for r in rows if r["sentences"] >= smallest]
    if len(pts) < 2:
        return float("nan")
    mx = sum(p[0] for p in pts) / len(pts)
    my = sum(p[1] for p in pts) / len(pts)
    return sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts)


def bench_scaling(sizes: tuple[int, ...] = SIZES) -> list[dict[str, Any]]:
    """One row per size and layout, then one exponent row per layout."""
    from benchmarks.common import news_sentences

    rows: list[dict[str, Any]] = []
    available = min(NEWS_MAX, len(news_sentences("en")))
    news = any(s <= available for s in sizes)
    cases = [("seed", one) for one in (False, True)] + ([("news", one) for one in (False, True)] if news else [])
    for source, one in cases:
        layout = ("one paragraph" if one else "paragraphs") + (", news sentences" if source == "news" else "")
        part = []
        for n in sizes:
            if source == "news" and n > available:
                continue
            r = _row(n, one, source)
            r = {"layout": layout, "target": n, **r, "analyze_x_plain": r["analyze_s"] / r["plain_s"]}
            part.append(r)
            print(f"  {layout:30} {r['sentences']:>6} sentences  {r['analyze_s']:8.2f} s  plain {r['plain_s']:6.2f} s"
                  f"  x{r['analyze_x_plain']:5.1f}  {r['peak_rss_MB']:6.0f} MB", file=sys.stderr, flush=True)
        rows.extend(part)
        rows.append({"layout": layout, "target": "exponent", "analyze_s": exponent(part),
                     "plain_s": exponent(part, "plain_s")})
    return rows


if __name__ == "__main__":
    sizes = tuple(int(a) for a in sys.argv[1:]) or SIZES
    for row in bench_scaling(sizes):
        print(row)
