"""IRIs ↔ the app's URLs.

lawgraph's own resources live under ``https://w3id.org/lawgraph/id/``; the app serves each at the
same path: ``https://w3id.org/lawgraph/id/ecli/ECLI:EU:C:2008:397`` ↔ ``/ecli/ECLI:EU:C:2008:397``.
Two kinds of resource have IRIs minted by others and get a page of their own: countries
(``…/authority/country/DEU`` ↔ ``/country/DE``) and directives (their ELI ↔ ``/directive/{CELEX}``).

>>> path_for("https://w3id.org/lawgraph/id/provision/32000L0078/art_5")
'/provision/32000L0078/art_5'
>>> path_for("http://publications.europa.eu/resource/authority/country/GRC")
'/country/EL'
>>> path_for("http://data.europa.eu/eli/dir/2000/43/oj")
'/directive/32000L0043'
>>> str(iri_candidates("ecli/ECLI:EU:C:2008:397")[0])
'https://w3id.org/lawgraph/id/ecli/ECLI:EU:C:2008:397'
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote

from rdflib import URIRef

from lawgraph.refdata import reference_index
from lawgraph.vocab import COUNTRY, LGD

__all__ = ["iri_candidates", "path_for", "provision_path"]

_LGD = str(LGD)
_COUNTRY = str(COUNTRY)


@lru_cache(maxsize=1)
def _directives_by_eli() -> dict[str, str]:
    return {str(d.iri): d.celex for d in reference_index().directives.values()}


@lru_cache(maxsize=1)
def _countries_by_iri() -> dict[str, str]:
    return {str(c.iri): c.eu_code for c in reference_index().countries.values()}


def path_for(iri: object) -> str | None:
    """The app path that shows this IRI, or None when the app has no page for it."""
    text = str(iri)
    if text.startswith(_LGD) and len(text) > len(_LGD):
        return "/" + text[len(_LGD):]
    if text.startswith(_COUNTRY):
        code = _countries_by_iri().get(text)
        return f"/country/{code}" if code else None
    celex = _directives_by_eli().get(text)
    return f"/directive/{celex}" if celex else None


def iri_candidates(path: str) -> list[URIRef]:
    """The IRIs a (percent-decoded) app path may stand for, most likely first."""
    path = path.lstrip("/")
    forms = [quote(path, safe="/:._-~"), quote(path, safe="/:._-~!$&'()*+,;=@"), path]
    seen: list[URIRef] = []
    for form in forms:
        if any(c in form for c in '<>"{}|\\^`') or any(ord(c) <= 0x20 for c in form):
            continue
        iri = URIRef(_LGD + form)
        if iri not in seen:
            seen.append(iri)
    return seen


def provision_path(iri: object) -> tuple[str, str] | None:
    """``(CELEX, "art_2/par_2")`` for a provision IRI, else None."""
    text = str(iri)
    prefix = _LGD + "provision/"
    if not text.startswith(prefix):
        return None
    celex, _, rest = text[len(prefix):].partition("/")
    return (celex, rest) if rest else None
