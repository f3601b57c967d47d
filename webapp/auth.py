"""Who is asking, and what they may do: accounts (:mod:`lawgraph.accounts`), sessions, roles,
CSRF protection and the login rate limit of the web app.

For views::

    from webapp.auth import current_user, login_required, require_role, can_write_country

    @bp.post("/reports/<code>/<int:year>/draft")
    @require_role("expert")
    def save_draft(code, year):
        if not can_write_country(current_user(), code):
            abort(403, "experts write the reports of their own country only")

* **Sessions** are Flask's signed cookie (``lawgraph_session``: HttpOnly, Secure,
  SameSite=Lax, 8 hours). It holds the account id and the account's authentication version,
  which changes with the password, the role, the country or the state: a session made before
  such a change stops working. The signing key is ``LAWGRAPH_SECRET_KEY`` (at least 32
  characters), else a random key generated on first run and kept, readable by the service
  only, in ``secret_key`` beside the accounts database. There is no built-in default key; a test
  app (``TESTING``) without a key gets a random key of its own and writes nothing.
* **Roles** (:data:`lawgraph.accounts.ROLES`): :func:`require_role` answers 403 (the app's
  error page, or problem JSON) to the other roles and logs an ``auth-failure`` event;
  anonymous visitors are sent to ``/login`` (pages) or get 401 (JSON, files, forms).
* **CSRF**: every POST, PUT, PATCH and DELETE needs the session's token, in the form field
  ``csrf_token`` (``{{ csrf_token() }}`` in templates) or the ``X-CSRF-Token`` header (Flask-WTF's
  :class:`~flask_wtf.csrf.CSRFProtect`). Only ``/sparql`` is exempt: the SPARQL Protocol is
  read-only there and its clients (SPARQLWrapper, rdflib) cannot send a token.
* **Public reading** (setting ``public_read``, default true): when false, every page except
  ``/login``, ``/healthz`` and static files needs an account (any role).
* **Logins** are limited to 5 failures per username and client address (and 20 per address)
  in 10 minutes; the next attempt gets 429 with ``Retry-After``. Behind a reverse proxy set
  ``trusted_proxies`` (``TRUSTED_PROXIES``) to the number of proxies, or every client counts
  as the proxy's address.

Pages are cached per store generation without the visitor in them: the account menu is put into
each HTML answer at ``<!--lawgraph:account-menu-->`` (``base.html``) after rendering.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import (
    Flask,
    Response,
    abort,
    current_app,
    g,
    has_request_context,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_wtf.csrf import CSRFError, CSRFProtect
from flask_wtf.csrf import generate_csrf as csrf_token

from lawgraph.accounts import ROLES, AccountError, AccountStore, LoginThrottle, User
from lawgraph.errors import InputError
from lawgraph.logging import log_auth_failure
from webapp.negotiate import best, parse_accept

__all__ = [
    "ADMIN_ROLES",
    "DATA_ROLES",
    "EDIT_ROLES",
    "EXPORT_ROLES",
    "READ_ROLES",
    "ROLES",
    "User",
    "can_review",
    "can_write_country",
    "csrf_protect",
    "csrf_token",
    "current_user",
    "init_auth",
    "login_required",
    "login_throttle",
    "login_user",
    "logout_user",
    "require_role",
    "safe_next",
    "users_db",
]

#: any account reads everything when ``public_read`` is off ("officials and above")
READ_ROLES = ROLES
#: Law Review exports
EXPORT_ROLES = ("official", "editor", "admin")
#: editing the texts of Law Review entries
EDIT_ROLES = ("editor",)
#: bulk data downloads
DATA_ROLES = ROLES
#: account management
ADMIN_ROLES = ("admin",)

MENU_MARK = "<!--lawgraph:account-menu-->"
SESSION_HOURS = 8
_OPEN_ENDPOINTS = {"static", "account.login"}
_OPEN_PATHS = {"/login", "/healthz"}
_ROLE_NAMES = {
    "official": "officials",
    "expert": "experts",
    "reviewer": "reviewers",
    "editor": "editors",
    "admin": "administrators",
}

csrf_protect = CSRFProtect()
_log = logging.getLogger("lawgraph.auth")


# --- set-up ------------------------------------------------------------------------------
def init_auth(app: Flask) -> None:
    """Accounts, the session key and cookie flags, CSRF, the public-read gate and the menu."""
    settings = app.config["LAWGRAPH"]
    path = (
        app.config.get("ACCOUNTS_DB")
        or getattr(settings, "accounts", None)
        or "var/accounts.sqlite"
    )
    app.extensions["lawgraph.accounts"] = AccountStore(path)
    app.config.setdefault("LOGIN_MAX_FAILURES", 5)
    app.config.setdefault("LOGIN_WINDOW_SECONDS", 600)
    app.extensions["lawgraph.login_throttle"] = LoginThrottle(
        path,
        limit=app.config["LOGIN_MAX_FAILURES"],
        window=float(app.config["LOGIN_WINDOW_SECONDS"]),
    )
    _configure_session(app, settings, Path(path))
    _trust_proxies(app, settings)
    csrf_protect.init_app(app)
    from webapp.views import sparql

    csrf_protect.exempt(sparql.bp)
    app.register_error_handler(CSRFError, _csrf_refused)
    app.before_request(_gate)
    app.after_request(_personalise)
    app.after_request(_log_other_refusals)
    app.jinja_env.globals.update(
        current_user=current_user,
        ROLE_NAMES=_ROLE_NAMES,
        EXPORT_ROLES=EXPORT_ROLES,
        EDIT_ROLES=EDIT_ROLES,
        DATA_ROLES=DATA_ROLES,
        ADMIN_ROLES=ADMIN_ROLES,
    )


def _configure_session(app: Flask, settings: object, accounts: Path) -> None:
    if not app.config.get("SECRET_KEY"):
        configured = str(getattr(settings, "secret_key", "") or "")
        if configured and len(configured) < 32:
            raise InputError(
                "LAWGRAPH_SECRET_KEY",
                None,
                "the secret key needs at least 32 characters (e.g. "
                "`python -c 'import secrets; print(secrets.token_hex(32))'`)",
            )
        if configured:
            app.secret_key = configured
        elif app.testing:
            app.secret_key = secrets.token_hex(32)
        else:
            app.secret_key = load_or_create_secret(accounts.parent / "secret_key")
    hardened = {
        "SESSION_COOKIE_NAME": "lawgraph_session",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "PERMANENT_SESSION_LIFETIME": dt.timedelta(hours=SESSION_HOURS),
    }
    for key, value in hardened.items():  # unless the app's configuration says otherwise
        if app.config.get(key) == Flask.default_config.get(key):
            app.config[key] = value
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)  # as long as the session lives


def _trust_proxies(app: Flask, settings: object) -> None:
    """Behind ``n`` reverse proxies (``TRUSTED_PROXIES`` or the setting ``trusted_proxies``),
    the client's address and scheme come from their ``X-Forwarded-For``/``-Proto`` headers:
    the login limit then counts per client, not per proxy, and HTTPS is recognised."""
    hops = int(app.config.get("TRUSTED_PROXIES") or getattr(settings, "trusted_proxies", 0) or 0)
    if hops > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]


def load_or_create_secret(path: Path) -> str:
    """The key kept at ``path``; made (64 hex digits, mode 0600) if there is none yet. Several
    workers starting at once agree on one key: the first to link its file wins."""
    try:
        return _read_secret(path)
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as out:
        out.write(secrets.token_hex(32) + "\n")
    try:
        os.link(draft, path)
    except FileExistsError:
        pass
    finally:
        draft.unlink()
    return _read_secret(path)


def _read_secret(path: Path) -> str:
    key = path.read_text(encoding="utf-8").strip()
    if len(key) < 32:
        raise InputError(
            str(path),
            None,
            "the secret key file holds fewer than 32 characters; "
            "delete it to have a new one made (everyone logs in again)",
        )
    return key


# --- who is asking -----------------------------------------------------------------------
def users_db() -> AccountStore:
    """The accounts of the current app."""
    return current_app.extensions["lawgraph.accounts"]


def login_throttle() -> LoginThrottle:
    return current_app.extensions["lawgraph.login_throttle"]


def current_user() -> User | None:
    """The logged-in, active account of this request, or None."""
    if not has_request_context():
        return None
    if "lawgraph_user" not in g:
        g.lawgraph_user = _session_user()
    return g.lawgraph_user


def _session_user() -> User | None:
    if current_app.config["SESSION_COOKIE_NAME"] not in request.cookies:
        return None  # not even looked at: answers without a cookie do not vary on it
    user_id, stamp = session.get("uid"), session.get("stamp")
    if not isinstance(user_id, int) or not isinstance(stamp, int):
        return None
    db = users_db()
    try:
        user = db.by_id(user_id)
        current = db.session_stamp(user_id)
    except AccountError:
        _log.exception("cannot read the accounts database")
        return None
    if user is None or not user.active or current != stamp:
        session.clear()
        return None
    return user


def login_user(user: User) -> None:
    """A fresh session for ``user`` (nothing of the previous one is kept, CSRF token included)."""
    session.clear()
    session["uid"] = user.id
    session["stamp"] = users_db().session_stamp(user.id)
    session.permanent = True
    g.lawgraph_user = user


def logout_user() -> None:
    session.clear()
    g.lawgraph_user = None


# --- what they may do --------------------------------------------------------------------
def can_write_country(user: User | None, code: str | None) -> bool:
    """Experts write their own country's reports, and nobody else writes any."""
    if user is None or not user.active or user.role != "expert" or not user.country or not code:
        return False
    from lawgraph.refdata import reference_index

    country = reference_index().country(code) if len(code) <= 60 else None
    return country is not None and country.eu_code == user.country


def can_review(user: User | None, report_owner_username: str | None) -> bool:
    """Reviewers and administrators review reports, never their own."""
    if user is None or not user.active or user.role not in ("reviewer", "admin"):
        return False
    owner = (report_owner_username or "").strip().lower()
    return bool(owner) and owner != user.username


def require_role(*roles: str) -> Callable:
    """Only logged-in accounts with one of ``roles``; the roles are kept on the view as
    ``auth_roles`` (the authorisation tests read them)."""
    unknown = set(roles) - set(ROLES)
    if unknown or not roles:
        raise ValueError(f"unknown roles {sorted(unknown)}; use some of {', '.join(ROLES)}")

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            user = current_user()
            if user is None:
                return login_needed()
            if user.role not in roles:
                forbidden(user, roles)
            return view(*args, **kwargs)

        guarded.auth_roles = frozenset(roles)  # type: ignore[attr-defined]
        return guarded

    return decorate


def login_required(view: Callable) -> Callable:
    """Any logged-in account."""
    return require_role(*ROLES)(view)


def refuse(user: str | None, reason: str) -> None:
    """Log an authorisation failure (never a password or a token)."""
    where = {"method": request.method, "path": request.path, "remote_addr": request.remote_addr}
    log_auth_failure(user, reason, **where)
    g.lawgraph_refusal_logged = True


def _log_other_refusals(response: Response) -> Response:
    """A 401 or 403 answer no check logged (a view's own ``abort(403)``) is logged too."""
    if response.status_code in (401, 403) and not g.get("lawgraph_refusal_logged"):
        user = current_user()
        refuse(user.username if user else None, f"answered {response.status_code}")
    return response


def forbidden(user: User, roles: tuple[str, ...] | frozenset[str]) -> None:
    refuse(user.username, f"role {user.role} is not one of {', '.join(sorted(roles))}")
    allowed = [_ROLE_NAMES[r] for r in ROLES if r in roles]
    who = allowed[0] if len(allowed) == 1 else ", ".join(allowed[:-1]) + " and " + allowed[-1]
    abort(403, f"This is for {who} only; you are logged in as {user.username} ({user.role}).")


def login_needed() -> Response:
    """Pages send the visitor to the login page; JSON clients, files and forms get 401 (and
    an ``auth-failure`` log line: a browser sent to log in is not a failure)."""
    if request.method in ("GET", "HEAD") and _wants_html():
        return redirect(url_for("account.login", next=_here()))
    refuse(None, "not logged in")
    abort(
        401, "You need to log in: open /login, or send the session cookie of a logged-in account."
    )


def _wants_html() -> bool:
    if request.path.startswith("/api/") or request.args.get("format", "html") != "html":
        return False
    ranges = parse_accept(request.headers.get("Accept"))
    return not ranges or best(["text/html", "application/json"], ranges) == "text/html"


def _here() -> str:
    return request.full_path.rstrip("?") if request.query_string else request.path


def safe_next(target: str | None) -> str:
    """A local path to go to after logging in; anything else (another site, ``//x``) is "/"."""
    text = (target or "").strip()
    parts = urlsplit(text)
    if (
        not text.startswith("/")
        or text.startswith(("//", "/\\"))
        or parts.scheme
        or parts.netloc
        or any(c in text for c in "\r\n\\")
    ):
        return "/"
    return text


# --- hooks -------------------------------------------------------------------------------
def _gate() -> Response | None:
    """With ``public_read`` off, nothing but the login page, health and static files is open."""
    if request.endpoint in _OPEN_ENDPOINTS or request.path in _OPEN_PATHS:
        return None
    if getattr(current_app.config["LAWGRAPH"], "public_read", True):
        return None
    if current_user() is None:
        return login_needed()
    return None


def _csrf_refused(exc: CSRFError) -> Response:
    from webapp.errors import error_response

    user = current_user()
    refuse(user.username if user else None, f"CSRF: {exc.description}")
    return error_response(
        400,
        f"{exc.description} Reload the page and try again; forms "
        "and scripts must send the page's CSRF token.",
    )


def _personalise(response: Response) -> Response:
    """Put the account menu into HTML answers; keep personal answers out of shared caches."""
    if current_user() is not None:
        response.headers["Cache-Control"] = "private, no-store"
    if (
        response.mimetype == "text/html"
        and not response.direct_passthrough
        and not response.is_streamed
    ):
        body = response.get_data(as_text=True)
        if MENU_MARK in body:
            menu = render_template(
                "account_menu.html",
                user=current_user(),
                login_next=_here() if request.endpoint != "account.login" else None,
                endpoints=current_app.view_functions,
            )
            response.set_data(body.replace(MENU_MARK, menu, 1))
    return response
