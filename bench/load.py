"""Load test: mixed traffic against the full-scale synthetic archive, embedded store vs server.

    python bench/load.py                        # build the archive (36 countries × 20 years), 3 min each
    python bench/load.py --minutes 1 --store /tmp/archive   # reuse an archive built before
    python bench/load.py --keep /tmp/archive    # build it there and keep it

Traffic, from ``--clients`` threads (default 16) on 127.0.0.1, each request drawn at random:

* officials (70%): the dashboard (cached, and with varied filters), country pages (latest year
  and other years);
* SPARQL users (20%): ``GET /sparql`` with one of a few typical queries (JSON results);
* experts saving drafts (10%): saving a draft needs an expert account, a login and a CSRF
  token, which this bench does not set up yet, so they are simulated by ``POST /sparql`` form
  submissions (a write-shaped request that any visitor may send);
* one ingest running in parallel all the time: ``lawgraph ingest --force`` of two real country
  reports, again and again (it writes while the app reads; the embedded app reopens its
  read-only handles when the data changes).

The app runs as in production under gunicorn (``-w 2 -k gthread --threads 4``): (a) on the
embedded store (read-only handles), (b) on an Oxigraph server holding the same data, moved
there with ``lawgraph.ops.migrate``. Request loops are bounded by time and count. Printed:
throughput, p50/p95/p99 latency and errors per back-end and per kind of request, the ratio
between the back-ends, the time the operations take at this scale (migrate, backup, verify,
health), and the date and machine.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from lawgraph import ops  # noqa: E402
from lawgraph.ops.faults import lawgraph_command  # noqa: E402
from lawgraph.store import open_store  # noqa: E402
from lawgraph.store.server import OxigraphServer, free_port  # noqa: E402
from lawgraph.vocab import sparql_prefixes  # noqa: E402

QUERIES = [
    sparql_prefixes() + "SELECT ?status (COUNT(?a) AS ?n) WHERE { ?a a lg:Assessment ; "
    'lg:country ?c ; lg:reportingYear "2024"^^xsd:gYear ; lg:status ?status . '
    '?c lg:euCode "{code}" } GROUP BY ?status',
    sparql_prefixes() + "SELECT ?year ?status WHERE { ?a a lg:Assessment ; lg:country ?c ; "
    'lg:provision ?p ; lg:reportingYear ?year ; lg:status ?status . ?c lg:euCode "{code}" . '
    '?p lg:path "8" } ORDER BY ?year LIMIT 100',
    sparql_prefixes() + "SELECT ?r ?year WHERE { ?r a lg:CountryReport ; lg:country ?c ; "
    'lg:reportingYear ?year . ?c lg:euCode "{code}" } ORDER BY DESC(?year)',
    "ASK { ?s ?p ?o }",
]
KINDS = [
    ("dashboard", 0.25),
    ("dashboard-filtered", 0.15),
    ("country", 0.2),
    ("country-year", 0.1),
    ("sparql", 0.2),
    ("draft", 0.1),
]


# --- building -------------------------------------------------------------------------------


def build_archive(path: Path, countries: int, years: int) -> None:
    import synthetic_archive

    import lawgraph

    started = time.perf_counter()
    with open_store(path) as store:
        result = synthetic_archive.build(
            store, countries=countries, years=years, first_year=2025 - years
        )
        print(
            f"synthetic archive: {result['graphs']} graphs, {result['triples']:,} triples in "
            f"{result['seconds']:.0f} s",
            flush=True,
        )
        summary = lawgraph.assess(store)
        print(
            f"assessed: {summary.assessments:,} assessments in {summary.seconds:.0f} s", flush=True
        )
    print(f"built in {time.perf_counter() - started:.0f} s", flush=True)


def countries_and_years(store: str) -> tuple[list[str], list[int]]:
    with open_store(store, read_only=True) as opened:
        rows = opened.select(
            sparql_prefixes() + "SELECT DISTINCT ?code ?y WHERE { ?r a "
            "lg:CountryReport ; lg:country ?c ; lg:reportingYear ?y . "
            "?c lg:euCode ?code }"
        )
    codes = sorted({str(r["code"]) for r in rows})
    years = sorted({int(str(r["y"])[:4]) for r in rows})
    return codes, years


# --- serving --------------------------------------------------------------------------------


class App:
    """gunicorn -w 2 -k gthread --threads 4 on 127.0.0.1, serving webapp:create_app()."""

    def __init__(self, store: str, home: Path) -> None:
        self.port = free_port()
        self.url = f"127.0.0.1:{self.port}"
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [
            str(gunicorn) if gunicorn.exists() else shutil.which("gunicorn") or "gunicorn",
            "-w",
            "2",
            "-k",
            "gthread",
            "--threads",
            "4",
            "-b",
            self.url,
            "--log-level",
            "warning",
            "--timeout",
            "120",
            "webapp:create_app()",
        ]
        env = {**os.environ, "LAWGRAPH_STORE": store, "PYTHONPATH": str(ROOT)}
        home.mkdir(parents=True, exist_ok=True)  # the app keeps its var/ files there
        self.process = subprocess.Popen(command, env=env, cwd=home)

    def __enter__(self) -> App:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            try:
                connection = http.client.HTTPConnection(*self.url.split(":"), timeout=60)
                connection.request("GET", "/")
                if connection.getresponse().status == 200:
                    return self
            except OSError:
                time.sleep(0.5)
        raise RuntimeError("the app did not start")

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)


class IngestLoop(threading.Thread):
    """``lawgraph ingest --force`` of two real reports, again and again, until stopped."""

    def __init__(self, store: str) -> None:
        super().__init__(daemon=True)
        self.store = store
        self.stop = threading.Event()
        self.runs: list[float] = []
        self.failures: list[str] = []

    def run(self) -> None:
        files = [str(ROOT / "country_reports" / n) for n in ("de-2024.md", "at-2024.md")]
        while not self.stop.is_set():
            started = time.monotonic()
            done = subprocess.run(
                [
                    *lawgraph_command(),
                    "--store",
                    self.store,
                    "ingest",
                    "--force",
                    "--quiet",
                    *files,
                ],
                capture_output=True,
                text=True,
                timeout=600,
                check=False,
            )
            if done.returncode == 0:
                self.runs.append(time.monotonic() - started)
            else:
                self.failures.append((done.stdout + done.stderr).strip().splitlines()[-1:][0])


# --- traffic --------------------------------------------------------------------------------


def _request(kind: str, rng: random.Random, codes: list[str], years: list[int]):
    code = rng.choice(codes)
    if kind == "dashboard":
        return "GET", "/", None, {"Accept": "text/html"}
    if kind == "dashboard-filtered":
        query = urlencode(
            {"year": rng.choice(years), "directive": rng.choice(["2000/43", "2000/78"])}
        )
        return "GET", f"/?{query}", None, {"Accept": "text/html"}
    if kind == "country":
        return "GET", f"/country/{code}", None, {"Accept": "text/html"}
    if kind == "country-year":
        return "GET", f"/country/{code}?year={rng.choice(years)}", None, {"Accept": "text/html"}
    sparql = rng.choice(QUERIES).replace("{code}", code)
    accept = {"Accept": "application/sparql-results+json"}
    if kind == "sparql":
        return "GET", f"/sparql?query={quote(sparql)}", None, accept
    body = urlencode({"query": sparql}).encode()
    return "POST", "/sparql", body, {**accept, "Content-Type": "application/x-www-form-urlencoded"}


def traffic(
    url: str,
    seconds: float,
    clients: int,
    codes: list[str],
    years: list[int],
    seed: int,
    max_requests: int,
) -> dict:
    host, port = url.split(":")
    results: list[tuple[str, float, int]] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    count = [0]

    def client(number: int) -> None:
        rng = random.Random(f"{seed}-{number}")
        connection = http.client.HTTPConnection(host, int(port), timeout=120)
        try:
            while time.monotonic() < deadline:
                with lock:
                    if count[0] >= max_requests:
                        return
                    count[0] += 1
                kind = rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
                method, path, body, headers = _request(kind, rng, codes, years)
                started = time.perf_counter()
                try:
                    connection.request(method, path, body=body, headers=headers)
                    response = connection.getresponse()
                    response.read()
                    status = response.status
                except (OSError, http.client.HTTPException):
                    status = 0
                    connection.close()
                    connection = http.client.HTTPConnection(host, int(port), timeout=120)
                with lock:
                    results.append((kind, time.perf_counter() - started, status))
        finally:
            connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"elapsed": time.perf_counter() - started, "results": results}


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else float("nan")


def summarise(run: dict) -> dict:
    results, elapsed = run["results"], run["elapsed"]

    def stats(rows):
        latencies = [t for _, t, _ in rows]
        return {
            "n": len(rows),
            "rps": len(rows) / elapsed,
            "p50": _percentile(latencies, 0.5),
            "p95": _percentile(latencies, 0.95),
            "p99": _percentile(latencies, 0.99),
            "errors": sum(1 for _, _, s in rows if not 200 <= s < 400),
        }

    out = {"all": stats(results)}
    for kind, _ in KINDS:
        out[kind] = stats([r for r in results if r[0] == kind])
    out["statuses"] = sorted({s for _, _, s in results})
    return out


# --- main -----------------------------------------------------------------------------------


def machine() -> str:
    memory = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return (
        f"{time.strftime('%Y-%m-%d %H:%M %Z')}; {platform.node()}: {os.cpu_count()} CPUs "
        f"(nproc), {memory} RAM, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def timed(label: str, call):
    started = time.perf_counter()
    result = call()
    print(f"  {label}: {time.perf_counter() - started:.1f} s", flush=True)
    return result


def run_backend(name: str, store: str, args, codes, years) -> dict:
    with (
        tempfile.TemporaryDirectory(prefix=f"lawgraph-load-{name}-") as home,
        App(store, Path(home)) as app,
    ):
        ingest = IngestLoop(store)
        if args.ingest:
            ingest.start()
        run = traffic(
            app.url, args.minutes * 60, args.clients, codes, years, args.seed, args.max_requests
        )
        ingest.stop.set()
        if args.ingest:
            ingest.join(timeout=600)
    summary = summarise(run)
    summary["loadavg"] = [round(x, 1) for x in os.getloadavg()]
    summary["ingests"] = {
        "runs": len(ingest.runs),
        "failures": ingest.failures[:3],
        "mean_s": sum(ingest.runs) / len(ingest.runs) if ingest.runs else None,
    }
    print(f"({name} done: {summary['all']['n']} requests)", flush=True)
    return summary


def report(results: dict, args) -> None:
    print(f"\n{machine()}")
    beside = (
        "one `lawgraph ingest --force` (2 reports) running in a loop beside them"
        if args.ingest
        else "no ingest running"
    )
    print(
        f"{args.clients} clients for {args.minutes:g} min per back-end; gunicorn -w 2 -k gthread "
        f"--threads 4; {beside}"
    )
    print(
        "experts' drafts: saving one needs an expert account, a login and a CSRF token, which "
        "this bench does not set up yet; simulated by POST /sparql forms"
    )
    head = f"{'back-end':9} {'requests':14} {'n':>6} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>6}"
    print(head)
    for backend, summary in results.items():
        for kind in ["all"] + [k for k, _ in KINDS]:
            s = summary[kind]
            print(
                f"{backend:9} {kind:14} {s['n']:6d} {s['rps']:7.1f} {s['p50']:8.0f} "
                f"{s['p95']:8.0f} {s['p99']:8.0f} {s['errors']:6d}"
            )
        ingests = summary["ingests"]
        mean = f"{ingests['mean_s']:.1f} s each" if ingests["mean_s"] else "none finished"
        print(
            f"{backend:9} load average (1, 5, 15 min) at the end: {summary['loadavg']} "
            f"on {os.cpu_count()} CPUs (other jobs on the machine count too)"
        )
        print(
            f"{backend:9} ingests in parallel: {ingests['runs']} ({mean}); failures: "
            f"{ingests['failures'] or 'none'}; HTTP statuses seen: {summary['statuses']}"
        )
    if set(results) == {"embedded", "server"}:
        e, s = results["embedded"]["all"], results["server"]["all"]
        print(
            f"server / embedded: throughput {s['rps'] / e['rps']:.2f}x, p50 "
            f"{s['p50'] / e['p50']:.2f}x, p95 {s['p95'] / e['p95']:.2f}x, p99 "
            f"{s['p99'] / e['p99']:.2f}x"
        )


def operations(source: Path, server: OxigraphServer, work: Path) -> None:
    """How long the operations take at this scale."""
    print("operations at this scale:", flush=True)
    moved = timed(
        "migrate embedded → server (GSP POST, verified)",
        lambda: ops.migrate(source, server.url),
    )
    print(f"    {moved.info.quads:,} quads in {len(moved.info.graphs):,} graphs")
    timed("backup of the server", lambda: ops.backup(server.url, work / "backup"))
    size = (work / "backup" / "dataset.nq.gz").stat().st_size
    print(f"    dataset.nq.gz: {size / 1e6:.0f} MB")
    timed("verify-backup", lambda: ops.verify_backup(work / "backup"))
    timed("backup of the embedded store", lambda: ops.backup(source, work / "backup2"))
    health = timed("health (server)", lambda: ops.health_of(server.url))
    print(f"    store answered in {health['store']['seconds'] * 1000:.1f} ms; ok={health['ok']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=3.0, help="traffic per back-end")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--max-requests", type=int, default=200_000, help="per back-end")
    parser.add_argument("--countries", type=int, default=36)
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--store", help="an archive built before (embedded directory)")
    parser.add_argument("--keep", help="build the archive here and keep it")
    parser.add_argument("--backends", default="embedded,server")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--no-ingest", dest="ingest", action="store_false", help="no ingest beside the traffic"
    )
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument(
        "--skip-ops",
        action="store_true",
        help="copy the store's files for the server instead of timing migrate/backup/health",
    )
    args = parser.parse_args()
    print(machine(), flush=True)
    work = Path(tempfile.mkdtemp(prefix="lawgraph-load-"))
    try:
        source = Path(args.store or args.keep or work / "archive")
        if not args.store:
            build_archive(source, args.countries, args.years)
        store = work / "embedded"  # the ingest loop changes it: work on a copy
        shutil.copytree(source, store, ignore=shutil.ignore_patterns("LOCK"))
        codes, years = countries_and_years(str(store))
        print(f"{len(codes)} countries, years {years[0]}–{years[-1]}", flush=True)
        results = {}
        backends = args.backends.split(",")
        if "embedded" in backends:
            results["embedded"] = run_backend("embedded", str(store), args, codes, years)
        if "server" in backends:
            if args.skip_ops:  # the same RocksDB files serve as the server's database
                shutil.copytree(source, work / "server-db", ignore=shutil.ignore_patterns("LOCK"))
            with OxigraphServer(work / "server-db") as server:
                if not args.skip_ops:
                    operations(source, server, work)
                results["server"] = run_backend("server", server.url, args, codes, years)
        report(results, args)
        if args.json:
            Path(args.json).write_text(json.dumps({"machine": machine(), **results}, indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
