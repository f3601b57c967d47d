"""Reading and checking request arguments; a bad value is a 400 that says what was expected."""

from __future__ import annotations

from flask import request
from werkzeug.exceptions import BadRequest, NotFound

from lawgraph.refdata import Country, DirectiveInfo, reference_index

__all__ = ["choice", "country_arg", "directive_arg", "find_country", "year_arg"]


def year_arg(name: str = "year", default: int | None = None) -> int | None:
    raw = request.args.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 1950 <= int(raw) <= 2100:
        raise BadRequest(f"{name} must be a reporting year such as 2024, not {raw[:40]!r}")
    return int(raw)


def choice(name: str, allowed: tuple[str, ...] | list[str], default: str) -> str:
    raw = request.args.get(name, "").strip() or default
    if raw not in allowed:
        raise BadRequest(f"{name} must be one of {', '.join(allowed)}, not {raw[:40]!r}")
    return raw


def directive_arg(name: str = "directive") -> DirectiveInfo | None:
    raw = request.args.get(name, "").strip()
    if not raw or raw == "all":
        return None
    info = reference_index().directive(raw)
    if info is None:
        raise BadRequest(f"unknown directive {raw[:60]!r}: use e.g. 2000/78, 32000L0078 or RED")
    return info


def find_country(code: str) -> Country:
    country = reference_index().country(code) if code and len(code) <= 60 else None
    if country is None:
        raise NotFound(f"there is no country {code[:60]!r}: use an EU code such as DE or EL")
    return country


def country_arg(name: str = "country", required: bool = False) -> Country | None:
    raw = request.args.get(name, "").strip()
    if not raw:
        if required:
            raise BadRequest(f"{name} is required: an EU country code such as DE")
        return None
    country = reference_index().country(raw) if len(raw) <= 60 else None
    if country is None:
        raise BadRequest(f"unknown country {raw[:60]!r}: use an EU code such as DE or EL")
    return country
