"""A ruling published as HTML (EUR-Lex, curia) → its text, one block element per line."""

from __future__ import annotations

from html.parser import HTMLParser

__all__ = ["html_to_text"]

_BLOCKS = {
    "address",
    "article",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
}
_SKIPPED = {"script", "style", "head", "title", "noscript"}


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The text of an HTML page: scripts, styles and the head dropped, entities decoded, one
    paragraph (or table cell) per line, blank lines between them.

    >>> html_to_text("<p>JUDGMENT OF THE COURT</p><p>18&nbsp;December 2014</p>")
    'JUDGMENT OF THE COURT\\n\\n18\\xa0December 2014'
    """
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    lines = (line.strip() for line in "".join(parser.parts).split("\n"))
    return "\n\n".join(line for line in lines if line)
