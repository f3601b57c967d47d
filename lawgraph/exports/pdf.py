"""The review as PDF: the HTML export laid out by WeasyPrint with its print stylesheet (A4, a
title page, each country on a new page, page numbers).

WeasyPrint is an optional dependency (``pip install 'lawgraph[pdf]'``) and needs Pango from the
system. When either is missing the export stops with an :class:`ExportError` that says exactly
what to install.
"""

from __future__ import annotations

from typing import BinaryIO

from lawgraph.exports import ExportError
from lawgraph.exports.html import render_html
from lawgraph.exports.model import Review

__all__ = ["APT_PACKAGES", "PDF", "PdfExporter", "load_weasyprint"]

#: the Debian packages WeasyPrint needs (``docs/exports.md``)
APT_PACKAGES = ("libpango-1.0-0", "libpangoft2-1.0-0", "fonts-dejavu-core")


def load_weasyprint():
    """Import WeasyPrint, or raise an :class:`ExportError` that says what to install."""
    try:
        import weasyprint
    except ImportError as exc:
        raise ExportError(
            "PDF export needs WeasyPrint: pip install 'lawgraph[pdf]' "
            f"(or pip install weasyprint) ({exc})"
        ) from exc
    except OSError as exc:  # cffi could not load Pango or one of its libraries
        raise ExportError(
            "PDF export needs WeasyPrint's system libraries, which are missing: "
            f"apt-get install -y {' '.join(APT_PACKAGES)} ({exc})"
        ) from exc
    return weasyprint


class PdfExporter:
    name = "pdf"
    suffix = ".pdf"
    media_type = "application/pdf"

    def write(self, review: Review, out: BinaryIO) -> None:
        weasyprint = load_weasyprint()
        document = weasyprint.HTML(string=render_html(review), base_url=None)
        out.write(document.write_pdf())


PDF = PdfExporter()
