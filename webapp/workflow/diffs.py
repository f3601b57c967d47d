"""Section-level unified diffs for the reviewer: the text of a section now against last year's
and against the previous submission. Lines are data; the template escapes them."""

from __future__ import annotations

import difflib
from typing import Any

from webapp.workflow.sections import render_section

__all__ = ["diff", "section_text"]


def section_text(section_id: str, content: dict[str, Any] | None) -> str:
    if content is None:
        return ""
    return "\n".join(line for line, _ in render_section(section_id, content)).strip("\n")


def diff(before: str, after: str, *, before_name: str, after_name: str) -> list[dict[str, str]]:
    """``[{"kind": "add"|"del"|"hunk"|"same"|"file", "text": …}]``; empty when equal."""
    if before == after:
        return []
    lines = difflib.unified_diff(
        before.split("\n"), after.split("\n"), before_name, after_name, n=2, lineterm=""
    )
    out = []
    for line in lines:
        if line.startswith(("---", "+++")):
            kind = "file"
        elif line.startswith("@@"):
            kind = "hunk"
        else:
            kind = {"+": "add", "-": "del"}.get(line[:1], "same")
        out.append({"kind": kind, "text": line})
    return out
