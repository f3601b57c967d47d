"""Gap-engine benchmark on a full-scale synthetic archive (36 countries × 20 years).

    python bench/gap_engine.py                      # builds the archive in a temp dir
    python bench/gap_engine.py --store /tmp/archive # reuse one built by synthetic_archive.py
    python bench/gap_engine.py --countries 8 --years 5   # smaller

Prints, each beside the same work done naively with rdflib's in-memory SPARQL engine:
- full recomputation of every assessment (target ≤ 60 s);
- incremental recomputation after one report changes (target ≤ 1 s);
- the gap matrix of one year read from the materialised assessments (target ≤ 50 ms).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Dataset

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_archive import archive, build  # noqa: E402

from lawgraph.assess import affected_pairs, assess  # noqa: E402
from lawgraph.ingest import FileOutcome  # noqa: E402
from lawgraph.reference import load_reference  # noqa: E402
from lawgraph.rules import load_rules, scoped_query  # noqa: E402
from lawgraph.store import EmbeddedStore, open_store  # noqa: E402
from lawgraph.vocab import sparql_prefixes  # noqa: E402

MATRIX = (
    sparql_prefixes()
    + """
SELECT ?country ?provision ?status WHERE {
  ?a a lg:Assessment ; lg:reportingYear "%d"^^xsd:gYear ; lg:country ?country ;
     lg:provision ?provision ; lg:status ?status .
}"""
)


def timed(fn, repeat: int = 1) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def naive_dataset(store) -> Dataset:
    """The same data in rdflib's in-memory store (union default graph)."""
    dataset = Dataset(default_union=True)
    for s, p, o, g in store.quads():
        if "/graph/assessment/" not in str(g):
            dataset.graph(g).add((s, p, o))
    return dataset


def naive_rules(dataset: Dataset, scope=None) -> int:
    rows = 0
    for rule in load_rules().rules:
        rows += len(list(dataset.query(scoped_query(rule, scope))))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", help="an archive store built by synthetic_archive.py")
    parser.add_argument("--countries", type=int, default=36)
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument(
        "--naive-timeout",
        type=float,
        default=600.0,
        help="skip the naive full run if a scoped naive run predicts more",
    )
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory()
    if args.store:
        store = open_store(args.store)
        load_reference(store)
    else:
        store = EmbeddedStore(Path(tmp.name) / "archive")
        built = build(store, countries=args.countries, years=args.years)
        print(
            f"archive: {built['graphs']} graphs, {built['triples']:,} triples, "
            f"built in {built['seconds']:.1f} s"
        )
    print(f"store: {store.count():,} quads")

    full_s, summary = timed(lambda: assess(store))
    print(f"full recomputation: {summary.text().splitlines()[0]}")

    # incremental: one report changes (re-generated with another seed) and is written again
    graphs = dict(archive(countries=args.countries, years=args.years, seed=99))
    sample = sorted(g for g in graphs if "/graph/report/" in str(g))[len(graphs) // 3]
    code, year = str(sample).rsplit("/", 2)[-2:]
    store.replace_graph(sample, graphs[sample])
    outcome = FileOutcome(f"{code}-{year}", "replaced", sample, "country-report")
    incr_s, _ = timed(lambda: assess(store, scope=affected_pairs(store, [outcome])), repeat=3)
    latest = int(year)
    matrix_s, rows = timed(lambda: store.select(MATRIX % latest), repeat=5)

    dataset = naive_dataset(store)
    pairs = affected_pairs(store, [outcome])
    naive_incr_s, _ = timed(lambda: naive_rules(dataset, pairs))
    naive_matrix_data = Dataset(default_union=True)
    for s, p, o, g in store.quads():
        if "/graph/assessment/" in str(g):
            naive_matrix_data.graph(g).add((s, p, o))
    naive_matrix_s, naive_rows = timed(lambda: list(naive_matrix_data.query(MATRIX % latest)))
    predicted = naive_incr_s * args.countries * args.years / max(len(pairs), 1)
    if predicted <= args.naive_timeout:
        naive_full_s, _ = timed(lambda: naive_rules(dataset))
        naive_full = f"{naive_full_s:10.2f}"
        ratio_full = f"{naive_full_s / full_s:8.1f}x"
    else:
        naive_full = f">{args.naive_timeout:9.0f}"
        ratio_full = f">{args.naive_timeout / full_s:7.1f}x"
        print(f"(naive full run skipped: predicted {predicted:.0f} s from the scoped run)")

    print(f"\n{'step':44} {'lawgraph (s)':>12} {'naive rdflib (s)':>17} {'ratio':>9} target")
    print(
        f"{'full recomputation (all rules, all reports)':44} {full_s:12.2f} {naive_full:>17} {ratio_full:>9} <= 60 s"
    )
    print(
        f"{'incremental after one report changed':44} {incr_s:12.3f} {naive_incr_s:17.3f} "
        f"{naive_incr_s / incr_s:8.1f}x <= 1 s   ({len(pairs)} country-years)"
    )
    print(
        f"{'gap matrix of one year (materialised)':44} {matrix_s * 1000:11.1f}ms "
        f"{naive_matrix_s * 1000:15.1f}ms {naive_matrix_s / matrix_s:8.1f}x <= 50 ms "
        f"({len(rows):,} rows; naive {len(naive_rows):,})"
    )
    store.close()
    tmp.cleanup()


if __name__ == "__main__":
    main()
