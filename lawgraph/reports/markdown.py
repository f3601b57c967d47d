"""Markdown country reports in the entry format of ``country_reports/README.md``.

The format is a small, fixed subset of Markdown, so the parser is a single pass over the lines
(no Markdown library: a 60,000-word report parses in a few milliseconds):

* a YAML metadata header between ``---`` lines (read with PyYAML's safe loader; values become
  strings, dates ISO strings; each key's line is kept for error messages);
* headings (any number of ``#``); the section number is read from the heading text, and the
  nesting level from the number ("5.3" is level 2), else from the number of ``#``;
* paragraphs, hard-wrapped lines joined, each with the line it starts on; list items and
  block quotes are paragraphs too;
* fenced ``assessment`` and ``development`` blocks of ``key: value`` lines; other fenced blocks
  are kept as paragraphs;
* pipe tables (header row, delimiter row, body rows);
* HTML comments, which are dropped.
"""

from __future__ import annotations

import datetime as dt
import re

import yaml

from lawgraph.errors import InputError
from lawgraph.reports.model import ReportDocument, Table
from lawgraph.reports.parse import BLOCK_KINDS, DocumentBuilder, normalise_key, read_block
from lawgraph.sources import Location, SourceFile

__all__ = ["parse_markdown"]

_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})\s*(?P<lang>[\w-]*)")
_HEADING = re.compile(r"^ {0,3}(?P<marks>#+)[ \t]+(?P<text>.*)$")
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_LIST_ITEM = re.compile(r"^\s{0,3}(?:(?P<bullet>[-*+])|\d{1,3}[.)])\s+")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}>\s?")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])")
_CODE = re.compile(r"`([^`]*)`")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")
#: escaped characters are moved to this private-use block while inline markup is removed
_PARKED = 0xF0000


def parse_markdown(source: SourceFile) -> ReportDocument:
    text = _decode(source)
    if "<!--" in text:
        text = _drop_comments(source, text)
    lines = text.split("\n")
    builder = DocumentBuilder(source, "markdown")
    body = _front_matter(source, lines, builder)
    _Body(source, lines, builder).run(body)
    return builder.build()


def _decode(source: SourceFile) -> str:
    try:
        text = source.data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = source.data[: exc.start].count(b"\n") + 1
        raise InputError(source.name, line,
                         "the file is not UTF-8 text: save it as UTF-8 in your editor") from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _drop_comments(source: SourceFile, text: str) -> str:
    """Remove ``<!-- … -->``, keeping the line count so that locations stay right."""
    text = _COMMENT.sub(lambda m: "\n" * m.group().count("\n"), text)
    start = text.find("<!--")
    if start >= 0:
        raise InputError(source.name, text.count("\n", 0, start) + 1,
                         "an HTML comment starts here but is never closed with '-->'")
    return text


# --------------------------------------------------------------------------------------------
# Metadata header
# --------------------------------------------------------------------------------------------


def _front_matter(source: SourceFile, lines: list[str], builder: DocumentBuilder) -> int:
    """Read the YAML header into the builder; return the index of the first body line."""
    if not lines or lines[0].strip() != "---":
        return 0
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        raise InputError(source.name, 1, "the metadata header that starts here is never closed: "
                                          "add a line with three dashes (---) after its last key")
    header = "\n".join(lines[1:end])
    loader = None
    try:
        loader = yaml.SafeLoader(header)
        node = loader.get_single_node()
        if node is not None and not isinstance(node, yaml.MappingNode):
            raise InputError(source.name, 2, "the metadata header must be 'key: value' lines")
        keys: dict[str, int] = {}
        for key_node, _ in node.value if node is not None else ():
            key = normalise_key(str(key_node.value))
            line = key_node.start_mark.line + 2
            if key in keys:
                raise InputError(source.name, line,
                                 f"the metadata header gives {key!r} twice (first on line {keys[key]})")
            keys[key] = line
        data = loader.construct_document(node) if node is not None else {}
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark else 2
        raise InputError(source.name, line,
                         f"the metadata header is not valid YAML: {exc.problem or exc}") from exc
    except yaml.YAMLError as exc:
        raise InputError(source.name, 2, f"the metadata header is not valid YAML: {exc}") from exc
    finally:
        if loader is not None:
            loader.dispose()
    for raw_key, value in data.items():
        key = normalise_key(str(raw_key))
        where = Location(source.name, line=keys.get(key, 2))
        builder.set_metadata(key, _value(source, key, value, where), where)
    return end + 1


def _value(source: SourceFile, key: str, value: object, where: Location) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):  # also datetime
        return value.isoformat()
    if isinstance(value, list):
        return "; ".join(_value(source, key, v, where) for v in value)
    if isinstance(value, dict):
        raise InputError(source.name, where.place,
                         f"{key!r} holds a nested mapping; write a single value")
    return str(value).strip()


# --------------------------------------------------------------------------------------------
# Body
# --------------------------------------------------------------------------------------------


def _inline(text: str) -> str:
    """Plain text of a line's inline markup: links, emphasis, code spans, escapes."""
    escaped = "\\" in text
    if escaped:  # park escaped characters where the markup rules cannot see them
        text = _ESCAPE.sub(lambda m: chr(_PARKED + ord(m[1])), text)
    if "[" in text:
        text = _LINK.sub(r"\1", text)
    if "*" in text or "__" in text:
        text = _EMPHASIS.sub(r"\1", _STRONG.sub(r"\2", text))
    if "`" in text:
        text = _CODE.sub(r"\1", text)
    if "<http" in text:
        text = _AUTOLINK.sub(r"\1", text)
    if escaped:
        text = "".join(chr(ord(c) - _PARKED) if _PARKED < ord(c) < _PARKED + 128 else c
                       for c in text)
    return text


def _cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    cells = re.split(r"(?<!\\)\|", line)
    return [_inline(c.strip().replace("\\|", "|")) for c in cells]


class _Body:
    """The single pass over the body lines."""

    def __init__(self, source: SourceFile, lines: list[str], builder: DocumentBuilder) -> None:
        self.source, self.lines, self.builder = source, lines, builder
        self.paragraph: list[str] = []
        self.paragraph_line = 0

    def location(self, index: int) -> Location:
        return Location(self.source.name, line=index + 1)

    def flush(self) -> None:
        if self.paragraph:
            self.builder.paragraph(" ".join(self.paragraph), self.location(self.paragraph_line))
            self.paragraph = []

    def add_text(self, index: int, text: str) -> None:
        if not self.paragraph:
            self.paragraph_line = index
        if text.endswith("\\"):
            text = text[:-1]
        self.paragraph.append(_inline(text.strip()))

    def run(self, index: int) -> None:
        lines, count = self.lines, len(self.lines)
        while index < count:
            line = lines[index]
            stripped = line.strip()
            if not stripped or _RULE.match(line):
                self.flush()
                index += 1
                continue
            first = stripped[0]
            if first == "#" and (match := _HEADING.match(line)):
                self.flush()
                text = match["text"].rstrip()
                if text.endswith("#"):
                    text = _CLOSING_HASHES.sub("", text)
                self.builder.heading(_inline(text), self.location(index), len(match["marks"]))
                index += 1
                continue
            if first in "`~" and (match := _FENCE.match(line)):
                self.flush()
                index = self.fenced(index, match["fence"], match["lang"].lower())
                continue
            if "|" in line and index + 1 < count and "|" in lines[index + 1] \
                    and _DELIMITER.match(lines[index + 1]):
                self.flush()
                index = self.table(index)
                continue
            if first in "-*+0123456789" and (match := _LIST_ITEM.match(line)):
                self.flush()
                text = line[match.end():] if match["bullet"] else stripped
                self.add_text(index, text)
                index += 1
                continue
            if first == ">":
                line = _QUOTE.sub("", line)
            self.add_text(index, line)
            index += 1
        self.flush()

    def fenced(self, start: int, fence: str, lang: str) -> int:
        char, size = fence[0], len(fence)
        end = start + 1
        while end < len(self.lines):
            closing = self.lines[end].strip()
            if closing.startswith(char * size) and not closing.strip(char):
                break
            end += 1
        else:
            name = f"{fence}{lang}" if lang else fence
            raise InputError(self.source.name, start + 1,
                             f"the {name} block that starts here is never closed: add a line {fence}")
        inner = self.lines[start + 1:end]
        if lang in BLOCK_KINDS:
            rows = [(text, self.location(start + 1 + i), text[:1] in (" ", "\t"))
                    for i, text in enumerate(inner)]
            self.builder.block(read_block(lang, rows, self.source.name, self.location(start)))
        else:
            self.builder.paragraph("\n".join(inner), self.location(start))
        return end + 1

    def table(self, start: int) -> int:
        header = _cells(self.lines[start])
        rows = []
        index = start + 2
        while index < len(self.lines) and "|" in self.lines[index] and self.lines[index].strip():
            row = _cells(self.lines[index])
            rows.append(row + [""] * (len(header) - len(row)))
            index += 1
        self.builder.table(Table(header, rows, self.location(start)))
        return index
