"""Markdown as a reader sees it: rendered by a CommonMark renderer (markdown-it-py, with
GFM tables and strikethrough), then read back as text."""

from __future__ import annotations

from html.parser import HTMLParser

from markdown_it import MarkdownIt

INLINE = {"em", "strong", "code", "del", "s", "a", "img"}
"""Elements that a piece of text in markup makes: emphasis, code, strike, links, images."""


def html_of(markdown: str) -> str:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)


class Reading(HTMLParser):
    """What a rendered document shows: all its text, its bold, and the text inside
    emphasis, code, strike, links and images (with their `alt` and `title`)."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.bold: list[str] = []
        self.marked: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in INLINE:
            self.marked += [v or "" for k, v in attrs if k in ("alt", "title")]
            if tag != "img":
                self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag)]

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._open:
            self.marked.append(data)
        if "strong" in self._open:
            self.bold.append(data)


def read(markdown: str) -> Reading:
    reading = Reading()
    reading.feed(html_of(markdown))
    reading.close()
    return reading


def rendered_text(markdown: str) -> str:
    """The document's text as a reader sees it (entities and escapes resolved)."""
    return "".join(read(markdown).text)
