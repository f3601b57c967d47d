"""The bundled corpus in the store (both back-ends): the graph built from the files matches the
table of verified rulings in ``tests/data/caselaw_expected.csv``, has the shape gap rule LG-R03
reads, and bad input is rejected with the file and place named and the store left unchanged."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from lawgraph.caselaw.ingest import check_duplicates
from lawgraph.ingest import display_name, ingest
from lawgraph.ingest import ingest as ingest_case_law
from lawgraph.refdata import reference_index
from lawgraph.reference import load_reference
from lawgraph.rules import load_rules, scoped_query
from lawgraph.store import GraphStore
from lawgraph.validation import validate_store
from lawgraph.vocab import (
    LGD,
    country_iri,
    provision_iri,
    ruling_graph,
    ruling_iri,
    sparql_prefixes,
)

ROOT = Path(__file__).resolve().parents[1]
CASE_LAW = ROOT / "case_law"
CJEU = CASE_LAW / "cjeu"
EXPECTED = Path(__file__).parent / "data" / "caselaw_expected.csv"
FERYN = CJEU / "2008-07-10_C-54-07_feryn.md"
FERYN_AG = CJEU / "2008-03-12_C-54-07_feryn_ag-opinion.md"

#: provisions the corpus cites more finely than the reference data subdivides them; the graph
#: links the article (lawgraph.caselaw.resolve.provision)
REFERENCE_GAPS = {"2006/54 Art 19(1)": "2006/54 Art 19"}


def _dump(store: GraphStore) -> bytes:
    out = io.BytesIO()
    store.dump(out)
    return out.getvalue()


def _load(store: GraphStore, *paths: Path) -> None:
    load_reference(store)
    summary = ingest(store, list(paths))
    assert summary.ok, summary.text()


def _expected() -> list[dict[str, str]]:
    with EXPECTED.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _short(iri: str) -> str:
    """…/provision/32000L0078/art_2/par_2/pnt_a → "2000/78 Art 2(2)(a)"."""
    from lawgraph.caselaw.network import provision_label

    return provision_label(URIRef(iri))


def test_the_graph_matches_the_table_of_verified_rulings(store: GraphStore) -> None:
    _load(store, CASE_LAW)
    rows = store.select(
        sparql_prefixes()
        + """
        SELECT ?r ?type ?ecli ?date ?title ?formation ?country
               (GROUP_CONCAT(DISTINCT ?case; SEPARATOR=" and ") AS ?cases)
               (GROUP_CONCAT(DISTINCT STR(?p); SEPARATOR=" ") AS ?interprets)
        WHERE {
            ?r a ?type ; lg:ecli ?ecli ; eli:date_document ?date ; dct:title ?title ;
               lg:country ?country ; lg:caseNumber ?case .
            FILTER (?type IN (lg:Judgment, lg:AdvocateGeneralOpinion))
            OPTIONAL { ?r lg:formation ?formation }
            OPTIONAL { ?r lg:interprets ?p }
        } GROUP BY ?r ?type ?ecli ?date ?title ?formation ?country"""
    )
    kinds = {"Judgment": "judgment", "AdvocateGeneralOpinion": "ag-opinion"}
    actual = {}
    for row in rows:
        actual[str(row["ecli"])] = {
            "case": sorted(str(row["cases"]).split(" and ")),
            "name": str(row["title"]),
            "type": kinds[str(row["type"]).rsplit("#", 1)[-1]],
            "date": str(row["date"]),
            "formation": str(row.get("formation") or ""),
            "country": str(row["country"]).rsplit("/", 1)[-1],
            "interprets": sorted(_short(p) for p in str(row.get("interprets") or "").split()),
            "date_type": row["date"].datatype,
        }
    expected = {}
    for row in _expected():
        expected[row["ecli"]] = {
            "case": sorted(row["case"].split(" and ")),
            "name": row["name"],
            "type": row["type"],
            "date": row["date"],
            "formation": row["formation"],
            "country": reference_index().country(row["country"]).alpha3,
            "interprets": sorted(
                REFERENCE_GAPS.get(p, p) for p in row["interprets"].split("; ") if p
            ),
            "date_type": XSD.date,
        }
    assert len(expected) == 42
    assert actual == expected


def test_findings_of_incompatibility_have_the_shape_rule_r03_reads(store: GraphStore) -> None:
    _load(
        store,
        CJEU / "2013-07-04_C-312-11_commission-v-italy.md",
        CJEU / "2012-11-06_C-286-12_commission-v-hungary.md",
    )
    italy = ruling_iri("ECLI:EU:C:2013:446")
    finding = URIRef(f"{italy}/incompatibility/1")
    triples = {(s, p, o) for s, p, o, _ in store.quads(ruling_graph("ECLI:EU:C:2013:446"))}
    lg = "https://w3id.org/lawgraph/ontology#"
    assert (italy, URIRef(lg + "findsIncompatible"), finding) in triples
    assert (finding, URIRef(lg + "country"), country_iri("ITA")) in triples
    assert (finding, URIRef(lg + "provision"), provision_iri("32000L0078", "art_5")) in triples
    assert (finding, URIRef(lg + "status"), LGD["status/incorrect"]) in triples
    assert (finding, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), italy) in triples
    reasons = [o for s, p, o in triples if s == finding and p == URIRef(lg + "reason")]
    assert len(reasons) == 1 and reasons[0].language == "en"
    # the rule itself, run over a country report whose period ends after the rulings
    store.replace_graph(
        LGD["graph/report/IT/2014"],
        [
            (
                LGD["report/IT/2014"],
                URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                URIRef(lg + "CountryReport"),
            ),
            (LGD["report/IT/2014"], URIRef(lg + "country"), country_iri("ITA")),
            (
                LGD["report/IT/2014"],
                URIRef(lg + "reportingYear"),
                Literal("2014", datatype=XSD.gYear),
            ),
            (
                LGD["report/IT/2014"],
                URIRef(lg + "periodEnd"),
                Literal("2014-12-31", datatype=XSD.date),
            ),
        ],
    )
    rule = next(r for r in load_rules().rules if r.id == "LG-R03")
    rows = store.select(scoped_query(rule, None))
    assert [
        (
            str(r["country"]).rsplit("/", 1)[-1],
            _short(str(r["provision"])),
            r["evidence"],
            str(r["status"]).rsplit("/", 1)[-1],
        )
        for r in rows
    ] == [("ITA", "2000/78 Art 5", italy, "incorrect")]


def test_the_graph_of_a_ruling(store: GraphStore) -> None:
    _load(
        store,
        FERYN,
        FERYN_AG,
        CJEU / "2013-04-25_C-81-12_accept.md",
        CJEU / "2013-04-11_C-335-11_hk-danmark.md",
    )
    lg = "https://w3id.org/lawgraph/ontology#"
    eli = "http://data.europa.eu/eli/ontology#"
    feryn, opinion = ruling_iri("ECLI:EU:C:2008:397"), ruling_iri("ECLI:EU:C:2008:155")
    accept = ruling_iri("ECLI:EU:C:2013:275")
    quads = list(store.quads())
    assert not any(
        term.startswith("_:") or type(term).__name__ == "BNode" for quad in quads for term in quad
    )
    graph = {(s, p, o) for s, p, o, g in quads if g == ruling_graph("ECLI:EU:C:2008:155")}
    assert (opinion, URIRef(lg + "opinionIn"), feryn) in graph
    assert (
        opinion,
        URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        URIRef(lg + "AdvocateGeneralOpinion"),
    ) in graph
    assert (opinion, URIRef(lg + "isSample"), Literal(False)) in graph
    # Accept cites "C-54/07": the judgment, never the opinion of the same case
    accept_graph = {(s, p, o) for s, p, o, g in quads if g == ruling_graph("ECLI:EU:C:2013:275")}
    assert (accept, URIRef(eli + "cites"), feryn) in accept_graph
    assert not any(p == URIRef(lg + "citesCase") for _, p, _ in accept_graph)
    # the provision gets the link back, in the ruling's graph
    art_10_1 = provision_iri("32000L0078", "art_10/par_1")
    assert (art_10_1, URIRef(eli + "cited_by_case_law"), accept) in accept_graph
    assert (accept, URIRef(lg + "interprets"), art_10_1) in accept_graph
    # a court IRI, a procedure IRI, a date
    assert (feryn, URIRef(lg + "court"), LGD["court/EU/C"]) in {(s, p, o) for s, p, o, _ in quads}
    report = validate_store(store)
    assert report.violations == [], report.text()


def test_text_files_are_ingested_too(store: GraphStore) -> None:
    load_reference(store)
    judgments = Path(__file__).parent / "data" / "judgments"
    summary = ingest(store, [judgments / "coleman_no-header.txt", judgments / "kaltoft.html"])
    assert summary.ok, summary.text()
    assert [o.label for o in summary.outcomes] == [
        "C-303/06 S. Coleman v Attridge Law, Steve Law",
        "C-354/13 Fag og Arbejde (FOA), acting on behalf of Karsten Kaltoft v Kommunernes "
        "Landsforening (KL), acting on behalf of the Municipality of Billund",
    ]
    assert store.ask(
        sparql_prefixes()
        + """ASK {{ <{}> lg:isSample true ;
        lg:interprets <{}> }}""".format(
            ruling_iri("ECLI:EU:C:2008:415"), provision_iri("32000L0078", "art_2/par_2/pnt_a")
        )
    )


def _bad(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _feryn(**replace: str) -> str:
    text = FERYN.read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    return text


BAD_INPUT = [
    # (id, file content, words of the error, line named)
    (
        "eu-ecli-court-code",
        {"ecli: ECLI:EU:C:2008:397": "ecli: ECLI:EU:Q:2008:397"},
        "EU court code must be C, T or F",
        2,
    ),
    ("date-in-future", {"date: 2008-07-10": "date: 2999-07-10"}, "in the future", 6),
    ("case-number", {"case_numbers: [C-54/07]": "case_numbers: [C54-07]"}, "not a case number", 7),
    ("conflicting-duplicate", {"date: 2008-07-10": "date: 2008-07-11"}, "also in the store", None),
]


@pytest.mark.parametrize(
    ("replace", "words", "line"), [b[1:] for b in BAD_INPUT], ids=[b[0] for b in BAD_INPUT]
)
def test_bad_input_is_rejected_and_the_store_unchanged(
    store: GraphStore, tmp_path: Path, replace: dict, words: str, line: int | None
) -> None:
    assert ingest(store, [FERYN]).ok  # the reference data is not needed to reject a file
    before = _dump(store)
    bad = _bad(tmp_path, "2008-07-10_C-54-07_feryn-copy.md", _feryn(**replace))
    summary = ingest_case_law(store, [bad])
    assert [o.status for o in summary.outcomes] == ["rejected"]
    error = summary.outcomes[0].error
    words = "is already in the store" if words == "also in the store" else words
    assert words in error
    assert str(bad) in error
    if line is not None:
        assert f"{bad}:{line}: " in error
    else:  # a duplicate names both files
        assert display_name(FERYN) in error
        assert "date 2008-07-11 here, 2008-07-10 there" in error
    assert _dump(store) == before


def test_a_duplicate_in_one_run_rejects_the_second_file(store: GraphStore, tmp_path: Path) -> None:
    load_reference(store)
    copy = _bad(
        tmp_path,
        "feryn-again.md",
        _feryn(**{"formation: Second Chamber": "formation: Grand Chamber"}),
    )
    summary = ingest_case_law(store, [FERYN, copy])
    assert [o.status for o in summary.outcomes] == ["added", "rejected"]
    assert summary.outcomes[1].error == (
        f"{copy}: the ruling ECLI:EU:C:2008:397 is also given by {display_name(FERYN)} "
        "(formation Grand "
        "Chamber here, Second Chamber there); keep one file per ruling"
    )
    assert store.ask(sparql_prefixes() + 'ASK { ?r lg:formation "Second Chamber" }')


def test_reingesting_the_same_file_is_not_a_duplicate(store: GraphStore) -> None:
    _load(store, FERYN)
    summary = ingest_case_law(store, [FERYN], force=True)
    assert [o.status for o in summary.outcomes] == ["replaced"]


def test_an_opinion_pointing_at_an_opinion_is_rejected() -> None:
    from lawgraph.caselaw.files import parse_case_law_file

    opinion = parse_case_law_file(FERYN_AG.read_text(encoding="utf-8"), str(FERYN_AG))
    other = parse_case_law_file(
        FERYN_AG.read_text(encoding="utf-8")
        .replace("ECLI:EU:C:2008:155", "ECLI:EU:C:2008:156")
        .replace("opinion_of: ECLI:EU:C:2008:397", "opinion_of: ECLI:EU:C:2008:155"),
        "x.md",
    )
    rejected = check_duplicates([opinion, other])
    assert list(rejected) == ["x.md"]
    assert "itself an Advocate General's opinion" in rejected["x.md"]
