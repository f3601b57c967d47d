"""Latency of the web app under load: the dashboard and a country page, 16 concurrent clients,
the embedded store and an Oxigraph server back-end side by side.

    python bench/web_latency.py                          # synthetic store, 12 countries × 6 years
    python bench/web_latency.py --countries 36 --years 20   # full network scale
    python bench/web_latency.py --store var/store        # an existing embedded store
    python bench/web_latency.py --store var/store --backends embedded   # one back-end only

The app runs as in production, under gunicorn (``-w 2 -k gthread --threads 4``) in its own
process on 127.0.0.1: once on the embedded store (read-only), once on an Oxigraph server that
serves a copy of the same store. Clients are threads using ``http.client`` with keep-alive; each
run is bounded by a request count and a time limit. The first request of each page (cache
cold) is reported apart; p50/p95 are over the rest. Beside the wall-clock latencies the report
gives the CPU time the app's processes (and the Oxigraph server) spent per request, read from
``/proc``: on a shared machine latencies move with the load of others, CPU time much less.

The synthetic store comes from ``bench/synthetic_archive.py`` (the gap engine's full-scale
generator) plus ``lawgraph.assess``; if that file is missing a small generator here stands in.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from lawgraph.store import open_store  # noqa: E402
from lawgraph.store.server import OxigraphServer, free_port  # noqa: E402

# --- the store ----------------------------------------------------------------------------------

def _fallback_archive(store, countries: int, years: int) -> None:
    """A small stand-in for bench/synthetic_archive.py: findings per country-year."""
    import random

    from rdflib import Literal
    from rdflib.namespace import RDF, XSD

    from lawgraph.refdata import reference_index
    from lawgraph.vocab import LG, report_graph, report_iri, status_iri

    rng = random.Random(5)
    ref = reference_index()
    provisions = [p for p in ref.provisions.values() if p.celex in ("32000L0043", "32000L0078")]
    chosen = sorted(ref.countries.values(), key=lambda c: c.alpha3)[:countries]
    for country in chosen:
        for year in range(2024 - years + 1, 2025):
            report = report_iri(country.eu_code, year)
            triples = [(report, RDF.type, LG.CountryReport), (report, LG.country, country.iri),
                       (report, LG.reportingYear, Literal(str(year), datatype=XSD.gYear))]
            for n, provision in enumerate(rng.sample(provisions, 40), start=1):
                finding = report + f"/finding/{n}"
                triples += [
                    (finding, RDF.type, LG.Finding), (finding, LG.country, country.iri),
                    (finding, LG.provision, provision.iri), (finding, LG.method, LG.ExpertEntered),
                    (finding, LG.status, status_iri(rng.choice(["conform", "partial", "incorrect"]))),
                    (finding, LG.reportingYear, Literal(str(year), datatype=XSD.gYear)),
                    (finding, LG.evidenceText, Literal("Synthetic finding.", lang="en")),
                    (finding, LG.confidence, Literal("1.00", datatype=XSD.decimal)),
                ]
            store.replace_graph(report_graph(country.eu_code, year), triples)


def build_store(path: Path, countries: int, years: int) -> None:
    import lawgraph

    started = time.perf_counter()
    store = open_store(path)
    try:
        try:
            sys.path.insert(0, str(ROOT / "bench"))
            import synthetic_archive

            result = synthetic_archive.build(store, countries=countries, years=years,
                                             first_year=2025 - years)
            print(f"synthetic archive: {result['graphs']} graphs, {result['triples']:,} triples "
                  f"in {result['seconds']:.1f} s")
        except ImportError:
            lawgraph.init(store)
            _fallback_archive(store, countries, years)
            print("synthetic archive: bench/synthetic_archive.py missing, used the small fallback")
        summary = lawgraph.assess(store)
        print(f"assessed: {summary.assessments:,} assessments in {summary.seconds:.1f} s")
    finally:
        store.close()
    print(f"store built in {time.perf_counter() - started:.1f} s at {path}")


# --- serving ------------------------------------------------------------------------------------

class App:
    """The web app under gunicorn (or werkzeug if gunicorn is missing) in a child process."""

    def __init__(self, store: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "LAWGRAPH_STORE": store, "PYTHONPATH": str(ROOT)}
        gunicorn = shutil.which("gunicorn") or str(Path(sys.executable).with_name("gunicorn"))
        if Path(gunicorn).exists():
            command = [gunicorn, "-w", "2", "-k", "gthread", "--threads", "4", "-b",
                       f"127.0.0.1:{self.port}", "--log-level", "warning", "webapp:create_app()"]
        else:
            command = [sys.executable, "-c", "from webapp import create_app; create_app().run("
                       f"host='127.0.0.1', port={self.port}, threaded=True)"]
        self.process = subprocess.Popen(command, env=env, cwd=ROOT)

    def __enter__(self) -> App:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                requests.get(f"{self.url}/static/style.css", timeout=1)
                return self
            except requests.RequestException:
                time.sleep(0.2)
        raise RuntimeError("the app did not start")

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def cpu_seconds(pid: int | None) -> float:
    """User + system CPU time of a process and its children that are alive (Linux ``/proc``;
    0 elsewhere)."""
    if pid is None or not Path("/proc").exists():
        return 0.0
    tick = os.sysconf("SC_CLK_TCK")
    total, parents = 0.0, {pid}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(stat.parent.name) in parents or int(fields[1]) in parents:  # itself, or a child
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


# --- load ---------------------------------------------------------------------------------------

def _get(connection: http.client.HTTPConnection, path: str) -> float:
    started = time.perf_counter()
    connection.request("GET", path, headers={"Accept": "text/html"})
    response = connection.getresponse()
    response.read()
    if response.status != 200:
        raise RuntimeError(f"{path}: HTTP {response.status}")
    return time.perf_counter() - started


def load(url: str, paths: list[str], clients: int, requests_total: int, seconds: float) -> dict:
    """``requests_total`` GETs by ``clients`` threads, cycling through ``paths``, stopped after
    ``seconds``."""
    host, port = url.removeprefix("http://").split(":")
    latencies: list[float] = []
    lock = threading.Lock()
    remaining = [requests_total]
    deadline = time.monotonic() + seconds

    def client() -> None:
        connection = http.client.HTTPConnection(host, int(port), timeout=120)
        try:
            while time.monotonic() < deadline:
                with lock:
                    if remaining[0] <= 0:
                        return
                    remaining[0] -= 1
                    path = paths[remaining[0] % len(paths)]
                took = _get(connection, path)
                with lock:
                    latencies.append(took)
        finally:
            connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    ordered = sorted(latencies)
    return {
        "n": len(ordered), "rps": len(ordered) / elapsed if elapsed else 0.0,
        "p50": statistics.median(ordered) * 1000 if ordered else float("nan"),
        "p95": ordered[int(0.95 * (len(ordered) - 1))] * 1000 if ordered else float("nan"),
    }


def measure(url: str, pages: dict[str, list[str]], clients: int, count: int, seconds: float,
            pids: tuple[int | None, ...] = ()) -> dict:
    """Per workload: the first request (cold caches), a warm-up over every path that reaches
    every gunicorn worker (for single-page workloads: the page is then cached), then the load;
    with ``pids`` (the app's, the server's), the CPU time they spent per request under load."""
    out = {}
    for name, paths in pages.items():
        connection = http.client.HTTPConnection(*url.removeprefix("http://").split(":"), timeout=300)
        cold = _get(connection, paths[0]) * 1000
        connection.close()
        if len(paths) == 1:
            load(url, paths, clients, clients * 2, seconds)  # warm-up, not reported
        before = [cpu_seconds(pid) for pid in pids]
        result = load(url, paths, clients, count, seconds)
        spent = [cpu_seconds(pid) - b for pid, b in zip(pids, before, strict=True)]
        n = max(result["n"], 1)
        result["cpu_app"] = spent[0] / n * 1000 if spent else float("nan")
        result["cpu_server"] = spent[1] / n * 1000 if len(spent) > 1 else 0.0
        out[name] = {"cold": cold, **result}
    return out


def _reports(store_path: str) -> list[tuple[str, int]]:
    """(EU code, year) of every report, the country with most reports first."""
    from lawgraph.refdata import reference_index
    from lawgraph.vocab import sparql_prefixes

    store = open_store(store_path, read_only=True)
    try:
        rows = store.select(sparql_prefixes() + "SELECT ?c ?y WHERE { ?r a lg:CountryReport ; "
                            "lg:country ?c ; lg:reportingYear ?y }")
    finally:
        store.close()
    codes = {str(c.iri): c.eu_code for c in reference_index().countries.values()}
    found = [(codes[str(r["c"])], int(str(r["y"])[:4])) for r in rows if str(r["c"]) in codes]
    counts = {c: sum(1 for x, _ in found if x == c) for c, _ in found}
    return sorted(found, key=lambda cy: (-counts[cy[0]], cy[0], -cy[1]))


def workloads(store: str) -> dict[str, list[str]]:
    reports = _reports(store) or [("DE", 2024)]
    code = reports[0][0]
    years = sorted({y for _, y in reports})
    filters = [f"/?year={y}&directive={d}&level={lv}" for y in years
               for d in ("2000/43", "2000/78", "all") for lv in ("article", "paragraph")]
    return {
        "dashboard, cached": ["/"],
        "dashboard, varied filters": filters,
        f"country {code}, cached": [f"/country/{code}"],
        "country pages, each year": [f"/country/{c}?year={y}" for c, y in reports],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", help="an existing embedded store directory (else synthetic)")
    parser.add_argument("--countries", type=int, default=12)
    parser.add_argument("--years", type=int, default=6)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=320, help="per page and back-end")
    parser.add_argument("--seconds", type=float, default=60, help="time limit per page and back-end")
    parser.add_argument("--backends", default="embedded,server",
                        help="which back-ends to measure (comma-separated)")
    args = parser.parse_args()
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]

    work = Path(tempfile.mkdtemp(prefix="lawgraph-bench-"))
    try:
        store = Path(args.store) if args.store else work / "store"
        if not args.store:
            build_store(store, args.countries, args.years)
        pages = workloads(str(store))
        results = {}
        if "embedded" in backends:
            with App(str(store)) as app:
                results["embedded"] = measure(app.url, pages, args.clients, args.requests,
                                              args.seconds, (app.process.pid,))
        if "server" in backends:
            shutil.copytree(store, work / "server-db", ignore=shutil.ignore_patterns("LOCK"))
            with OxigraphServer(work / "server-db") as server, App(server.url) as app:
                results["server"] = measure(app.url, pages, args.clients, args.requests,
                                            args.seconds, (app.process.pid, server.process.pid))
        report(results, pages, args.clients)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(results: dict, pages: dict[str, list[str]], clients: int) -> None:
    print(f"\n{clients} concurrent clients; gunicorn -w 2 -k gthread --threads 4; times in ms")
    print("'cached': one page, served from the app's per-generation cache after the first request;")
    print("'varied'/'each year': many distinct pages in turn, so most requests query the store.")
    print("cpu/req: CPU time per request of the app's processes (+ the Oxigraph server's).")
    head = (f"{'workload':28} {'back-end':9} {'first':>8} {'p50':>8} {'p95':>8} {'req/s':>7} "
            f"{'n':>5} {'cpu/req':>14}")
    print(head)
    print("-" * len(head))
    for name in pages:
        for backend in results:
            r = results[backend][name]
            cpu = f"{r['cpu_app']:.1f}" + (f" + {r['cpu_server']:.1f}" if backend == "server" else "")
            print(f"{name:28} {backend:9} {r['cold']:8.1f} {r['p50']:8.1f} {r['p95']:8.1f} "
                  f"{r['rps']:7.1f} {r['n']:5d} {cpu:>14}")
        if len(results) < 2:
            continue
        e, s = results["embedded"][name], results["server"][name]
        print(f"{'':28} {'ratio':9} {s['cold'] / e['cold']:8.2f} {s['p50'] / e['p50']:8.2f} "
              f"{s['p95'] / e['p95']:8.2f}   (server / embedded)")


if __name__ == "__main__":
    main()
