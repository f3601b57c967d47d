"""Settings, layered: defaults, then a settings file, then ``LAWGRAPH_*`` environment variables.

| setting | environment variable | default |
|---|---|---|
| store | ``LAWGRAPH_STORE`` | ``var/store`` (embedded Oxigraph); a ``http(s)://`` URL selects a SPARQL server |
| corpus | ``LAWGRAPH_CORPUS`` | the source checkout's folder (``country_reports/`` and ``case_law/``) |
| query_timeout | ``LAWGRAPH_QUERY_TIMEOUT`` | ``10`` seconds for queries sent through the web app |
| query_limit | ``LAWGRAPH_QUERY_LIMIT`` | ``10000`` rows for queries sent through the web app |
| editorial | ``LAWGRAPH_EDITORIAL`` | ``var/editorial.sqlite``: editors' edits of Law Review entries |
| accounts | ``LAWGRAPH_ACCOUNTS`` | ``var/accounts.sqlite``: user accounts and roles |
| drafts | ``LAWGRAPH_DRAFTS`` | ``var/drafts.sqlite``: experts' drafts, versions, reviews |
| approved | ``LAWGRAPH_APPROVED`` | ``var/approved``: approved reports as ingested (Markdown) |
| secret_key | ``LAWGRAPH_SECRET_KEY`` | empty: generated once and kept in ``secret_key`` beside the accounts database |
| trusted_proxies | ``LAWGRAPH_TRUSTED_PROXIES`` | ``0``: how many reverse proxies stand in front of the app (for client addresses and HTTPS) |
| public_read | ``LAWGRAPH_PUBLIC_READ`` | ``true``: anyone may read; ``false``: reading needs an account |
| store_timeout | ``LAWGRAPH_STORE_TIMEOUT`` | ``60`` seconds to wait for a SPARQL server's answer to one request from the command line (a full ``lawgraph assess`` of a large archive may need more); the web app waits ``query_timeout`` |
| log_format | ``LAWGRAPH_LOG_FORMAT`` | empty: no logs; ``json``: one JSON object per line on standard error (for log collectors), ``text``: readable lines (see :mod:`lawgraph.logging`) |
| log_level | ``LAWGRAPH_LOG_LEVEL`` | empty: ``INFO`` (once ``log_format`` is set); ``DEBUG``, ``INFO``, ``WARNING`` or ``ERROR``; setting it alone turns on text logs |
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from lawgraph.errors import InputError
from lawgraph.resources import project_dir

__all__ = ["Settings", "load_settings"]


def _default_corpus() -> str:
    root = project_dir()
    return str(root) if root else "."


@dataclass(frozen=True)
class Settings:
    store: str = "var/store"
    corpus: str = field(default_factory=_default_corpus)
    query_timeout: float = 10.0
    query_limit: int = 10_000
    editorial: str = "var/editorial.sqlite"
    accounts: str = "var/accounts.sqlite"
    drafts: str = "var/drafts.sqlite"
    approved: str = "var/approved"
    secret_key: str = ""
    public_read: bool = True
    trusted_proxies: int = 0
    store_timeout: float = 60.0
    log_format: str = ""
    log_level: str = ""

    def with_overrides(self, **values: Any) -> Settings:
        return replace(self, **{k: v for k, v in values.items() if v is not None})


#: settings that take one of a few words (compared without case; empty is the default)
_CHOICES: dict[str, tuple[str, ...]] = {
    "log_format": ("", "json", "text"),
    "log_level": ("", "debug", "info", "warning", "error", "critical"),
}


def _convert(kind: type, raw: Any) -> Any:
    if kind is bool and isinstance(raw, str):
        value = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}
        if raw.strip().lower() not in value:
            raise ValueError(raw)
        return value[raw.strip().lower()]
    return kind(raw)


def load_settings(path: str | Path | None = None, env: dict[str, str] | None = None) -> Settings:
    """Defaults, overridden by a TOML settings file (``LAWGRAPH_SETTINGS`` or ``path``), then by
    ``LAWGRAPH_<NAME>`` environment variables."""
    env = dict(os.environ if env is None else env)
    values: dict[str, Any] = {}
    settings_file = path or env.get("LAWGRAPH_SETTINGS")
    if settings_file:
        try:
            values.update(tomllib.loads(Path(settings_file).read_text("utf-8")))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise InputError(str(settings_file), None, f"cannot read settings: {exc}") from exc
    for spec in fields(Settings):
        raw = env.get(f"LAWGRAPH_{spec.name.upper()}")
        if raw is not None:
            values[spec.name] = raw
    known = {spec.name: spec for spec in fields(Settings)}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise InputError(str(settings_file or "environment"), None, f"unknown settings {unknown}")
    converted = {}
    for name, raw in values.items():
        kind = type(getattr(Settings(), name))
        try:
            converted[name] = _convert(kind, raw)
        except (TypeError, ValueError) as exc:
            raise InputError(
                str(settings_file or f"LAWGRAPH_{name.upper()}"),
                name,
                f"expected a {kind.__name__}, got {raw!r}",
            ) from exc
    for name, words in _CHOICES.items():
        if name in converted:
            converted[name] = converted[name].strip().lower()
            if converted[name] not in words:
                raise InputError(
                    str(settings_file or f"LAWGRAPH_{name.upper()}"),
                    name,
                    f"expected one of {', '.join(w for w in words if w)}, got {values[name]!r}",
                )
    if converted.get("store_timeout", 1.0) <= 0:
        raise InputError(
            str(settings_file or "LAWGRAPH_STORE_TIMEOUT"),
            "store_timeout",
            f"expected a number of seconds above 0, got {values['store_timeout']!r}",
        )
    return Settings().with_overrides(**converted)
