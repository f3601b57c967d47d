"""A fault-injection harness: real processes killed at random points, then the store checked.

Used by ``tests/test_faults.py`` (a few iterations) and ``bench/faults.py`` (many). Everything
runs on 127.0.0.1 in a scratch directory; only processes the harness started are killed, by
their own id.

The data: two country reports (DE 2024 and AT 2024) in an *old* and a *new* version (the new
one changes an expert's assessment in each). A *base* store holds the reference data and the
old versions with their assessments. Expected content hashes per named graph are computed from
a store built cleanly with the old versions and one built with the new versions; volatile
triples (``prov:generatedAtTime``, ``prov:endedAtTime``) are left out of the hashes.

After a fault the invariants checked (:meth:`Scenario.check`) are:

* every source graph is wholly old or wholly new (its hash is one of the two expected);
* the reference graphs are unchanged;
* every ``prov:used`` of an assessment activity names a graph that exists;
* no graph appears that neither version has.

A *pending* marker graph (``…/graph/pending/…``, written with each source graph and dropped
once its assessments are recomputed, see :mod:`lawgraph.ingest`) may remain after a kill; it
must name a source graph that exists.

Then a re-run of the ingest must complete, leave every source graph new and no marker behind
(:meth:`Scenario.rerun`); whether the assessments are then those of a clean build is reported
as ``assessments_current`` (the re-run recomputes those a killed run left pending).
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from lawgraph.ops.canonical import snapshot
from lawgraph.store import open_store
from lawgraph.store.server import OxigraphServer, free_port

__all__ = ["DiskFullResult", "RunResult", "Scenario", "graph_hashes", "lawgraph_command"]

PROJECT = Path(__file__).resolve().parents[2]
REPORTS = ("de-2024.md", "at-2024.md")
#: the new version: an expert downgrades a provision from conform to partial, with a reason
CHANGES = dict.fromkeys(
    ("de-2024.md", "at-2024.md"),
    ("status: conform\n", "status: partial\nreason: The fault-test version says so.\n"),
)
VOLATILE = (
    "<http://www.w3.org/ns/prov#generatedAtTime>",
    "<http://www.w3.org/ns/prov#endedAtTime>",
)
PROV_USED = "<http://www.w3.org/ns/prov#used>"
DCT_SUBJECT = "<http://purl.org/dc/terms/subject>"
GRAPH = "https://w3id.org/lawgraph/id/graph/"


def lawgraph_command() -> list[str]:
    """How to run the CLI as a separate process (``python -m lawgraph.cli`` once the package
    has a ``__main__``)."""
    if (PROJECT / "lawgraph" / "cli" / "__main__.py").exists():
        return [sys.executable, "-m", "lawgraph.cli"]
    return [sys.executable, "-c", "from lawgraph.cli import main; main(prog_name='lawgraph')"]


def graph_hashes(location: str | Path) -> dict[str, str]:
    """Per named graph, the SHA-256 of its canonical lines without the volatile ones; plus,
    under the key ``"used:" + graph``, the graphs its assessment activity uses, and under
    ``"pending:" + marker`` the source graph a pending marker names."""
    out = io.BytesIO()
    snapshot(location, out)
    lines: dict[str, list[str]] = defaultdict(list)
    used: dict[str, set[str]] = defaultdict(set)
    pending: dict[str, str] = {}
    for line in out.getvalue().decode("utf-8").splitlines():
        subject, predicate, rest = line.split(" ", 2)
        graph = rest[rest.rindex(" <") + 2 : -3]
        if predicate in VOLATILE:
            continue
        if predicate == PROV_USED:
            used[graph].add(rest[1 : rest.index(">")])
        if predicate == DCT_SUBJECT and graph.startswith(GRAPH + "pending/"):
            pending[graph] = rest[1 : rest.index(">")]
        lines[graph].append(line)
    hashes = {g: hashlib.sha256("\n".join(v).encode()).hexdigest() for g, v in lines.items()}
    hashes.update({f"used:{g}": " ".join(sorted(v)) for g, v in used.items()})
    hashes.update({f"pending:{g}": source for g, source in pending.items()})
    return hashes


def _graphs(hashes: dict[str, str]) -> set[str]:
    return {g for g in hashes if not g.startswith(("used:", "pending:"))}


def _pending(hashes: dict[str, str]) -> list[str]:
    return sorted(g[8:] for g in hashes if g.startswith("pending:"))


@dataclass
class RunResult:
    """One killed (or not) process."""

    delay: float
    killed: bool  # the process was still running when it was killed
    returncode: int | None
    output: str
    seconds: float


@dataclass
class DiskFullResult:
    method: str  # "tmpfs" or "rlimit"
    returncode: int | None
    output: str
    sha256_before: str
    sha256_after: str
    rerun_problems: list[str]
    assessments_current: bool
    seconds: float


def _log_sizes(store: Path) -> dict[str, int]:
    sizes = {}
    for file in store.glob("*.log"):
        try:
            sizes[file.name] = file.stat().st_size
        except FileNotFoundError:
            continue
    return sizes


def _wait_for_write(store: Path, process: subprocess.Popen[str], timeout: float) -> None:
    """Return once a write-ahead log file of the store grows (or the process ended). Opening
    the store replaces the old log with a new, empty one, so sizes are compared per file."""
    first: dict[str, int] = {}
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        for name, size in _log_sizes(store).items():
            if size > first.setdefault(name, size) + 4096:
                return
        time.sleep(0.005)


def _mount_tmpfs(mount: Path, size: int) -> bool:
    if os.environ.get("LAWGRAPH_FAULTS_DISK") == "rlimit" or shutil.which("mount") is None:
        return False
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


def _limit_file_size() -> None:  # runs in the child between fork and exec
    import resource

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (1_000_000, 1_000_000))


def _fill_once_open(
    store: Path, ballast: Path, process: subprocess.Popen[str], timeout: float
) -> None:
    """Wait until RocksDB has finished opening (it writes a new OPTIONS file last), then take
    all the free space."""
    before = {f.name for f in store.glob("OPTIONS-*")}
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        if {f.name for f in store.glob("OPTIONS-*")} - before:
            break
        time.sleep(0.01)
    time.sleep(0.05)
    stat = os.statvfs(ballast.parent)
    free = stat.f_bavail * stat.f_frsize
    with ballast.open("wb") as handle:
        for spare in (0, 1 << 16, 1 << 20):
            try:
                os.posix_fallocate(handle.fileno(), 0, max(free - spare, 1))
                return
            except OSError:
                continue


@dataclass
class Scenario:
    """One back-end ("embedded" or "server") and its scratch directory."""

    root: Path
    backend: str
    timeout: float = 60.0
    old: dict[str, str] = field(default_factory=dict)
    new: dict[str, str] = field(default_factory=dict)
    base_location: str = ""
    servers: list[OxigraphServer] = field(default_factory=list)
    _counter: ClassVar[int] = 0

    # --- set-up ----------------------------------------------------------------------------
    @property
    def work(self) -> Path:
        return self.root / "work"

    def files(self) -> list[Path]:
        return [self.work / name for name in REPORTS]

    def write_version(self, which: str) -> None:
        self.work.mkdir(parents=True, exist_ok=True)
        for name in REPORTS:
            text = (PROJECT / "country_reports" / name).read_text("utf-8")
            if which == "new":
                before, after = CHANGES[name]
                assert before in text, f"{name} no longer has {before!r}"
                text = text.replace(before, after, 1)
            (self.work / name).write_text(text, "utf-8")

    def _build(self, location: Path, which: str) -> dict[str, str]:
        import lawgraph

        self.write_version(which)
        with open_store(location) as store:
            lawgraph.init(store)
            summary = lawgraph.ingest(store, self.files())
            if not summary.ok:
                raise AssertionError(summary.text())
        return graph_hashes(location)

    def setup(self) -> Scenario:
        """Build the expected hashes and the base store (old versions)."""
        self.root.mkdir(parents=True, exist_ok=True)
        self.new = self._build(self.root / "expected-new", "new")
        self.old = self._build(self.root / "expected-old", "old")
        base = self.root / "base"
        shutil.copytree(self.root / "expected-old", base)
        self.base_location = str(base)
        self.write_version("new")
        return self

    def for_backend(self, backend: str) -> Scenario:
        """The same data and expectations on another back-end (its own servers)."""
        from dataclasses import replace

        return replace(self, backend=backend, servers=[])

    def fresh_store(self) -> str:
        """A copy of the base store (for the server back-end, a server started on a copy);
        returns its location."""
        Scenario._counter += 1
        copy = self.root / f"run{Scenario._counter}-{self.backend}"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(self.base_location, copy)
        if self.backend == "embedded":
            return str(copy)
        return self.start_server(copy).url

    def start_server(self, location: Path, port: int | None = None) -> OxigraphServer:
        server = OxigraphServer(location, port=port or free_port()).start(wait=self.timeout)
        self.servers.append(server)
        return server

    def close(self) -> None:
        for server in self.servers:
            server.stop(kill=True)
        self.servers.clear()

    # --- faults ----------------------------------------------------------------------------
    def ingest_process(self, location: str, *extra: str) -> subprocess.Popen[str]:
        command = [
            *lawgraph_command(),
            "--store",
            location,
            "ingest",
            "--quiet",
            *extra,
            *map(str, self.files()),
        ]
        return subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
        )

    def run(
        self,
        location: str,
        delay: float | None = None,
        victim: OxigraphServer | None = None,
        watch: Path | None = None,
    ) -> RunResult:
        """Run the ingest; after ``delay`` seconds kill it (or ``victim``, a server) with
        SIGKILL. ``delay=None`` lets it finish. With ``watch`` (the store's directory) the
        delay counts from the first write into its write-ahead log, so that the kill lands
        while the ingest writes."""
        started = time.monotonic()
        process = self.ingest_process(location)
        killed = False
        try:
            if delay is not None:
                if watch is not None:
                    _wait_for_write(watch, process, self.timeout)
                try:
                    process.wait(timeout=delay)
                except subprocess.TimeoutExpired:
                    killed = True
                    if victim is not None:
                        victim.stop(kill=True)
                    else:
                        os.kill(process.pid, signal.SIGKILL)
            output, _ = process.communicate(timeout=self.timeout)
        finally:
            if process.poll() is None:
                process.kill()
                process.communicate()
        return RunResult(
            delay or 0.0, killed, process.returncode, output, time.monotonic() - started
        )

    def disk_full(self, method: str | None = None) -> DiskFullResult:
        """Ingest the new versions into a copy of the base store on a disk that fills up once
        the store is open. ``method``: "tmpfs" (a size-limited tmpfs mounted for the run and
        filled with a ballast file; needs root) or "rlimit" (RLIMIT_FSIZE of 1 MB on the
        process, so that the write-ahead log cannot grow); default: tmpfs when it can be
        mounted, else rlimit."""
        from lawgraph.ops.transfer import snapshot_info

        Scenario._counter += 1
        mount = self.root / f"disk{Scenario._counter}"
        mount.mkdir(parents=True)
        size = sum(f.stat().st_size for f in Path(self.base_location).rglob("*") if f.is_file())
        if method in (None, "tmpfs") and _mount_tmpfs(mount, size + 8_000_000):
            method = "tmpfs"
        elif method == "tmpfs":
            raise RuntimeError("cannot mount a tmpfs here (needs root)")
        else:
            method = "rlimit"
        try:
            store = mount / "store"
            shutil.copytree(self.base_location, store)
            before = snapshot_info(store).sha256
            options = {"preexec_fn": _limit_file_size} if method == "rlimit" else {}
            command = [
                *lawgraph_command(),
                "--store",
                str(store),
                "ingest",
                "--quiet",
                *map(str, self.files()),
            ]
            started = time.monotonic()
            process = subprocess.Popen(
                command,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                text=True,
                **options,
            )
            if method == "tmpfs":
                _fill_once_open(store, mount / "ballast", process, self.timeout)
            output, _ = process.communicate(timeout=self.timeout)
            (mount / "ballast").unlink(missing_ok=True)
            after = snapshot_info(store).sha256
            problems, current = self.rerun(str(store))
            return DiskFullResult(
                method,
                process.returncode,
                output,
                before,
                after,
                problems,
                current,
                time.monotonic() - started,
            )
        finally:
            if method == "tmpfs":
                subprocess.run(["umount", "-l", str(mount)], check=False, capture_output=True)

    def random_kill(
        self,
        location: str,
        rng: random.Random,
        seconds: float,
        *,
        targeted: bool,
        kill_server: bool = False,
    ) -> RunResult:
        """One kill: ``targeted`` ones land 0–0.15 s after the ingest's first write (its writes
        take about 0.15 s, then the store is flushed and closed); the others anywhere over
        ``seconds``, the length of an uninterrupted run. ``kill_server`` kills the server
        instead of the ingest."""
        server = self.servers[-1] if self.backend == "server" else None
        watch = None
        if targeted:
            watch = server.location if server is not None else Path(location)
            delay = rng.uniform(0.0, 0.15)
        else:
            delay = rng.uniform(0.2, 1.0) * seconds
        return self.run(location, delay, victim=server if kill_server else None, watch=watch)

    # --- checks ----------------------------------------------------------------------------
    def check(self, location: str) -> list[str]:
        """The invariants of the module docstring; the problems found (none: they held)."""
        found = graph_hashes(location)
        problems = []
        graphs = _graphs(found)
        for graph in sorted(graphs | _graphs(self.old) | _graphs(self.new)):
            have = found.get(graph)
            if graph.startswith(GRAPH + "assessment/"):
                if have is not None and graph not in _graphs(self.old) | _graphs(self.new):
                    problems.append(f"unexpected assessment graph {graph}")
                continue
            if graph.startswith(GRAPH + "pending/"):
                continue  # checked below: a kill may leave one
            if graph.startswith(GRAPH + "reference/"):
                if have != self.old.get(graph):
                    problems.append(f"reference graph {graph} changed")
                continue
            if have not in (self.old.get(graph), self.new.get(graph)):
                problems.append(f"{graph} is neither the old nor the new version")
        for key, value in found.items():
            if key.startswith("pending:") and value not in graphs:
                problems.append(f"{key[8:]} is pending for a missing graph {value}")
            if key.startswith("used:"):
                missing = [g for g in value.split() if g not in graphs]
                if missing:
                    problems.append(f"{key[5:]} uses missing graphs {missing}")
        return problems

    def rerun(self, location: str) -> tuple[list[str], bool]:
        """Ingest again (in this process) until done; the problems left, and whether the
        assessments are those of a clean build with the new versions."""
        import lawgraph

        with open_store(location) as store:
            summary = lawgraph.ingest(store, self.files())
        problems = [] if summary.ok else [f"re-run failed: {summary.text()}"]
        found = graph_hashes(location)
        for graph in sorted(_graphs(self.new)):
            if not graph.startswith(GRAPH + "assessment/") and found.get(graph) != self.new[graph]:
                problems.append(f"after the re-run {graph} is not the new version")
        problems += [f"{g} is still pending after the re-run" for g in _pending(found)]
        problems += self.check(location)
        current = all(
            found.get(g) == self.new[g] for g in self.new if g.startswith(GRAPH + "assessment/")
        )
        return problems, current
