"""Fuzz every parser and the SPARQL endpoint with a large budget.

    python bench/fuzz.py                       # 2,000 examples per property, random seed
    python bench/fuzz.py --examples 300 -k pdf # one property, smaller
    python bench/fuzz.py --seed 1234           # reproduce a run

Runs the properties of tests/test_fuzz.py (mutated real reports in Markdown, DOCX and PDF,
case-law files, identifiers, /sparql queries, Accept headers, bodies and uploads) with the budget
given, then prints what held, what failed (with Hypothesis's falsifying example), the time and
the machine. The test suite runs the same properties with 25 examples each.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=2000, help="examples per property")
    parser.add_argument("--deadline-ms", type=int, default=10_000, help="slowest input allowed")
    parser.add_argument("--seed", type=int, help="Hypothesis seed (default: random)")
    parser.add_argument("-k", dest="keyword", help="only the properties matching (pytest -k)")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    env = dict(
        os.environ,
        LAWGRAPH_FUZZ_EXAMPLES=str(args.examples),
        LAWGRAPH_FUZZ_DEADLINE_MS=str(args.deadline_ms),
        LAWGRAPH_FUZZ_RANDOM="1",
    )
    command = [
        sys.executable,
        "-m",
        "pytest",
        str(ROOT / "tests" / "test_fuzz.py"),
        "-q",
        "-W",
        "error",
        "-p",
        "no:cacheprovider",
        f"--hypothesis-seed={seed}",
        "-o",
        "addopts=--strict-markers -rfE",
    ]
    if args.keyword:
        command += ["-k", args.keyword]
    print(
        f"{time.strftime('%Y-%m-%d %H:%M %Z')}, {platform.node()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; {args.examples} examples per property, "
        f"deadline {args.deadline_ms} ms, seed {seed}",
        flush=True,
    )
    started = time.monotonic()
    done = subprocess.run(command, cwd=ROOT, env=env, check=False)
    print(
        f"{time.monotonic() - started:.0f} s; reproduce with: python bench/fuzz.py "
        f"--examples {args.examples} --seed {seed}"
        + (f" -k {args.keyword}" if args.keyword else "")
    )
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
