"""Markup to text: HTML and Markdown articles reduced to their readable text units.

One unit per paragraph, heading, list item (without its marker) and table row (cells
separated by a space); units are separated by blank lines, so each becomes a paragraph
(``helpers.io.paragraphs``). Parsed with BeautifulSoup and the stdlib ``html.parser``
(no network, no scripts run); entities are decoded, so ``&lt;script&gt;`` becomes the
literal text ``<script>``; comments, ``script``, ``style``, ``template``, JSON-LD, forms,
``select`` menus, buttons, images and figures never become text. Iterative, so deeply
nested pages are fine.

A web page (``html_to_text``) is reduced to its article: the content root is the
``<article>`` with the most paragraph text (its ``<header>`` with headline and lead
kept), else ``<main>`` / ``[role=main]`` / ``[itemprop=articleBody]``, else ``<body>``.
Inside it, ``nav``, ``aside`` (teasers), ``footer`` and ``header`` without the headline,
elements whose class, id, role or ``data-component`` names a boilerplate part (nav,
menu, cookie, share, newsletter, teaser, related, lang/language, footer, ...) and link
lists (link text over 60 % of the text) are dropped. If the root has no ``<h1>`` and the
page has exactly one, the headline comes from there. When these rules leave nothing,
the whole page is read without them.

Markdown (``markdown_to_text``) is rendered with markdown-it-py (MIT, CommonMark plus
tables), then read with the same unit builder without boilerplate removal: ``**bold**``
and ``[text](url)`` become their text, images and code blocks are dropped, inline code
keeps its text.

Any failure inside a parser becomes an ``InputError``, never a crash.
"""

from __future__ import annotations

import re
from typing import Any

from helpers.errors import InputError

_DROP_TAGS = frozenset(
    "script style noscript template svg canvas iframe object embed head nav form select option button "
    "input label textarea aside figure picture video audio map img".split()
)
_BLOCK_TAGS = frozenset(
    "p div section article main header footer blockquote pre h1 h2 h3 h4 h5 h6 ul ol li dl dt dd table "
    "thead tbody tfoot tr caption address hr body html details summary center figcaption fieldset".split()
)
_BOILERPLATE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|menue|breadcrumbs?|cookie|consent|banner|share|sharing|social|newsletter|"
    r"teaser|related|promo|sidebar|ad|ads|advert|anzeige|comments?|kommentare|tags|topics|lang|language|"
    r"lang-switch|lang-menu|lang-picker|languages|dropdown|skip|skip-link|epic|onwards|most-viewed|"
    r"meistgelesen|rich-link|links-block|promo-block|footer|site-footer|global-footer|global-header|topbar|"
    r"site-header|edition|search|paywall|subscribe|abo|story__tags|article-footer|contributions-epic|"
    r"inline-teaser|box|wr-logo|logo|brand|support)(?:$|[\s_-])",
    re.I,
)
_BOILERPLATE_ROLES = frozenset({"navigation", "banner", "contentinfo", "menu", "search", "complementary"})
_WS = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?])")


def _is_boilerplate(node: Any) -> bool:
    if node.get("role") in _BOILERPLATE_ROLES:
        return True
    classes = node.get("class") or []
    names = " ".join([" ".join(classes) if isinstance(classes, list) else str(classes),
                      str(node.get("id") or ""), str(node.get("role") or ""), str(node.get("data-component") or "")])
    return bool(names.strip()) and bool(_BOILERPLATE.search(names))


def _text_len(node: Any) -> int:
    """Characters of text without whitespace (a separator between links is no text)."""
    return len(_WS.sub("", node.get_text()))


def _content_root(soup: Any) -> Any:
    best, best_len = None, 0
    for article in soup.find_all("article"):
        n = sum(len(p.get_text()) for p in article.find_all("p"))
        if n > best_len:
            best, best_len = article, n
    if best is not None:
        return best
    for selector in ("main", "[role=main]", "[itemprop=articleBody]"):
        node = soup.select_one(selector)
        if node is not None:
            return node
    return soup.body or soup


def _ancestors(nodes: list[Any]) -> set[int]:
    out: set[int] = set()
    for node in nodes:
        for parent in node.parents:
            if id(parent) in out:
                break
            out.add(id(parent))
    return out


def _units(soup: Any, boilerplate: bool) -> list[str]:
    from bs4 import NavigableString
    from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction, Script, Stylesheet

    root = _content_root(soup) if boilerplate else soup
    units: list[str] = []
    if boilerplate and root.find("h1") is None:
        h1s = soup.find_all("h1")
        if len(h1s) == 1:
            units.append(_WS.sub(" ", h1s[0].get_text(" ")).strip())
    with_h1 = _ancestors(soup.find_all("h1")) if boilerplate else set()
    with_links = _ancestors(soup.find_all("a")) if boilerplate else set()
    buf: list[str] = []

    def flush() -> None:
        text = _SPACE_BEFORE_PUNCT.sub(r"\1", _WS.sub(" ", "".join(buf)).strip())
        if text and any(ch.isalnum() for ch in text):
            units.append(text)
        buf.clear()

    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            flush()
            continue
        if isinstance(node, NavigableString):
            if not isinstance(node, (Comment, Declaration, Doctype, ProcessingInstruction, Script, Stylesheet)):
                buf.append(str(node))
            continue
        name = (node.name or "").lower()
        if name in _DROP_TAGS or (boilerplate and name == "caption"):
            continue
        if boilerplate and node is not root and id(node) not in with_h1:
            if name in ("header", "footer") or _is_boilerplate(node):
                continue
            if name in ("ul", "ol", "div", "section", "p") and id(node) in with_links:
                linked = sum(_text_len(a) for a in node.find_all("a"))
                if linked > 0.6 * max(_text_len(node), 1):
                    continue
        if name == "br":
            buf.append(" ")
            continue
        if name in ("td", "th"):
            buf.append(" ")
            stack.append((NavigableString(" "), False))
        if name in _BLOCK_TAGS:
            flush()
            stack.append((node, True))
        stack.extend((child, False) for child in reversed(list(node.children)))
    flush()
    seen: set[str] = set()
    out = []
    for unit in units:  # a headline given twice (page <h1> and article <h1>) is kept once
        if unit in seen and len(unit) < 200:
            continue
        seen.add(unit)
        out.append(unit)
    return out


def html_to_units(markup: str, boilerplate: bool = True) -> list[str]:
    """The readable text units of an HTML page in reading order (rules in the module docstring).

    ``boilerplate=False`` keeps every element's text (used for rendered Markdown).
    """
    from bs4 import BeautifulSoup

    try:
        soup = BeautifulSoup(markup, "html.parser")
        units = _units(soup, boilerplate)
        if boilerplate and not units:
            units = _units(soup, False)
    except RecursionError:
        raise InputError("the HTML page is nested too deeply to read: save the article as text.") from None
    except Exception as exc:  # noqa: BLE001 - a parser failure on hostile input is a bad-input error
        raise InputError(f"the HTML page could not be read ({type(exc).__name__}): save the article as text.") from None
    return units


def html_to_text(markup: str) -> str:
    """The readable text of an HTML page: its units separated by blank lines."""
    units = html_to_units(markup)
    return "\n\n".join(units) + ("\n" if units else "")


def markdown_to_units(text: str) -> list[str]:
    """The text units of Markdown (module docstring): markdown-it-py, then ``html_to_units``."""
    from markdown_it import MarkdownIt

    try:
        html = MarkdownIt("commonmark", {"html": False}).enable("table").render(text)
    except RecursionError:
        raise InputError("the Markdown file is nested too deeply to read: save the article as text.") from None
    except Exception as exc:  # noqa: BLE001
        raise InputError(f"the Markdown file could not be read ({type(exc).__name__}): save the article as text.") from None
    html = re.sub(r"<pre>.*?</pre>", "", html, flags=re.S)
    return html_to_units(html, boilerplate=False)


def markdown_to_text(text: str) -> str:
    """The text of a Markdown article: its units separated by blank lines."""
    units = markdown_to_units(text)
    return "\n\n".join(units) + ("\n" if units else "")


MARKUP_SUFFIXES: dict[str, str] = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}
"""File suffixes whose text is converted before the analysis (lower case)."""


def markup_to_text(text: str, suffix: str) -> str:
    """``text`` converted by the file suffix: HTML and Markdown to their plain text, other text unchanged.

    Parameters
    ----------
    text : str
        The decoded file content.
    suffix : str
        The file's suffix, e.g. ``".html"`` (case does not matter).

    Returns
    -------
    str
        ``html_to_text(text)`` for ``.html``/``.htm``, ``markdown_to_text(text)`` for
        ``.md``/``.markdown``, else ``text`` itself.
    """
    kind = MARKUP_SUFFIXES.get(suffix.lower())
    if kind == "html":
        return html_to_text(text)
    if kind == "markdown":
        return markdown_to_text(text)
    return text
