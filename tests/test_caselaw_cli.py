"""``lawgraph cases …`` on the bundled corpus (embedded store): answers in table, CSV and JSON,
and one clear error line for what the store cannot answer."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lawgraph.cli import main
from lawgraph.ingest import ingest
from lawgraph.reference import load_reference
from lawgraph.store import EmbeddedStore

CASE_LAW = Path(__file__).resolve().parents[1] / "case_law"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("cases") / "store"
    with EmbeddedStore(path) as store:
        load_reference(store)
        assert ingest(store, [CASE_LAW]).ok
    return str(path)


def _run(store_dir: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--store", store_dir, "cases", *args])
    return result.exit_code, result.stdout, result.stderr


COMMANDS = [
    # (id, arguments, words every answer must contain)
    ("leading", ["leading", "2000/78 Art 2(2)(b)"], ["C-157/15 Achbita", "C-148/22"]),
    ("leading-by-name", ["leading", "Art 8 RED"], ["C-54/07 Feryn", "C-83/14"]),
    ("leading-exact", ["leading", "2000/78 Art 10", "--exact"], ["C-414/16 Egenberger"]),
    ("line", ["line", "2000/78 Art 6(1)"], ["C-144/04 Mangold", "C-286/12"]),
    ("concept", ["concept", "burden-of-proof"], ["C-415/10 Meister", "C-414/16 Egenberger"]),
    ("concept-words", ["concept", "burden of proof"], ["C-81/12"]),
    ("cross-country", ["cross-country"], ["C-13/05 Chacón Navas"]),
    ("uncovered", ["uncovered", "--directive", "2000/78"], ["2000/78 Art 11", "Victimisation"]),
]


@pytest.mark.parametrize(("args", "words"), [c[1:] for c in COMMANDS], ids=[c[0] for c in COMMANDS])
@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_commands_answer_in_every_format(
    store_dir: str, args: list[str], words: list[str], fmt: str
) -> None:
    code, out, err = _run(store_dir, *args, "--format", fmt)
    assert code == 0, err
    for word in words:
        assert word in out
    if fmt == "json":
        assert isinstance(json.loads(out), list) and json.loads(out)
    if fmt == "csv":
        assert list(csv.DictReader(io.StringIO(out)))


def test_an_empty_answer_says_so(store_dir: str) -> None:
    code, out, _ = _run(store_dir, "leading", "Art 8 RED", "--exact")
    assert (code, out) == (0, "No ruling in the store interprets Art 8 RED.\n")
    assert _run(store_dir, "leading", "Art 8 RED", "--exact", "--format", "json")[1] == "[]\n"


def test_leading_cases_json_rows(store_dir: str) -> None:
    code, out, _ = _run(store_dir, "leading", "2000/78 Art 2(2)(b)", "--format", "json")
    rows = json.loads(out)
    assert code == 0
    assert [(r["ruling"], r["cited_by"]) for r in rows] == [
        ("C-157/15 Achbita (G4S Secure Solutions)", 2),
        ("C-270/16 Ruiz Conejero", 0),
        ("C-148/22 Commune d'Ans", 0),
    ]


ERRORS = [
    ("unknown-article", ["leading", "2000/78 Art 99"], "unknown provision"),
    ("not-a-provision", ["line", "Feryn"], "cannot read the provision"),
    ("unknown-concept", ["concept", "fairness"], "unknown concept 'fairness'"),
    ("unknown-directive", ["uncovered", "--directive", "2099/1"], "unknown directive"),
]


@pytest.mark.parametrize(("args", "words"), [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS])
def test_clear_errors(store_dir: str, args: list[str], words: str) -> None:
    code, out, err = _run(store_dir, *args)
    assert code == 1 and out == ""
    assert err.startswith("error: ") and words in err
    assert len(err.strip().splitlines()) == 1
