"""Source documents and places in them, shared by every parser."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Location", "MAX_SOURCE_BYTES", "SourceFile", "read_source"]

#: Files larger than this are refused before they are parsed (a real country report is < 10 MB).
MAX_SOURCE_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Location:
    """A place in a source file: a line (text formats), a page (PDF) or a paragraph (DOCX).

    >>> str(Location("country_reports/de-2024.md", line=12))
    'country_reports/de-2024.md:12'
    >>> str(Location("at-2010.pdf", page=4))
    'at-2010.pdf:p.4'
    """

    source: str
    line: int | None = None
    page: int | None = None
    paragraph: int | None = None

    @property
    def place(self) -> str:
        if self.line is not None:
            return str(self.line)
        if self.page is not None:
            return f"p.{self.page}"
        if self.paragraph is not None:
            return f"para.{self.paragraph}"
        return ""

    def __str__(self) -> str:
        return f"{self.source}:{self.place}" if self.place else self.source


@dataclass(frozen=True)
class SourceFile:
    """The bytes of a source file with its name as the user gave it and its SHA-256."""

    name: str
    data: bytes
    sha256: str

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix.lower()


def read_source(path: str | Path, display: str | None = None) -> SourceFile:
    """Read a source file, refusing what is too large before reading it."""
    from lawgraph.errors import InputError

    path = Path(path)
    name = display or str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(name, None, f"cannot read the file: {exc.strerror}") from exc
    if size > MAX_SOURCE_BYTES:
        raise InputError(
            name,
            None,
            f"the file is {size / 1e6:.0f} MB; lawgraph accepts at most "
            f"{MAX_SOURCE_BYTES / 1e6:.0f} MB per source document",
        )
    data = path.read_bytes()
    return SourceFile(name, data, hashlib.sha256(data).hexdigest())
