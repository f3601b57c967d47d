"""Fault scenarios in a loop: how often do the invariants hold?

    python bench/faults.py                 # 20 rounds of every scenario
    python bench/faults.py --runs 5 --scenarios ingest-embedded,disk-full --seed 7

Scenarios (the harness is lawgraph/ops/faults.py; tests/test_faults.py runs a few rounds):

* ``ingest-embedded`` / ``ingest-server``: ``lawgraph ingest`` of two changed reports,
  SIGKILLed after a random delay: every other kill is targeted at the writes (0–0.15 s after the
  store's write-ahead log first grows), the others fall anywhere in the run;
* ``server-kill``: the Oxigraph server SIGKILLed while the ingest writes to it, then restarted
  on the same directory;
* ``disk-full``: the disk fills up once the store is open (tmpfs when root can mount one,
  else RLIMIT_FSIZE).

For each: runs, kills that hit a running process, what the kill left (sources all old, some
new, all new), runs whose checks held (whole graphs, no assessment using a missing graph,
re-run completes), and runs whose assessments were current after the re-run. Only 127.0.0.1;
only processes this script started are killed.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lawgraph.ops.faults import GRAPH, Scenario, graph_hashes  # noqa: E402

SCENARIOS = ("ingest-embedded", "ingest-server", "server-kill", "disk-full")


def _state(scenario: Scenario, location: str) -> str:
    found = graph_hashes(location)
    sources = [g for g in scenario.new if g.startswith(GRAPH + "report/")]
    new = sum(found.get(g) == scenario.new[g] for g in sources)
    return "all old" if new == 0 else "all new" if new == len(sources) else "some new"


def _kill_round(
    scenario: Scenario, seconds: float, rng: random.Random, server: bool, targeted: bool
) -> dict:
    location = scenario.fresh_store()
    victim = scenario.servers[-1] if server else None
    result = scenario.random_kill(location, rng, seconds, targeted=targeted, kill_server=server)
    if victim is not None:
        scenario.start_server(victim.location, port=victim.port)
    state = _state(scenario, location)
    problems = scenario.check(location)
    if victim is not None and result.killed and "Traceback" in result.output:
        problems.append("the ingest ended with a traceback")
    rerun, current = scenario.rerun(location)
    scenario.close()
    return {
        "killed": result.killed,
        "state": state,
        "held": not problems and not rerun,
        "current": current,
        "problems": problems + rerun,
    }


def _disk_round(scenario: Scenario) -> dict:
    result = scenario.disk_full()
    problems = list(result.rerun_problems)
    if result.returncode != 1:
        problems.append(f"exit code {result.returncode}")
    if result.sha256_after != result.sha256_before:
        problems.append("the store changed")
    if "Traceback" in result.output:
        problems.append("the ingest ended with a traceback")
    return {
        "killed": True,
        "state": f"disk full ({result.method})",
        "held": not problems,
        "current": result.assessments_current,
        "problems": problems,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=20260501)
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    args = parser.parse_args()
    chosen = [s.strip() for s in args.scenarios.split(",") if s.strip()]
    unknown = set(chosen) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenarios {sorted(unknown)}; choose from {', '.join(SCENARIOS)}")
    rng = random.Random(args.seed)
    print(
        f"{time.strftime('%Y-%m-%d %H:%M %Z')}, {platform.node()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; {args.runs} runs per scenario, seed {args.seed}"
    )
    with tempfile.TemporaryDirectory(prefix="lawgraph-faults-") as tmp:
        base = Scenario(Path(tmp), "embedded").setup()
        calibration = {}
        for backend in ("embedded", "server"):
            scenario = base.for_backend(backend)
            location = scenario.fresh_store()
            calibration[backend] = scenario.run(location).seconds
            scenario.close()
        print(
            f"uninterrupted ingest: {calibration['embedded']:.1f} s embedded, "
            f"{calibration['server']:.1f} s server"
        )
        rows = []
        for name in chosen:
            started = time.monotonic()
            outcomes = []
            for number in range(args.runs):
                if name == "disk-full":
                    outcomes.append(_disk_round(base))
                    continue
                backend = "embedded" if name == "ingest-embedded" else "server"
                scenario = base.for_backend(backend)
                outcomes.append(
                    _kill_round(
                        scenario,
                        calibration[backend],
                        rng,
                        server=name == "server-kill",
                        targeted=number % 2 == 0,
                    )
                )
            states = Counter(o["state"] for o in outcomes)
            rows.append(
                (
                    name,
                    len(outcomes),
                    sum(o["killed"] for o in outcomes),
                    ", ".join(f"{n} {s}" for s, n in sorted(states.items())),
                    sum(o["held"] for o in outcomes),
                    sum(o["current"] for o in outcomes),
                    time.monotonic() - started,
                )
            )
            for outcome in outcomes:
                for problem in outcome["problems"]:
                    print(f"  {name}: {problem}")
    print(
        f"{'scenario':16} {'runs':>4} {'kills':>5} {'held':>4} {'assessments current':>19}  "
        f"{'seconds':>7}  left by the fault"
    )
    for name, runs, kills, states, held, current, seconds in rows:
        print(f"{name:16} {runs:4d} {kills:5d} {held:4d} {current:19d}  {seconds:7.1f}  {states}")


if __name__ == "__main__":
    main()
