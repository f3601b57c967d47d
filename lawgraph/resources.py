"""Where lawgraph's bundled data lives, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path

__all__ = ["ontology_dir", "project_dir"]


def ontology_dir() -> Path:
    """The ``ontology/`` folder: package data ``lawgraph.ontology`` when installed, else the
    source tree's folder."""
    try:
        import lawgraph.ontology as package

        return Path(next(iter(package.__path__)))
    except ImportError:
        return Path(__file__).resolve().parents[1] / "ontology"


def project_dir() -> Path | None:
    """The source checkout (holding ``country_reports/`` and ``case_law/``), if there is one."""
    candidate = Path(__file__).resolve().parents[1]
    return candidate if (candidate / "country_reports").is_dir() else None
