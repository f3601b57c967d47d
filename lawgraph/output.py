"""Rendering query results and records for the terminal and for files: table, CSV, TSV, JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from lawgraph.store.base import Rows
from lawgraph.vocab import PREFIXES

__all__ = ["FORMATS", "compact", "render_records", "render_rows", "sparql_json"]

FORMATS = ("table", "csv", "tsv", "json")


def compact(term: Node | None) -> str:
    """A term as a person reads it: prefixed IRIs, literal values without quotes."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, namespace in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if text.startswith(namespace) and len(text) > len(namespace):
                return f"{prefix}:{text[len(namespace) :]}"
        return text
    return str(term)


def sparql_json(rows: Rows) -> dict[str, Any]:
    """SPARQL 1.1 Query Results JSON."""

    def term(value: Node) -> dict[str, str]:
        if isinstance(value, URIRef):
            return {"type": "uri", "value": str(value)}
        if isinstance(value, BNode):
            return {"type": "bnode", "value": str(value)}
        assert isinstance(value, Literal)
        out = {"type": "literal", "value": str(value)}
        if value.language:
            out["xml:lang"] = value.language
        elif value.datatype is not None:
            out["datatype"] = str(value.datatype)
        return out

    return {
        "head": {"vars": rows.variables},
        "results": {"bindings": [{k: term(v) for k, v in row.items()} for row in rows]},
    }


def render_rows(rows: Rows, fmt: str = "table") -> str:
    """SELECT results as table, CSV, TSV or SPARQL JSON."""
    if fmt == "json":
        return json.dumps(sparql_json(rows), indent=2, ensure_ascii=False)
    records = [{v: row.get(v) for v in rows.variables} for row in rows]
    if fmt == "table":
        records = [{k: compact(v) for k, v in r.items()} for r in records]
    else:
        records = [{k: "" if v is None else str(v) for k, v in r.items()} for r in records]
    return render_records(records, rows.variables, fmt)


def render_records(
    records: Iterable[Mapping[str, Any]], columns: Sequence[str], fmt: str = "table"
) -> str:
    """Plain records (already strings or JSON-able values) as table, CSV, TSV or JSON."""
    records = list(records)
    if fmt == "json":
        return json.dumps(records, indent=2, ensure_ascii=False, default=str)
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.DictWriter(
            buffer,
            fieldnames=list(columns),
            delimiter="," if fmt == "csv" else "\t",
            lineterminator="\n",
            extrasaction="ignore",
        )
        writer.writeheader()
        writer.writerows({c: _cell(r.get(c)) for c in columns} for r in records)
        return buffer.getvalue().rstrip("\n")
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    cells = [[_cell(r.get(c)) for c in columns] for r in records]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    line = "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join([line.rstrip(), rule, *(b.rstrip() for b in body)])


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple | set):
        return "; ".join(_cell(v) for v in value)
    return str(value)
