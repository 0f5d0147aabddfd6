"""Markup to text: HTML and Markdown articles reduced to their readable text units.

One unit per paragraph, heading, list item (without its marker) and table row (cells
separated by a space, also when a short cell holds its own ``<p>`` or list); units are separated by blank lines, so each becomes a paragraph
(``helpers.io.paragraphs``). Parsed with BeautifulSoup and the stdlib ``html.parser``
(no network, no scripts run); entities are decoded, so ``&lt;script&gt;`` becomes the
literal text ``<script>``; comments, ``script``, ``style``, ``template``, JSON-LD, forms,
``select`` menus, buttons, images and figures never become text. Iterative, so deeply
nested pages are fine.

A web page (``html_to_text``) is reduced to its article: the content root is the
``<article>`` with the most paragraph text (its ``<header>`` with headline and lead
kept), else ``<main>`` / ``[role=main]`` / ``[itemprop=articleBody]``, else ``<body>``.
Inside it, ``nav``, ``aside`` (teasers), ``footer``, a ``header`` outside any ``<article>``
(the site's, unless it holds the headline), dialogs (``<dialog>``, ``role=dialog``,
``aria-modal``: cookie and consent layers), hidden elements (``hidden``,
``aria-hidden="true"``), links within the page (``href="#..."``: skip links, "312
comments"), elements whose class, id, role or ``data-component`` names a boilerplate part
(nav, menu, cookie, share, newsletter, lang/language, player, toolbox, ...footer, ...; a
teaser/related/promo only if it holds a link, else it is the article's lead) and link
lists (link text over 60 % of the shown text, button labels not counted, or a short label
followed by nothing but three or more links: breadcrumbs, tag lists), toolbars (two or more
buttons and at most 20 characters of other text) and whatever follows the article's
schema.org ``articleBody`` inside the root (print notes, "see more on") are dropped. ``<br><br>`` and a bold line of its own
between ``<br>`` end a unit (old CMS pages without ``<p>``); one ``<br>`` is a space. If the root has no ``<h1>`` and the
page has exactly one, the headline comes from there. When these rules leave nothing,
the whole page is read without them.

Markdown (``markdown_to_text``) loses its YAML/TOML front matter, is rendered with
markdown-it-py (MIT, CommonMark plus tables, raw HTML as CommonMark allows it, so
``CO<sub>2</sub>`` is "CO2" and ``<!-- -->`` disappears), then read with the same unit
builder without boilerplate removal: ``**bold**`` and ``[text](url)`` become their text,
images and code blocks are dropped, inline code keeps its text.

Any failure inside a parser becomes an ``InputError``, never a crash.
"""

from __future__ import annotations

import re
from typing import Any

from helpers.errors import InputError

_DROP_TAGS = frozenset(
    "script style noscript template svg canvas iframe object embed head nav form select option button "
    "input label textarea aside figure picture video audio map img dialog".split()
)
_BLOCK_TAGS = frozenset(
    "p div section article main header footer blockquote pre h1 h2 h3 h4 h5 h6 ul ol li dl dt dd table "
    "thead tbody tfoot tr caption address hr body html details summary center figcaption fieldset".split()
)
_BOILERPLATE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|menue|breadcrumbs?|cookie|consent|banner|share|sharing|social|newsletter|"
    r"sidebar|ad|ads|advert|anzeige|comments?|kommentare|tags|topics|lang|language|"
    r"lang-switch|lang-menu|lang-picker|languages|dropdown|skip|skip-link|epic|onwards|most-viewed|"
    r"meistgelesen|rich-link|links-block|promo-block|footer|site-footer|global-footer|global-header|topbar|"
    r"site-header|edition|search|paywall|subscribe|abo|story__tags|article-footer|contributions-epic|"
    r"box|wr-logo|logo|brand|support|video|player|mediaplayer|controls|toolbar|toolbox|"
    r"taglist|tag-list|keywords|[a-z]*footer)(?:$|[\s_-])",
    re.I,
)
_TEASER = re.compile(r"(?:^|[\s_-])(?:teaser|inline-teaser|related|promo)(?:$|[\s_-])", re.I)
"""Names of links to other articles: without a link inside, such a block is the article's own lead."""
_BOILERPLATE_ROLES = frozenset({"navigation", "banner", "contentinfo", "menu", "search", "complementary",
                                "dialog", "alertdialog", "toolbar"})
_WS = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?])")


def _is_boilerplate(node: Any) -> bool:
    if node.get("role") in _BOILERPLATE_ROLES or node.get("aria-modal") == "true":
        return True
    if node.has_attr("hidden") or node.get("aria-hidden") == "true":
        return True  # not shown on the page (or shown to sight only, as a decoration)
    if node.name == "a" and str(node.get("href") or "").startswith("#"):
        return True  # a jump within the page: skip link, "312 comments", "back to top"
    classes = node.get("class") or []
    names = " ".join([" ".join(classes) if isinstance(classes, list) else str(classes),
                      str(node.get("id") or ""), str(node.get("role") or ""), str(node.get("data-component") or "")])
    if _TEASER.search(names) and node.find("a") is not None:
        return True
    return bool(names.strip()) and bool(_BOILERPLATE.search(names))


def _text_len(node: Any) -> int:
    """Characters of shown text without whitespace (a separator between links is no text;
    button labels, menus and scripts, which never become text, do not count)."""
    total, stack = 0, list(node.children)
    while stack:
        child = stack.pop()
        if isinstance(child, str):
            total += len(_WS.sub("", child)) if type(child).__name__ == "NavigableString" else 0
        elif child.name not in _DROP_TAGS:
            stack.extend(child.children)
    return total


def _is_link_list(node: Any) -> bool:
    """Links over 60 % of the text, or a short label followed by links only (breadcrumb, tag list)."""
    links = node.find_all("a")
    linked = sum(_text_len(a) for a in links)
    shown = _text_len(node)
    if linked > 0.6 * max(shown, 1):
        return True
    if len(node.find_all("button")) >= 2 and shown <= 20:
        return True  # a toolbar: buttons with a count or a short label ("212", "Updated 2 minutes ago")
    if len(links) < 3:
        return False
    label, after_link = 0, False
    for string in node.find_all(string=True):
        in_link = string.find_parent("a") is not None
        after_link = after_link or in_link
        if not in_link:
            words = sum(ch.isalnum() for ch in string)
            if after_link and words:
                return False  # text between the links: a sentence with links in it
            label += words
    return label <= 40


def _sibling(node: Any, step: str) -> Any:
    """The previous/next sibling (``step``) that is not whitespace; None at the parent's edge."""
    sibling = getattr(node, step)
    while sibling is not None and isinstance(sibling, str) and not sibling.strip():
        sibling = getattr(sibling, step)
    return sibling


def _bold_line(node: Any) -> bool:
    """A ``<b>``/``<strong>`` on a line of its own between ``<br>`` (an old CMS's subheading)."""
    if getattr(node, "name", None) not in ("b", "strong"):
        return False
    return all(getattr(_sibling(node, step), "name", "br") == "br" for step in ("previous_sibling", "next_sibling"))


def _ends_line(br: Any) -> bool:
    """A ``<br>`` that ends a unit: the second of ``<br><br>``, or one next to a bold line."""
    before = _sibling(br, "previous_sibling")
    return getattr(before, "name", None) == "br" or _bold_line(before) or _bold_line(_sibling(br, "next_sibling"))


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


def _after_body(root: Any) -> set[int]:
    """Elements after the root's schema.org ``articleBody`` (print notes, "see more on", reprints).

    Headline and lead come before the body and stay; without such a marker nothing is skipped.
    """
    body = root.find(attrs={"itemprop": "articleBody"}) or root.find(attrs={"name": "articleBody"})
    out: set[int] = set()
    while body is not None and body is not root:
        out.update(id(sibling) for sibling in body.next_siblings if getattr(sibling, "name", None))
        body = body.parent
    return out


def _ancestors(nodes: list[Any]) -> set[int]:
    out: set[int] = set()
    for node in nodes:
        for parent in node.parents:
            if id(parent) in out:
                break
            out.add(id(parent))
    return out


_CELL_MAX_CHARS = 200
"""A table cell with at most this much text and no table inside is data: one row, one unit."""


def _blocks_in_data_cells(root: Any) -> set[int]:
    """Block elements inside data cells (``<td><p>8 Prozent</p></td>``): they do not end the
    row's unit. A layout cell (a table inside, or long text: old pages set whole articles in
    tables) keeps its paragraphs."""
    out: set[int] = set()
    for cell in root.find_all(["td", "th"]):
        if cell.find("table") is None and len(cell.get_text(" ", strip=True)) <= _CELL_MAX_CHARS:
            out.update(id(b) for b in cell.find_all(_BLOCK_TAGS))
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
    after_body = _after_body(root) if boilerplate else set()
    with_links = _ancestors(soup.find_all(["a", "button"])) if boilerplate else set()
    in_cells = _blocks_in_data_cells(root)
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
        if id(node) in after_body:
            continue
        if boilerplate and node is not root and id(node) not in with_h1:
            if name == "footer" or (name == "header" and node.find_parent("article") is None) or _is_boilerplate(node):
                continue
            if name in ("ul", "ol", "div", "section", "p") and id(node) in with_links and _is_link_list(node):
                continue
        if name == "br":
            if _ends_line(node):
                flush()
            else:
                buf.append(" ")
            continue
        if name in ("td", "th"):
            buf.append(" ")
            stack.append((NavigableString(" "), False))
        if name in _BLOCK_TAGS and id(node) in in_cells:
            buf.append(" ")  # a paragraph inside a table cell: part of the row's unit
            stack.append((NavigableString(" "), False))
        elif name in _BLOCK_TAGS:
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


_FRONT_MATTER = re.compile(r"\A\ufeff?(---|\+\+\+)[ \t]*\r?\n(?:[\w-]+[ \t]*[:=].*\r?\n)(?:.*\r?\n){0,200}?(?:\1|\.\.\.)[ \t]*(?:\r?\n|\Z)")
"""YAML (``---``) or TOML (``+++``) metadata at the top of a Markdown file (Jekyll, Hugo, Pandoc)."""


def markdown_to_units(text: str) -> list[str]:
    """The text units of Markdown (module docstring): markdown-it-py, then ``html_to_units``."""
    from markdown_it import MarkdownIt

    try:
        html = MarkdownIt("commonmark", {"html": True}).enable("table").render(_FRONT_MATTER.sub("", text, count=1))
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
