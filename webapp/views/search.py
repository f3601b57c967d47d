"""``/search?q=``: one box; a query that names exactly one thing redirects to it."""

from __future__ import annotations

from flask import Blueprint, redirect, request

from webapp.negotiate import choose
from webapp.pages import respond
from webapp.search import MAX_QUERY
from webapp.search import search as run_search

bp = Blueprint("search", __name__)


@bp.get("/search")
def search():
    q = request.args.get("q", "")
    hits = run_search(q)
    direct = [h for h in hits if h.direct]
    if len(direct) == 1 and choose(["html", "json"]) == "html" and not request.args.get("all"):
        return redirect(direct[0].href, code=303)
    data = {"title": f"Search: {q[:80]}" if q else "Search", "q": q[:MAX_QUERY],
            "hits": [h.record() for h in hits]}
    return respond(data, "search.html")
