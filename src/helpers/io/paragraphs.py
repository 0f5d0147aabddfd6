"""Paragraphs and headings of a plain text, with hard-wrapped text detected from evidence.

Blocks are separated by blank lines. Inside a block, whether a line break ends a
paragraph depends on whether the *file* is hard-wrapped (lines broken at a fixed width,
as in e-mails, PDFs and old newsletters), decided by ``wrap_evidence`` from the file's
own lines:

- a break is *mid-sentence* when the line before it has no final punctuation and is at
  least half the p90 line length, when the next line starts in lower case, or when the
  line ends with a comma, a hyphen, an opening bracket/quote or a lower-case function
  word (stop-word list; verb particles such as "an", "auf", "up" do not count);
- the file is hard-wrapped when at least 2 breaks, and at least a quarter of all
  breaks, are mid-sentence and its p90 line length is at most 120 characters.

Not wrapped (one paragraph per line, like the seed article): every line is a paragraph,
unless the sentence visibly goes on (next line in lower case, or the line ends
mid-sentence). Wrapped: a paragraph ends only at a line with final punctuation that is
clearly shorter than the long lines (under 80 % of p90).

A heading is a line that is short (at most 10 words and 80 characters), has letters and
no final punctuation, does not end in a function word or a comma, is followed by a
capitalised line (or nothing) and starts a unit; inside a wrapped block it must also be
clearly shorter than the body lines (under 60 % of p90), while a line that is a block
of its own may be as long as it likes. A wrapped paragraph whose joined text looks like a
heading is a heading. Line breaks inside a paragraph stay in ``Article.text`` (offsets
never change); the sentence text joins them (``helpers.text.sentences.join_lines``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_FINAL = tuple(".!?…:;\"'“”»«›‹)")
_BLANK_LINE = re.compile(r"\n[ \t\f\v\u00a0]*\n")
HEADING_MAX_WORDS = 10
HEADING_MAX_CHARS = 80
_PARTICLES = frozenset(
    "ab an auf aus bei ein mit nach vor weg zu zurück fest los her hin dar weiter zusammen fort "
    "vorbei voran nieder hinzu heraus hinaus statt teil "
    "up off out in on down over back away ahead apart together".split()
)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: its character span in ``Article.text`` and whether it is a heading."""

    start: int
    end: int
    is_heading: bool = False


def _function_words() -> frozenset[str]:
    from helpers.text.tokens import stopwords

    return stopwords("de") | stopwords("en")


def ends_mid_sentence(line: str) -> bool:
    """Evidence that ``line`` stops inside a sentence: a comma, hyphen, opening bracket or
    quote at its end, or a lower-case function word (not a verb particle) as its last word."""
    s = line.rstrip()
    if not s:
        return False
    if s.endswith((",", "(", "-", "–", "„", "“")) and not s.endswith(" –"):
        return True
    last = s.split()[-1]
    return last.isalpha() and last.islower() and last not in _PARTICLES and last in _function_words()


def _p90(values: list[int]) -> int:
    v = sorted(values)
    return v[min(len(v) - 1, int(0.9 * (len(v) - 1) + 0.5))] if v else 0


def wrap_evidence(text: str) -> dict[str, Any]:
    """Line statistics of ``text`` and the decision ``wrapped`` (rule in the module docstring)."""
    lines = [ln.strip() for ln in text.split("\n")]
    p90 = _p90([len(ln) for ln in lines if ln])
    breaks = mid = 0
    for a, b in zip(lines, lines[1:]):
        if not a or not b:
            continue
        breaks += 1
        if b[:1].islower() or ends_mid_sentence(a) or (not a.endswith(_FINAL) and len(a) >= 0.5 * p90):
            mid += 1
    wrapped = breaks >= 2 and mid >= 2 and mid >= 0.25 * breaks and p90 <= 120
    return {"lines": sum(1 for ln in lines if ln), "p90": p90, "breaks": breaks, "mid": mid, "wrapped": wrapped}


def looks_like_heading(line: str, next_line: str = "", p90: int = 0, in_wrapped_block: bool = False) -> bool:
    """A heading line by the rule of the module docstring."""
    line = line.strip()
    if not line or not any(ch.isalpha() for ch in line) or line.endswith((*_FINAL, ",", "-")):
        return False
    if len(line) > HEADING_MAX_CHARS or len(line.split()) > HEADING_MAX_WORDS:
        return False
    if ends_mid_sentence(line) or next_line[:1].islower():
        return False
    return not (in_wrapped_block and len(line) >= 0.6 * p90)


def _line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    pos = start
    for line in text[start:end].split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            spans.append((pos + lead, pos + len(line.rstrip())))
        pos += len(line) + 1
    return spans


def split_paragraphs(text: str) -> tuple[Paragraph, ...]:
    """Paragraph spans of normalised text (rules in the module docstring)."""
    evidence = wrap_evidence(text)
    wrapped, p90 = evidence["wrapped"], evidence["p90"]
    out: list[Paragraph] = []
    pos = 0
    for m in [*_BLANK_LINE.finditer(text), None]:
        lines = _line_spans(text, pos, m.start() if m else len(text))
        if m:
            pos = m.end()
        cur: list[int] | None = None
        prev = ""
        for i, (s, e) in enumerate(lines):
            line = text[s:e]
            nxt = text[lines[i + 1][0] : lines[i + 1][1]] if i + 1 < len(lines) else ""
            starts_unit = cur is None or prev.endswith(_FINAL)
            if starts_unit and looks_like_heading(line, nxt, p90, wrapped and len(lines) > 1):
                if cur is not None:
                    out.append(Paragraph(cur[0], cur[1]))
                    cur = None
                out.append(Paragraph(s, e, True))
                prev = "."
                continue
            if cur is None:
                cur = [s, e]
            else:
                cur[1] = e
            prev = line
            if not nxt or nxt[:1].islower() or ends_mid_sentence(line):
                continue  # the sentence goes on (or the block ends)
            if not wrapped or (line.endswith(_FINAL) and len(line) < 0.8 * p90):
                out.append(Paragraph(cur[0], cur[1]))
                cur = None
        if cur is not None:
            out.append(Paragraph(cur[0], cur[1]))
    # a heading wrapped over two lines: its joined text is short, without final punctuation
    return tuple(
        Paragraph(p.start, p.end, True)
        if not p.is_heading and "\n" in text[p.start : p.end]
        and looks_like_heading(" ".join(text[p.start : p.end].split()), "X")
        else p
        for p in out
    )
