"""Load and query a synthetic graph of about 1M triples: lawgraph's embedded store (Oxigraph)
against rdflib's in-memory store, in the same run.

    python bench/store_load.py                 # ~1M triples
    python bench/store_load.py --countries 8   # smaller, for a quick look

The graph has the shape of lawgraph's assessments (tech.md's test data): countries × years ×
provisions, each assessment with a status, confidence, evidence text and a reason node, written
as one named graph per country-year, as the gap engine writes them.
"""

from __future__ import annotations

import argparse
import io
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, XSD

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lawgraph.store import EmbeddedStore  # noqa: E402
from lawgraph.vocab import LG, LGD, sparql_prefixes  # noqa: E402

STATUSES = ["conform", "partial", "not-transposed", "incorrect", "unclear"]


def synthetic(countries: int, years: int, provisions: int, seed: int = 7):
    """Yield (graph, triples) per country-year."""
    rng = random.Random(seed)
    for c in range(countries):
        country = URIRef(f"http://publications.europa.eu/resource/authority/country/C{c:02d}")
        for y in range(2010, 2010 + years):
            graph = LGD[f"graph/assessment/C{c:02d}/{y}"]
            triples = []
            for p in range(provisions):
                a = LGD[f"assessment/C{c:02d}/{y}/32000L0043/art_{p}"]
                provision = LGD[f"provision/32000L0043/art_{p}"]
                reason = URIRef(f"{a}/reason/1")
                triples += [
                    (a, RDF.type, LG.Assessment),
                    (a, LG.country, country),
                    (a, LG.reportingYear, Literal(str(y), datatype=XSD.gYear)),
                    (a, LG.provision, provision),
                    (a, LG.status, LGD[f"status/{rng.choice(STATUSES)}"]),
                    (a, LG.confidence, Literal(f"{rng.random():.2f}", datatype=XSD.decimal)),
                    (a, LG.reason, reason),
                    (reason, RDF.type, LG.Reason),
                    (
                        reason,
                        LG.evidenceText,
                        Literal(f"Sentence {p} of the {y} report.", lang="en"),
                    ),
                    (reason, LG.rule, LGD["rule/LG-R01"]),
                    (reason, LG.confidence, Literal("0.90", datatype=XSD.decimal)),
                ]
            yield graph, triples


GAP = (
    sparql_prefixes()
    + """
SELECT ?country ?provision ?status (COUNT(?a) AS ?n) WHERE {
  ?a a lg:Assessment ; lg:country ?country ; lg:provision ?provision ; lg:status ?status .
} GROUP BY ?country ?provision ?status"""
)

GAP_YEAR = (
    sparql_prefixes()
    + """
SELECT ?country ?provision ?status WHERE {
  ?a a lg:Assessment ; lg:country ?country ; lg:provision ?provision ; lg:status ?status ;
     lg:reportingYear "2020"^^xsd:gYear .
  FILTER (?status != <https://w3id.org/lawgraph/id/status/conform>)
} ORDER BY ?country ?provision"""
)

LOOKUP = (
    sparql_prefixes()
    + """
SELECT ?year ?status ?text WHERE {
  ?a lg:country <http://publications.europa.eu/resource/authority/country/C03> ;
     lg:provision <https://w3id.org/lawgraph/id/provision/32000L0043/art_7> ;
     lg:reportingYear ?year ; lg:status ?status ; lg:reason/lg:evidenceText ?text .
} ORDER BY ?year"""
)

QUERIES = {
    "gap matrix (all years)": GAP,
    "gaps of one year": GAP_YEAR,
    "one country+provision": LOOKUP,
}


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def run(args: argparse.Namespace) -> None:
    data = list(synthetic(args.countries, args.years, args.provisions))
    total = sum(len(t) for _, t in data)
    print(
        f"synthetic graph: {total:,} triples in {len(data)} named graphs "
        f"({args.countries} countries x {args.years} years x {args.provisions} provisions)"
    )

    with tempfile.TemporaryDirectory() as tmp:
        store = EmbeddedStore(Path(tmp) / "store")
        load_ox, _ = timed(lambda: [store.replace_graph(g, t) for g, t in data])
        dump = io.BytesIO()
        store.dump(dump)
        bulk = EmbeddedStore(Path(tmp) / "bulk")
        load_bulk, _ = timed(lambda: bulk.restore(dump.getvalue()))
        bulk.close()
        dataset = Dataset(default_union=True)
        load_rdflib, _ = timed(lambda: [dataset.graph(g).__iadd__(t) for g, t in data])
        rows = [
            ("load, one transaction per graph", load_ox, load_rdflib, ""),
            ("load, bulk (restore of an N-Quads dump)", load_bulk, load_rdflib, ""),
        ]
        for name, query in QUERIES.items():
            t_ox, res_ox = timed(lambda q=query: store.select(q))
            t_rd, res_rd = timed(lambda q=query: list(dataset.query(q)))
            check = (
                "same rows"
                if len(res_ox) == len(res_rd)
                else f"ROWS DIFFER {len(res_ox)}/{len(res_rd)}"
            )
            rows.append((f"query: {name} ({len(res_ox):,} rows)", t_ox, t_rd, check))
        store.close()
    print(f"{'step':45} {'embedded (s)':>13} {'rdflib (s)':>11} {'rdflib/embedded':>16}")
    for name, a, b, note in rows:
        print(f"{name:45} {a:13.3f} {b:11.3f} {b / a if a else float('nan'):15.1f}x  {note}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process (both stores): {peak:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--countries", type=int, default=40)
    parser.add_argument("--years", type=int, default=15)
    parser.add_argument("--provisions", type=int, default=150)
    run(parser.parse_args())


if __name__ == "__main__":
    main()
