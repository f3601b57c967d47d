"""The workflow blueprint and what it keeps per app: the drafts database and the settings of
entering reports (upload limit, autosave interval, where approved reports go)."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, current_app, request
from flask.blueprints import BlueprintSetupState

from lawgraph.drafts import DraftStore, StateError, WorkflowError
from webapp.errors import error_response

__all__ = ["approved_dir", "bp", "drafts", "setting"]

bp = Blueprint("workflow", __name__, url_prefix="/workflow", static_folder=None)

#: app.config names and their defaults
DEFAULTS = {
    "WORKFLOW_UPLOAD_LIMIT": 20 * 1024 * 1024,  # bytes per uploaded report
    "WORKFLOW_AUTOSAVE_SECONDS": 20,
}


@bp.record_once
def _setup(state: BlueprintSetupState) -> None:
    app = state.app
    settings = app.config["LAWGRAPH"]
    path = app.config.get("DRAFTS_DB") or getattr(settings, "drafts", None) or "var/drafts.sqlite"
    app.extensions["lawgraph.drafts"] = DraftStore(path)
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)


@bp.before_app_request
def _upload_size() -> None:
    """Uploads may be larger than the app's ``MAX_CONTENT_LENGTH``: their own limit is set (and
    an oversized ``Content-Length`` refused) before anything reads the body, the app's CSRF
    check included. Registered with the blueprint, which the app factory does before it sets up
    CSRF, so this runs first; were the order to change, large uploads would meet the app's
    smaller limit (refused, never read)."""
    if request.endpoint == "workflow.upload" and request.method == "POST":
        from webapp.workflow.upload import guard_size

        guard_size()


def drafts() -> DraftStore:
    """The drafts database of the current app."""
    return current_app.extensions["lawgraph.drafts"]


def approved_dir() -> Path:
    """Where approved reports are written before they are ingested (setting ``approved``)."""
    configured = (
        current_app.config.get("APPROVED_DIR")
        or getattr(current_app.config["LAWGRAPH"], "approved", None)
        or "var/approved"
    )
    return Path(configured)


def setting(name: str) -> int:
    return int(current_app.config.get(name, DEFAULTS[name]))


@bp.errorhandler(StateError)
def _state_error(exc: StateError):
    return error_response(409, str(exc))


@bp.errorhandler(WorkflowError)
def _workflow_error(exc: WorkflowError):
    return error_response(400, str(exc))
