"""Logging in and out, and one's own account: ``/login``, ``/logout``, ``/account``."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, flash, redirect, request, url_for

from lawgraph.accounts import PASSWORD_MIN, AccountError
from webapp.auth import (
    current_user,
    login_required,
    login_throttle,
    login_user,
    logout_user,
    refuse,
    safe_next,
    users_db,
)
from webapp.pages import respond

bp = Blueprint("account", __name__)

ROLE_TEXT = {
    "official": "reads everything and downloads exports and data",
    "expert": "writes the reports of their own country",
    "reviewer": "approves or returns submitted reports (never their own)",
    "editor": "exports the Law Review and edits the texts of its entries",
    "admin": "manages accounts",
}


def _login_page(
    target: str,
    username: str = "",
    error: str = "",
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    public = getattr(current_app.config["LAWGRAPH"], "public_read", True)
    data = {
        "title": "Log in",
        "next": target,
        "username": username[:64],
        "error": error,
        "public_read": public,
    }
    response = respond(data, "login.html")
    response.status_code = status
    response.headers.update(headers or {})
    return response


@bp.route("/login", methods=["GET", "POST"])
def login():
    target = safe_next(request.values.get("next"))
    if request.method == "GET":
        return redirect(target) if current_user() else _login_page(target)
    username = request.form.get("username", "").strip()[:100]
    password = request.form.get("password", "")
    address = request.remote_addr or "-"
    throttle = login_throttle()
    wait = throttle.retry_after(username, address)
    if wait:
        refuse(username, "login rate-limited")
        minutes = max(1, round(wait / 60))
        return _login_page(
            target,
            username,
            f"Too many failed logins. Try again in about "
            f"{minutes} minute{'s' if minutes != 1 else ''}.",
            429,
            {"Retry-After": str(wait)},
        )
    user = users_db().verify(username, password)
    if user is None or not user.active:
        throttle.failed(username, address)
        refuse(username, "wrong username or password" if user is None else "account deactivated")
        message = (
            "Wrong username or password."
            if user is None
            else "This account is deactivated; ask an administrator."
        )
        return _login_page(target, username, message, 401)
    throttle.succeeded(username, address)
    login_user(user)
    current_app.logger.info("login: %s (%s)", user.username, user.role)
    return redirect(target, code=303)


@bp.post("/logout")
def logout():
    """Logging out ends the account's sessions in every browser: a copied session cookie
    stops working too."""
    user = current_user()
    if user is not None:
        users_db().end_sessions(user.username)
    logout_user()
    return redirect(url_for("dashboard.index"), code=303)


def _profile(error: str = "", status: int = 200) -> Response:
    user = current_user()
    assert user is not None
    data = {
        "title": "Your account",
        "user": user.record(),
        "role_text": ROLE_TEXT[user.role],
        "password_min": PASSWORD_MIN,
        "error": error,
    }
    response = respond(data, "account.html")
    response.status_code = status
    return response


@bp.get("/account")
@login_required
def profile():
    return _profile()


@bp.post("/account/password")
@login_required
def change_password():
    user = current_user()
    assert user is not None
    form = request.form
    address = request.remote_addr or "-"
    throttle = login_throttle()
    wait = throttle.retry_after(user.username, address)
    if wait:
        refuse(user.username, "password change rate-limited")
        response = _profile("Too many wrong passwords; try again later.", 429)
        response.headers["Retry-After"] = str(wait)
        return response
    if users_db().verify(user.username, form.get("current", "")) is None:
        throttle.failed(user.username, address)
        refuse(user.username, "password change: wrong current password")
        return _profile("The current password is wrong.", 400)
    if form.get("password", "") != form.get("confirm", ""):
        return _profile("The two new passwords differ.", 400)
    try:
        updated = users_db().set_password(user.username, form.get("password", ""))
    except AccountError as exc:
        return _profile(exc.message, 400)
    login_user(updated)  # this session goes on; the others end
    flash("Your password was changed.")
    return redirect(url_for("account.profile"), code=303)
