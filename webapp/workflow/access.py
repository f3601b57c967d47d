"""Who may do what with a report in the workflow, on top of :mod:`webapp.auth`:

* the experts of a country read and write its drafts (and no other country's);
* reviewers and administrators read every draft and review submitted ones, never a report
  they started, submitted or wrote any part of;
* nobody else sees drafts.
"""

from __future__ import annotations

from flask import abort

from lawgraph.drafts import Report
from lawgraph.refdata import Country, reference_index
from webapp.auth import User, can_review, can_write_country, current_user, refuse

__all__ = [
    "country_or_404",
    "may_read",
    "may_review",
    "require_reader",
    "require_reviewer",
    "require_writer",
    "user",
]

REVIEW_ROLES = ("reviewer", "admin")


def user() -> User:
    """The logged-in account (views are guarded by ``login_required``)."""
    found = current_user()
    if found is None:  # pragma: no cover - the decorators send visitors to /login first
        abort(401)
    return found


def country_or_404(code: str) -> Country:
    country = reference_index().country(code) if code and len(code) <= 60 else None
    if country is None:
        abort(404, f"there is no country {code[:60]!r}: use an EU code such as DE or EL")
    return country


def may_read(account: User, country: Country) -> bool:
    return can_write_country(account, country.eu_code) or account.role in REVIEW_ROLES


def may_review(account: User, report: Report, authors: set[str]) -> bool:
    """A reviewer of someone else's report who wrote none of it."""
    return can_review(account, report.owner) and account.username not in authors


def _deny(account: User, reason: str, message: str) -> None:
    refuse(account.username, reason)
    abort(403, message)


def require_reader(country: Country) -> User:
    account = user()
    if not may_read(account, country):
        _deny(
            account,
            f"workflow: read {country.eu_code}",
            f"Drafts of {country.name}'s reports are for its experts and for reviewers only.",
        )
    return account


def require_writer(country: Country) -> User:
    account = user()
    if not can_write_country(account, country.eu_code):
        _deny(
            account,
            f"workflow: write {country.eu_code}",
            f"Only {country.name}'s experts write its reports.",
        )
    return account


def require_reviewer(report: Report, authors: set[str]) -> User:
    account = user()
    if account.role not in REVIEW_ROLES:
        _deny(account, "workflow: review", "Reports are reviewed by reviewers only.")
    if not may_review(account, report, authors):
        _deny(
            account,
            f"workflow: review own report {report.key}",
            "You cannot review this report: you started, submitted or wrote part of it. "
            "Another reviewer has to approve or return it.",
        )
    return account
