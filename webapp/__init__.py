"""lawgraph's web app for Commission officials: where each country's anti-discrimination law
falls short of the EU equality directives, with the evidence.

Run it with ``lawgraph serve`` (development) or, in production, behind gunicorn::

    LAWGRAPH_STORE=http://127.0.0.1:7878 gunicorn -w 2 -k gthread --threads 4 'webapp:create_app()'

Settings come from :func:`lawgraph.config.load_settings` (defaults, a TOML file,
``LAWGRAPH_*`` environment variables); ``test_config`` overrides them with the same names
(``{"LAWGRAPH_STORE": "…", "LAWGRAPH_QUERY_TIMEOUT": 2}``) and sets any Flask option.
With the ``log_format`` or ``log_level`` setting (``LAWGRAPH_LOG_FORMAT=json``) the factory
configures lawgraph's structured logs (:mod:`lawgraph.logging`) for the process, so each
gunicorn worker writes its events (authorisation failures, publishing ingests) to stderr.
"""

from __future__ import annotations

import atexit
from typing import Any

from flask import Flask

from lawgraph import __version__
from lawgraph.config import Settings, load_settings
from lawgraph.logging import configure_if_requested
from webapp.backend import StoreHolder
from webapp.cache import GenerationCache
from webapp.errors import register_error_handlers

__all__ = ["close_app", "create_app"]


def _settings(test_config: dict[str, Any] | None) -> Settings:
    overrides = {
        key[len("LAWGRAPH_"):].lower(): value
        for key, value in (test_config or {}).items()
        if key.startswith("LAWGRAPH_")
    }
    return load_settings().with_overrides(**overrides)


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """The app factory: one store (see :mod:`webapp.backend`) and one cache per app."""
    app = Flask(__name__)
    app.config.from_mapping(
        SPARQL_WORKERS=2,
        MAX_CONTENT_LENGTH=1_000_000,
        JSON_SORT_KEYS=False,
    )
    app.config.update({k: v for k, v in (test_config or {}).items()
                       if not k.startswith("LAWGRAPH_")})
    settings = _settings(test_config)
    configure_if_requested(settings)
    app.config["LAWGRAPH"] = settings
    app.extensions["lawgraph.store"] = StoreHolder(settings)
    app.extensions["lawgraph.cache"] = GenerationCache()
    _register_blueprints(app)
    register_error_handlers(app)
    _register_template_helpers(app)
    app.after_request(_security_headers)
    # accounts, sessions, CSRF, login rate limit, public-read switch (webapp/auth.py)
    from webapp.auth import init_auth

    init_auth(app)
    atexit.register(close_app, app)
    return app


_CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


def _security_headers(response):
    """No content sniffing (error texts echo user input as text/plain or JSON), no framing,
    nothing loaded from elsewhere."""
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if response.mimetype == "text/html":
        response.headers.setdefault("Content-Security-Policy", _CSP)
    return response


def close_app(app: Flask) -> None:
    """Stop the SPARQL workers and close the store (tests, and at exit)."""
    runner = app.extensions.pop("lawgraph.sparql", None)
    if runner is not None:
        runner.close()
    holder = app.extensions.get("lawgraph.store")
    if holder is not None:
        holder.close()


def _register_blueprints(app: Flask) -> None:
    from webapp.views import (
        api,
        countries,
        dashboard,
        health,
        provisions,
        resources,
        search,
        sparql,
    )

    for module in (dashboard, countries, provisions, search, sparql, api, health, resources):
        app.register_blueprint(module.bp)
    # accounts, administration and publishing (webapp/auth.py)
    from webapp.views import account, admin, publish, publish_data, publish_feeds

    for module in (account, admin, publish, publish_feeds, publish_data):
        app.register_blueprint(module.bp)
    app.register_blueprint(__import__("webapp.workflow", fromlist=["bp"]).bp)  # report workflow


def _register_template_helpers(app: Flask) -> None:
    from webapp import templating

    templating.register(app, __version__)
