"""Gap-engine benchmark on a full-scale synthetic archive (36 countries × 20 years).

    python bench/gap_engine.py                      # builds the archive in a temp dir
    python bench/gap_engine.py --store /tmp/archive # reuse one built by synthetic_archive.py
    python bench/gap_engine.py --countries 8 --years 5   # smaller

Prints, each beside the same work done naively with rdflib's in-memory SPARQL engine:
- full recomputation of every assessment (target ≤ 60 s);
- incremental recomputation after one report changes (target ≤ 1 s);
- the gap matrix of one year read from the materialised assessments (target ≤ 50 ms): from the
  per country-year status tables, and, for comparison, by matching the assessment triples.
"""

from __future__ import annotations

import argparse
import os
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
from lawgraph.gaps import status_table  # noqa: E402
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


def measure(store, countries: int, years: int, naive: bool, naive_timeout: float) -> dict:
    """Full, incremental and matrix timings on one store; naive rdflib figures if asked."""
    out: dict = {}
    cpu = time.process_time()
    out["full"], summary = timed(lambda: assess(store, rewrite=True))
    out["full_cpu"] = time.process_time() - cpu
    # the same again: every conclusion unchanged, so no graph is rewritten
    out["full_unchanged"], _ = timed(lambda: assess(store))
    out["summary"] = summary.text().splitlines()[0]
    graphs = dict(archive(countries=countries, years=years, seed=99))
    sample = sorted(g for g in graphs if "/graph/report/" in str(g))[len(graphs) // 3]
    code, year = str(sample).rsplit("/", 2)[-2:]
    # the report alternates between two versions (two seeds of the generator), so that every
    # timed run has changes to write, whatever an earlier run left in the store
    versions = [graphs[sample], dict(archive(countries=countries, years=years, seed=98))[sample]]
    outcome = FileOutcome(f"{code}-{year}", "replaced", sample, "country-report")
    times, written = [], []
    for run in range(3):
        store.replace_graph(sample, versions[run % 2])
        start = time.perf_counter()
        changed = assess(store, scope=affected_pairs(store, [outcome]))
        times.append(time.perf_counter() - start)
        written.append(changed.pairs - changed.unchanged)
    pairs = affected_pairs(store, [outcome])
    out["pairs"] = len(pairs)
    out["incremental"] = statistics.median(times)
    out["written"] = min(written)
    out["matrix"], rows = timed(lambda: status_table(store, int(year)), repeat=5)
    out["rows"] = len(rows or ())
    out["matrix_pattern"], _ = timed(lambda: store.select(MATRIX % int(year)), repeat=5)
    if not naive:
        return out
    dataset = naive_dataset(store)
    out["naive_incremental"], _ = timed(lambda: naive_rules(dataset, pairs))
    assessed = Dataset(default_union=True)
    for s, p, o, g in store.quads():
        if "/graph/assessment/" in str(g):
            assessed.graph(g).add((s, p, o))
    out["naive_matrix"], _ = timed(lambda: list(assessed.query(MATRIX % int(year))))
    predicted = out["naive_incremental"] * countries * years / max(len(pairs), 1)
    if predicted <= naive_timeout:
        out["naive_full"], _ = timed(lambda: naive_rules(dataset))
    else:
        out["naive_full_predicted"] = predicted
    return out


def _build(path: Path, countries: int, years: int):
    store = EmbeddedStore(path)
    built = build(store, countries=countries, years=years)
    print(
        f"archive {countries} countries x {years} years: {built['graphs']} graphs, "
        f"{built['triples']:,} triples, built in {built['seconds']:.1f} s"
    )
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", help="a full-scale archive store built by synthetic_archive.py")
    parser.add_argument("--countries", type=int, default=36)
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument(
        "--naive-countries",
        type=int,
        default=4,
        help="scale at which the naive rdflib comparison runs (rdflib needs "
        "hours at full scale); lawgraph is measured at that scale too",
    )
    parser.add_argument("--naive-timeout", type=float, default=300.0)
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    small = _build(Path(tmp.name) / "small", args.naive_countries, args.years)
    compared = measure(small, args.naive_countries, args.years, True, args.naive_timeout)
    small.close()
    if args.store:
        store = open_store(args.store)
        load_reference(store)
    else:
        store = _build(Path(tmp.name) / "full", args.countries, args.years)
    full = measure(store, args.countries, args.years, False, 0)
    store.close()
    tmp.cleanup()

    print(f"\nfull scale ({args.countries} x {args.years}): {full['summary']}")
    print(f"{'step':42} {'full scale':>11} {'target':>9}")
    print(
        f"{'full recomputation':42} {full['full']:10.1f}s {'<= 60 s':>9}"
        f"  (CPU {full['full_cpu']:.1f} s; load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores)"
    )
    print(
        f"{'  again, no conclusion changed':42} {full['full_unchanged']:10.1f}s {'<= 60 s':>9}"
    )
    print(
        f"{'incremental after one report changed':42} {full['incremental']:10.3f}s {'<= 1 s':>9}"
        f"  ({full['pairs']} country-years, {full['written']} rewritten)"
    )
    print(
        f"{'gap matrix of one year (status tables)':42} {full['matrix'] * 1000:9.1f}ms "
        f"{'<= 50 ms':>9}  ({full['rows']:,} cells)"
    )
    print(
        f"{'  the same from the assessment triples':42} {full['matrix_pattern'] * 1000:9.1f}ms"
    )
    c = compared
    naive_full = (
        f"{c['naive_full']:9.1f}s"
        if "naive_full" in c
        else f"~{c['naive_full_predicted']:8.0f}s (predicted)"
    )
    ratio_full = (c.get("naive_full") or c["naive_full_predicted"]) / c["full"]
    print(
        f"\nsame work, lawgraph vs naive rdflib in-memory SPARQL, at "
        f"{args.naive_countries} countries x {args.years} years:"
    )
    print(f"{'step':42} {'lawgraph':>10} {'naive':>22} {'ratio':>8}")
    print(f"{'full recomputation':42} {c['full']:9.2f}s {naive_full:>22} {ratio_full:7.1f}x")
    print(
        f"{'incremental after one report changed':42} {c['incremental']:9.3f}s "
        f"{c['naive_incremental']:21.3f}s {c['naive_incremental'] / c['incremental']:7.1f}x"
    )
    print(
        f"{'gap matrix of one year':42} {c['matrix'] * 1000:8.1f}ms "
        f"{c['naive_matrix'] * 1000:20.1f}ms {c['naive_matrix'] / c['matrix']:7.1f}x"
    )


if __name__ == "__main__":
    main()
