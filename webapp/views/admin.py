"""Account management for administrators: ``/admin/users`` (list, create) and
``/admin/users/{username}`` (change name, role, country, state; set a password; remove).

Administrators cannot demote, deactivate or remove their own account, so that an app never
loses its last administrator from the web (the command line can do anything).
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, request, url_for

from lawgraph.accounts import PASSWORD_MIN, ROLES, AccountError, User
from lawgraph.refdata import reference_index
from webapp.auth import ADMIN_ROLES, current_user, require_role, users_db
from webapp.pages import respond

bp = Blueprint("admin", __name__)


def _countries() -> list[dict[str, str]]:
    found = sorted(reference_index().countries.values(), key=lambda c: c.name)
    return [{"code": c.eu_code, "name": c.name} for c in found]


def _list_page(error: str = "", form: dict[str, str] | None = None, status: int = 200) -> Response:
    users = users_db().users()
    data = {
        "title": "Accounts",
        "count": len(users),
        "users": [u.record() for u in users],
        "roles": list(ROLES),
        "error": error,
        "form": form or {},
        "password_min": PASSWORD_MIN,
    }
    response = respond(data, "admin_users.html", extra={"countries": _countries()})
    response.status_code = status
    return response


@bp.get("/admin/users")
@require_role(*ADMIN_ROLES)
def users():
    return _list_page()


@bp.post("/admin/users")
@require_role(*ADMIN_ROLES)
def create_user():
    form = {k: request.form.get(k, "").strip() for k in ("username", "name", "role", "country")}
    try:
        user = users_db().create(
            form["username"],
            request.form.get("password", ""),
            role=form["role"],
            name=form["name"],
            country=form["country"] or None,
        )
    except AccountError as exc:
        return _list_page(exc.message, form, 400)
    flash(f"Account {user.username} created.")
    return redirect(url_for("admin.user", username=user.username), code=303)


def _account(username: str) -> User:
    found = users_db().get(username) if len(username) <= 100 else None
    if found is None:
        abort(404, f"there is no account {username[:100]!r}")
    return found


def _user_page(found: User, error: str = "", status: int = 200) -> Response:
    me = current_user()
    data = {
        "title": f"Account {found.username}",
        "user": found.record(),
        "roles": list(ROLES),
        "error": error,
        "password_min": PASSWORD_MIN,
        "is_self": me is not None and me.id == found.id,
    }
    response = respond(data, "admin_user.html", extra={"countries": _countries()})
    response.status_code = status
    return response


@bp.get("/admin/users/<username>")
@require_role(*ADMIN_ROLES)
def user(username: str):
    return _user_page(_account(username))


@bp.post("/admin/users/<username>")
@require_role(*ADMIN_ROLES)
def update_user(username: str):
    found = _account(username)
    role = request.form.get("role", found.role)
    active = request.form.get("active") == "on"
    me = current_user()
    if me is not None and me.id == found.id and (role != found.role or not active):
        return _user_page(
            found,
            "You cannot change the role or the state of your own account; "
            "ask another administrator.",
            400,
        )
    try:
        users_db().update(
            found.username,
            name=request.form.get("name", ""),
            role=role,
            country=request.form.get("country", "").strip() or None,
            active=active,
        )
    except AccountError as exc:
        return _user_page(found, exc.message, 400)
    flash(f"Account {found.username} saved.")
    return redirect(url_for("admin.user", username=found.username), code=303)


@bp.post("/admin/users/<username>/password")
@require_role(*ADMIN_ROLES)
def set_password(username: str):
    found = _account(username)
    if request.form.get("password", "") != request.form.get("confirm", ""):
        return _user_page(found, "The two passwords differ.", 400)
    try:
        users_db().set_password(found.username, request.form.get("password", ""))
    except AccountError as exc:
        return _user_page(found, exc.message, 400)
    flash(f"New password set for {found.username}; their sessions have ended.")
    return redirect(url_for("admin.user", username=found.username), code=303)


@bp.post("/admin/users/<username>/remove")
@require_role(*ADMIN_ROLES)
def remove_user(username: str):
    found = _account(username)
    me = current_user()
    if me is not None and me.id == found.id:
        return _user_page(found, "You cannot remove your own account.", 400)
    users_db().remove(found.username)
    flash(f"Account {found.username} removed.")
    return redirect(url_for("admin.users"), code=303)
