"""A synthetic archive at full network scale: 36 countries × 20 years of country reports.

The graphs have exactly the shape lawgraph's ingest writes for a report (report node, sections,
expert-entered and machine-extracted findings with evidence sentences, national measures of
Annex 1 with the grounds and areas they cover, equality bodies) plus a few hundred rulings with
incompatibility findings, over the real reference data. Statuses drift slowly from year to year.
It is illustrative data for benchmarks only: every report is marked ``lg:isSample true``.

    python bench/synthetic_archive.py --store /tmp/archive      # build an embedded store
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lawgraph.refdata import reference_index  # noqa: E402
from lawgraph.reference import load_reference  # noqa: E402
from lawgraph.store import GraphStore, open_store  # noqa: E402
from lawgraph.store.base import Triple  # noqa: E402
from lawgraph.vocab import (  # noqa: E402
    ELI,
    LG,
    LGD,
    report_graph,
    report_iri,
    ruling_graph,
    ruling_iri,
    status_iri,
)

STATUSES = ["conform"] * 6 + ["partial"] * 2 + ["unclear", "incorrect", "not-transposed"]
GROUNDS = [
    "racial-or-ethnic-origin",
    "religion-or-belief",
    "disability",
    "age",
    "sexual-orientation",
    "sex",
]
AREAS = [
    "employment",
    "education",
    "social-protection",
    "social-advantages",
    "goods-and-services",
    "housing",
    "vocational-training",
]


def _year(y: int) -> Literal:
    return Literal(str(y), datatype=XSD.gYear)


def report_triples(country, year: int, state: dict, rng: random.Random, provisions) -> list[Triple]:
    """One synthetic report's triples (the shape of lawgraph.reports.graph)."""
    report = report_iri(country.eu_code, year)
    graph = report_graph(country.eu_code, year)
    t: list[Triple] = [
        (graph, PROV.wasDerivedFrom, report),
        (graph, DCTERMS.source, Literal(f"synthetic/{country.eu_code.lower()}-{year}.md")),
        (report, RDF.type, LG.CountryReport),
        (report, LG.country, country.iri),
        (report, LG.reportingYear, _year(year)),
        (report, LG.periodEnd, Literal(f"{year - 1}-12-31", datatype=XSD.date)),
        (report, LG.isSample, Literal(True)),
        (report, DCTERMS.description, Literal("Synthetic benchmark report.", lang="en")),
    ]
    sections = [URIRef(f"{report}/section/s{i}") for i in range(40)]
    for i, section in enumerate(sections):
        t += [
            (section, RDF.type, LG.ReportSection),
            (section, DCTERMS.isPartOf, report),
            (section, LG.order, Literal(i)),
        ]
    n = 0
    for info in provisions:
        if rng.random() < 0.08:  # statuses drift slowly
            state[info.iri] = rng.choice(STATUSES)
        status = state.setdefault(info.iri, rng.choice(STATUSES))
        for method, confidence in ((LG.ExpertEntered, "1.00"), (LG.MachineExtracted, "0.72")):
            if method == LG.MachineExtracted and rng.random() < 0.5:
                continue
            n += 1
            f = URIRef(f"{report}/finding/{n}")
            t += [
                (f, RDF.type, LG.Finding),
                (f, LG.country, country.iri),
                (f, LG.provision, info.iri),
                (f, LG.status, status_iri(status)),
                (f, LG.evidenceText, Literal(f"Sentence about {info.label} in {year}.", lang="en")),
                (f, LG.inSection, rng.choice(sections)),
                (f, LG.method, method),
                (f, LG.confidence, Literal(confidence, datatype=XSD.decimal)),
                (f, LG.reportingYear, _year(year)),
                (f, PROV.wasDerivedFrom, report),
            ]
            if method == LG.ExpertEntered and status in ("conform", "partial"):
                national = LGD[f"measure/{country.alpha3}/act-1/par-{n}"]
                t += [
                    (f, LG.citesNationalProvision, national),
                    (national, RDF.type, LG.NationalProvision),
                    (national, ELI.is_part_of, LGD[f"measure/{country.alpha3}/act-1"]),
                    (national, RDFS.label, Literal(f"§ {n} Act 1")),
                    (national, ELI.transposes, info.iri),
                ]
    for m in range(5):
        measure = LGD[f"measure/{country.alpha3}/act-{m}"]
        t += [
            (measure, RDF.type, LG.NationalMeasure),
            (measure, ELI.jurisdiction, country.iri),
            (measure, ELI.title, Literal(f"Act {m}", lang="en")),
            (measure, LG.listedIn, report),
        ]
        t += [(measure, LG.coversGround, LGD[f"ground/{g}"]) for g in rng.sample(GROUNDS, 4)]
        t += [(measure, LG.coversArea, LGD[f"area/{a}"]) for a in rng.sample(AREAS, 4)]
    body = LGD[f"equality-body/{country.alpha3}/body"]
    t += [
        (body, RDF.type, LG.EqualityBody),
        (body, SKOS.prefLabel, Literal("Equality body")),
        (body, LG.country, country.iri),
        (body, LG.reportedIn, report),
        (body, LG.mandateGround, LGD["ground/racial-or-ethnic-origin"]),
    ]
    t += [
        (body, LG.hasPower, LGD[f"power/{p}"])
        for p in ("assist-victims", "independent-surveys", "reports-recommendations")
        if rng.random() < 0.9
    ]
    return t


def ruling_triples(number: int, country, provision, year: int) -> tuple[URIRef, list[Triple]]:
    ecli = f"ECLI:EU:C:{year}:{900 + number}"
    ruling = ruling_iri(ecli)
    inc = URIRef(f"{ruling}/incompatibility/1")
    return ruling_graph(ecli), [
        (ruling, RDF.type, LG.Judgment),
        (ruling, LG.ecli, Literal(ecli)),
        (ruling, ELI.date_document, Literal(f"{year}-06-15", datatype=XSD.date)),
        (ruling, LG.interprets, provision),
        (ruling, LG.findsIncompatible, inc),
        (inc, RDF.type, LG.IncompatibilityFinding),
        (inc, LG.country, country.iri),
        (inc, LG.provision, provision),
        (inc, LG.reason, Literal("Synthetic.", lang="en")),
    ]


def archive(
    countries: int = 36, years: int = 20, first_year: int = 2005, seed: int = 11
) -> Iterator[tuple[URIRef, list[Triple]]]:
    """Yield (graph, triples) for every synthetic report and ruling."""
    ref = reference_index()
    rng = random.Random(seed)
    chosen = sorted(ref.countries.values(), key=lambda c: c.alpha3)[:countries]
    provisions = [
        p
        for p in ref.provisions.values()
        if p.celex in ("32000L0043", "32000L0078") and str(p.kind).endswith("mandatory")
    ]
    for country in chosen:
        state: dict = {}
        for year in range(first_year, first_year + years):
            yield (
                report_graph(country.eu_code, year),
                report_triples(country, year, state, rng, provisions),
            )
    for number in range(countries * 5):
        country = rng.choice(chosen)
        yield ruling_triples(
            number,
            country,
            rng.choice(provisions).iri,
            rng.randrange(first_year, first_year + years),
        )


def build(store: GraphStore, **kw) -> dict[str, float]:
    """Load reference data and the archive into a store; returns counts and seconds."""
    started = time.perf_counter()
    load_reference(store)
    graphs = triples = 0
    batch: dict = {}
    for graph, data in archive(**kw):
        batch[graph] = data
        graphs += 1
        triples += len(data)
        if len(batch) >= 20:
            store.replace_graphs(batch)
            batch = {}
    if batch:
        store.replace_graphs(batch)
    return {"graphs": graphs, "triples": triples, "seconds": time.perf_counter() - started}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", required=True, help="directory (embedded) or SPARQL server URL")
    parser.add_argument("--countries", type=int, default=36)
    parser.add_argument("--years", type=int, default=20)
    args = parser.parse_args()
    store = open_store(args.store)
    result = build(store, countries=args.countries, years=args.years)
    print(f"{result['graphs']} graphs, {result['triples']:,} triples in {result['seconds']:.1f} s")
    store.close()


if __name__ == "__main__":
    main()
