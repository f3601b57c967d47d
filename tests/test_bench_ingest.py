"""The ingest benchmark's stage clock (bench/ingest_throughput.py): a store write made by the
after-ingest hooks belongs to the assessment stage and is not counted twice."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "ingest_throughput.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("ingest_throughput", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[spec.name]


def test_a_write_inside_the_assessment_stage_is_counted_there_only(bench):
    clock = bench._Clock()
    write = clock.wrap("store write", lambda: None, not_in=("assessment",))
    assess = clock.wrap("assessment", write)
    write()
    assess()
    assert clock.running == []
    assert clock.spent["store write"] > 0
    calls_before = clock.spent["store write"]
    assess()
    assert clock.spent["store write"] == calls_before
    assert clock.spent["assessment"] > 0
