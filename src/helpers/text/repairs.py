"""Address protection and the repairs around pySBD's sentence pieces (rules in
``helpers.text.sentences``' module docstring and ``docs/text.md``).

``protect`` masks ``. ? !`` inside addresses one-for-one, so spans carry over; ``repair``
takes pySBD's spans of the protected text and returns the repaired spans.
"""

from __future__ import annotations

import re
from functools import lru_cache

_MISSING_SPACE = re.compile(r"(?<=[^\W\d_]{2}\.)(?=([A-ZÄÖÜ][a-zäöüß]+)\b)")
_CLOSING_QUOTE = re.compile(r"^[\"”“»«’']+(?=\s|$)")
_FINAL_ABBREVIATIONS = ("usw.", "etc.", "usf.", "Mio.", "Mrd.", "Tsd.", "Jh.")
_ABBREV_END = re.compile(r"\b[^\W\d_]{1,5}\.$")
# abbreviations that are followed by a number ("Abs. 2", "Nr. 5", "S. 12")
_NUMBER_ABBREVIATIONS = frozenset(
    "abs. art. nr. s. bd. kap. ziff. lit. z. no. p. pp. vol. ch. sec. fig.".split()
)
# ... of which this one is also a word that can end a sentence ("ganz eigener Art."; "Nr.",
# "Abs.", "Ziff." are never words: "die Nr. Eins")
_WORD_ABBREVIATION = re.compile(r"\bArt\.\s+(?=([A-ZÄÖÜ][a-zäöüß]+))")
_ROMAN = re.compile(r"^[IVXLC]+\b")
_EMOJI_RUN = re.compile(r"[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D]+")
_QUOTE_THEN_CLAUSE = re.compile(r"^[»«\"”“’']+\s*[,;:]")
_OPEN_END = re.compile(r"[^\W_],?$")  # a piece ending in a word or comma (pySBD's list-item splits)
_QUOTE_END = re.compile(r"[»«\"”“’']$")
# 9. runs of ! and ? ("Abend!!! Die"), and a closing quote after a sentence end ("Wort.» Dann")
_BANG_RUN = re.compile(r"[!?]{2,}[»«”“\"]*(?=\s+[„“\"»«(]*[A-ZÄÖÜ])")
_QUOTE_CLOSES = re.compile(r"(?:\b[^\W\d_]{4,}[.…]+|[!?]+)[»«”“\"]+(?=\s+[A-ZÄÖÜ])")
# 8. a sentence end before an opening quote and a capital: "... Gästen. “This strike ..."
_QUOTE_OPENS = re.compile(r"(?:\b([^\W\d_]{2,})[.!?…]|[.!?…][”“\"»«])\s+(?=[„“\"»«][A-ZÄÖÜ])")
# 10. social-media tags glued to a sentence end: a handle that opens the next sentence
# ("vorbei.@verdi hat sich …") and a run of tags that closes this one ("today.#strike The …")
_GLUED_HANDLE = re.compile(r"(?<=[^\W\d_][.!?])(?=@\w+\s+[a-zäöüß])")
_TAG_RUN = re.compile(r"(?<=[.!?])[#@]\w[\w-]*(?:\s+[#@]\w[\w-]*)*(?=\s+([A-ZÄÖÜ][\w’']*))")
_LOWER_ABBREVIATIONS = frozenset("evtl inkl bzgl zzgl exkl allg insb jährl monatl zusätzl prof ziff gegr"
                                  " dipl univ corp bros dept govt".split())

# Capitalised function words that start a new sentence after "usw.", an emoji run and the like.
_SENTENCE_STARTERS: dict[str, frozenset[str]] = {
    "de": frozenset(
        "der die das dem den des ein eine einer es er sie wir ich ihr man dies diese dieser "
        "dieses dann doch aber auch so nun zudem damit daher deshalb trotzdem dennoch jedoch "
        "allerdings zwar wie was wer wo wann warum im in am auf an bei mit nach für von zu".split()
    ),
    "en": frozenset(
        "the a an it he she we i they this that these those then but so however also in on "
        "at for with after what who where when why".split()
    ),
}



def _starts_sentence(word: str, lang: str) -> bool:
    """A capitalised word that starts a sentence, not one that is capitalised anyway: a
    sentence starter (``_SENTENCE_STARTERS``), or a word known in lower case whose German
    lemma is not a noun ("Anschließend", "Keiner", "Viele"; not "Trainer", "Euro") or that
    the English dictionary knows in lower case ("Several", "Fans")."""
    if not word[:1].isupper() or word.isupper() and len(word) > 1:
        return False
    if word.lower() in _SENTENCE_STARTERS.get(lang, frozenset()):
        return True
    from helpers.text.tokens import is_known, lemma

    if lang == "de":
        return is_known(word.lower(), lang) and lemma(word, lang)[:1].islower()
    return lang == "en" and is_known(word.lower(), lang)


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """pySBD's German and English abbreviations ("st", "dr", "prof"), lower case, without dots."""
    from pysbd.lang.deutsch import Deutsch
    from pysbd.lang.english import English

    return frozenset(a.lower() for a in (*Deutsch.Abbreviation.ABBREVIATIONS, *English.Abbreviation.ABBREVIATIONS))


def _word_before(text: str, pos: int) -> str:
    m = re.search(r"[^\W\d_]+$", text[:pos])
    return m.group(0) if m else ""


def _ends_mid_clause(before: str, lang: str) -> bool:
    """The text before a position stops inside a clause: a comma or a function word ("mit 😡")."""
    from helpers.text.tokens import stopwords

    words = before.rstrip().split()
    return not words or words[-1].endswith((",", "(", "-")) or words[-1].lower() in stopwords(lang)


# ------------------------------------------------------------------ protected addresses
_TLDS = "de|at|ch|com|org|net|edu|gov|eu|info|io|uk|co\\.uk|fr|it|es|nl|be|pl|us|tv|biz|app|online|news|berlin"
_ADDRESS = re.compile(
    r"(?i)"
    r"(?:https?://|ftp://)[^\s<>\"“”»«]+"  # URL with a scheme
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail address
    r"|\bwww\.[^\s<>\"“”»«]+"  # www. address
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:" + _TLDS + r")\b(?:/[^\s<>\"“”»«]*)?"  # domain, brand.tld
)
# a sentence glued on after an address ("vorstand@ig-metall.de.Der Vorstand"): a capitalised
# last label that is not a top-level domain ("Zalando.De" stays)
_GLUED_SENTENCE = re.compile(r"\.(?=(?!(?i:" + _TLDS + r")$)[A-ZÄÖÜ][a-zäöüß]+$)")
_ADDRESS_TRAIL = ".,;:!?)]}'\"»«“”’"
_MASK = {".": "\ue000", "?": "\ue001", "!": "\ue002"}


def protect(text: str) -> str:
    """``text`` with ``. ? !`` inside URLs, e-mail addresses, domains and brand.tld names
    replaced by private-use characters (same length, so spans carry over)."""
    chars = list(text)
    for m in _ADDRESS.finditer(text):
        s, e = m.start(), m.end()
        while e > s and text[e - 1] in _ADDRESS_TRAIL:
            e -= 1
        glued = _GLUED_SENTENCE.search(text, s, e)
        if glued:
            e = glued.start()
        if "." in text[s:e]:
            for i in range(s, e):
                chars[i] = _MASK.get(chars[i], chars[i])
    return "".join(chars)


def _trimmed(text: str, a: int, b: int) -> tuple[int, int] | None:
    piece = text[a:b]
    if not piece.strip():
        return None
    return a + len(piece) - len(piece.lstrip()), b - (len(piece) - len(piece.rstrip()))


def repair(text: str, spans: list[tuple[int, int]], lang: str) -> list[tuple[int, int]]:
    """Apply the repairs described in the module docstring (on protected text)."""
    # 2. closing quote that pySBD moved to the next sentence
    fixed: list[list[int]] = []
    for start, end in spans:
        m = _CLOSING_QUOTE.match(text[start:end])
        if m and fixed:
            fixed[-1][1] = start + m.end()
            start = start + m.end()
            while start < end and text[start].isspace():
                start += 1
            if start >= end:
                continue
        fixed.append([start, end])
    # 3. undo splits after an abbreviation followed by lowercase or a digit;
    # 5. a piece without letters or digits, or ", rief er" after a quote, joins the one before;
    #    so does a piece after one that ends in a word or comma ("Der Wert | a) stieg"), one in
    #    lower case after a closing quote ("?« | fragte er"), and one glued on ("Dipl. | -Ing.")
    merged: list[list[int]] = []
    for start, end in fixed:
        if merged:
            prev = text[merged[-1][0] : merged[-1][1]]
            nxt = text[start:end]
            m = _ABBREV_END.search(prev)
            if (m and (nxt[:1].islower()
                       or (nxt[:1].isdigit() and m.group(0).lower() in _NUMBER_ABBREVIATIONS))) \
                    or not any(c.isalnum() for c in nxt) or nxt[:1] in ",;:" or _QUOTE_THEN_CLAUSE.match(nxt) \
                    or _OPEN_END.search(prev) or (_QUOTE_END.search(prev) and nxt[:1].islower()) \
                    or (start == merged[-1][1] and not nxt[:1].isupper()):
                merged[-1][1] = end
                continue
        merged.append([start, end])
    # 1., 4., 6., 7. and 9. extra boundaries inside a sentence
    starters = _SENTENCE_STARTERS.get(lang, frozenset())
    out: list[tuple[int, int]] = []
    for start, end in merged:
        cuts = [m.start() for m in _MISSING_SPACE.finditer(text, start, end)
                if (len(m.group(1)) >= 3 or m.group(1).lower() in starters)
                and _word_before(text, m.start() - 1).lower() not in _abbreviations()]
        for abbr in _FINAL_ABBREVIATIONS:
            for m in re.finditer(re.escape(abbr) + r"\s+([^\W\d_]+)", text[start:end]):
                if _starts_sentence(m.group(1), lang):
                    cuts.append(start + m.start(1))
        cuts += [start + m.end() for rx in (_BANG_RUN, _QUOTE_CLOSES) for m in rx.finditer(text[start:end])]
        cuts += [start + m.end() for m in _WORD_ABBREVIATION.finditer(text[start:end])
                 if not _ROMAN.match(m.group(1))]
        cuts += [start + m.end() for m in _QUOTE_OPENS.finditer(text[start:end])
                 if m.group(1) is None or (m.group(1).lower() not in _LOWER_ABBREVIATIONS
                                           and (len(m.group(1)) >= 4 or m.group(1).lower() not in _abbreviations()))]
        # (not after an abbreviation: "Dr.@jsmith", "z.B.@faq")
        cuts += [start + m.start() for m in _GLUED_HANDLE.finditer(text[start:end])
                 if _word_before(text, start + m.start() - 1).lower() not in _abbreviations()]
        cuts += [start + m.end() for m in _TAG_RUN.finditer(text[start:end])
                 if (m.group(1).lower() in starters or _starts_sentence(m.group(1), lang))
                 and _word_before(text, start + m.start() - 1).lower() not in _abbreviations()]
        for m in _EMOJI_RUN.finditer(text, start, end):
            after = re.match(r"\s+([A-ZÄÖÜ][\w’']*)", text[m.end() : end])
            if after and (after.group(1).lower() in starters
                          or (_starts_sentence(after.group(1), lang)
                              and not _ends_mid_clause(text[start : m.start()], lang))):
                cuts.append(m.end() + after.start(1))
        bounds = [start, *sorted(c for c in set(cuts) if start < c < end), end]
        out.extend(span for a, b in zip(bounds, bounds[1:]) if (span := _trimmed(text, a, b)))
    # 7. an emoji run that opens a sentence belongs to the one before ("Toll! 🎉 Der ...")
    final: list[tuple[int, int]] = []
    for start, end in out:
        m = _EMOJI_RUN.match(text, start)
        if m and final and m.end() < end:
            final[-1] = (final[-1][0], m.end())
            start = m.end()
            while start < end and text[start].isspace():
                start += 1
        final.append((start, end))
    return final
