"""Accessibility checks that do not need a browser: text contrast of the palette (WCAG AA,
4.5:1), a label on every form control, a scope on every table header, one h1, a skip link,
the page language, and status shown by text as well as colour."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import test_webapp_support as support

import webapp

# the shared fixtures (test_webapp_support), under the names tests ask for
app = support.app
client = support.client
fixture_store_path = support.fixture_store_path

CSS = (Path(webapp.__file__).parent / "static" / "style.css").read_text("utf-8")
PAGES = ["/", "/?level=paragraph&status=partial", "/countries", "/country/DE", "/country/IT",
         "/directives", "/directive/32000L0078", "/provision/32000L0043/art_8",
         "/ecli/ECLI:EU:C:2013:446", "/measure/DEU/agg", "/report/DE/2024",
         "/report/DE/2024/section/burden-of-proof", "/assessment/IT/2024/32000L0078/art_5",
         "/search?q=burden", "/sparql", "/sparql?query=SELECT+*+WHERE+%7B%3Fs+%3Fp+%3Fo%7D+LIMIT+3",
         "/api", "/nothing-here"]


def _luminance(hex_colour: str) -> float:
    value = hex_colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = [int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


VARIABLES = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{3,6})", CSS))
STATUSES = sorted({name[3:-3] for name in VARIABLES if name.startswith("st-") and name.endswith("-bg")})


@pytest.mark.parametrize("status", STATUSES)
def test_status_colours_have_enough_contrast(status):
    assert contrast(VARIABLES[f"st-{status}-bg"], VARIABLES[f"st-{status}-fg"]) >= 4.5


@pytest.mark.parametrize(("fg", "bg"), [("ink", "paper"), ("muted", "paper"), ("muted", "wash"),
                                        ("link", "paper"), ("link", "wash"), ("brand-ink", "brand")])
def test_text_colours_have_enough_contrast(fg, bg):
    assert contrast(VARIABLES[fg], VARIABLES[bg]) >= 4.5


def test_the_seven_statuses_have_distinct_colours():
    backgrounds = [VARIABLES[f"st-{s}-bg"].lower() for s in STATUSES]
    assert len(STATUSES) == 7 and len(set(backgrounds)) == 7


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str]] = []
        self.labels_for: set[str] = set()
        self.th_without_scope: list[str] = []
        self.h1 = 0
        self.lang = None
        self.skip = False
        self._label_depth = 0
        self._in_thead_or_table = 0

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "label":
            self._label_depth += 1
            if a.get("for"):
                self.labels_for.add(a["for"])
        if tag in ("input", "select", "textarea") and a.get("type") not in ("hidden", "submit", "button"):
            self.controls.append({**a, "_wrapped": "yes" if self._label_depth else ""})
        if tag == "th" and "scope" not in a:
            self.th_without_scope.append(self.getpos().__str__())
        if tag == "h1":
            self.h1 += 1
        if tag == "a" and a.get("href") == "#main" and "skip-link" in a.get("class", ""):
            self.skip = True

    def handle_endtag(self, tag):
        if tag == "label":
            self._label_depth -= 1


@pytest.mark.parametrize("url", PAGES)
def test_page_structure(client, url):
    response = client.get(url, headers={"Accept": "text/html"})
    assert response.mimetype == "text/html"
    page = _Page()
    page.feed(response.data.decode("utf-8"))
    assert page.lang == "en"
    assert page.skip, "no skip link"
    assert page.h1 == 1
    assert not page.th_without_scope, f"table headers without scope at {page.th_without_scope}"
    for control in page.controls:
        labelled = (control.get("id") in page.labels_for or control["_wrapped"]
                    or control.get("aria-label") or control.get("aria-labelledby"))
        assert labelled, f"form control without a label: {control}"


def test_focus_styles_and_print_stylesheet():
    assert ":focus-visible" in CSS
    assert "@media print" in CSS
    assert "print-color-adjust: exact" in CSS


def test_legend_spells_out_every_status(client):
    html = client.get("/").data.decode()
    for label in ("not transposed", "incorrect", "partial", "unclear", "conform", "not applicable",
                  "not assessed"):
        assert f"<strong>{label}</strong>" in html
