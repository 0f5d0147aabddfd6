"""Markup to text: HTML and Markdown articles reduced to their text."""

from __future__ import annotations

import re
from typing import Any

_DROP_TAGS = frozenset({"script", "style", "nav", "header", "footer", "head", "noscript", "template"})


_BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "aside", "blockquote", "pre", "figure", "figcaption",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr",
    "address", "hr", "body", "html", "form", "fieldset", "details", "summary",
})


_WS = re.compile(r"\s+")


def html_to_text(markup: str) -> str:
    """The readable text of an HTML page; paragraphs (block elements) separated by blank lines.

    Parsed with BeautifulSoup and the stdlib ``html.parser`` (no network, no scripts run);
    ``script``, ``style``, ``nav``, ``header``, ``footer``, ``head``, ``noscript`` and
    ``template`` are dropped, comments too; entities are decoded, so ``&lt;script&gt;``
    becomes the literal text ``<script>``. Iterative, so deeply nested pages are fine.
    """
    from bs4 import BeautifulSoup, NavigableString
    from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

    soup = BeautifulSoup(markup, "html.parser")
    out: list[str] = []
    stack: list[tuple[Any, bool]] = [(soup, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            out.append("\n\n")
            continue
        if isinstance(node, NavigableString):
            if not isinstance(node, (Comment, Declaration, Doctype, ProcessingInstruction)):
                out.append(_WS.sub(" ", str(node)))
            continue
        name = (node.name or "").lower()
        if name in _DROP_TAGS:
            continue
        if name == "br":
            out.append("\n")
            continue
        if name in _BLOCK_TAGS:
            out.append("\n\n")
            stack.append((node, True))
        stack.extend((child, False) for child in reversed(list(node.children)))
    paragraphs = []
    for block in re.split(r"\n\s*\n", "".join(out)):
        lines = [line.strip() for line in block.split("\n")]
        text = "\n".join(line for line in lines if line)
        if text:
            paragraphs.append(text)
    return "\n\n".join(paragraphs) + ("\n" if paragraphs else "")


_MD_HEADING = re.compile(r"^[ ]{0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)


_MD_SETEXT = re.compile(r"^[ ]{0,3}(?:=+|-{3,})[ \t]*$", re.MULTILINE)


def markdown_to_text(text: str) -> str:
    """Markdown with its ``#`` heading marks (and setext underlines / rules) removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _MD_HEADING.sub(lambda m: m.group(1) or "", text)
    text = re.sub(r"\n[ \t]*(?:\n[ \t]*)+\n", "\n\n", _MD_SETEXT.sub("", text)).strip("\n")
    return text + "\n" if text else ""


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
