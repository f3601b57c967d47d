"""Operations: canonical snapshots, migrate, backup / verify / restore, health, the CLI."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from lawgraph import ops
from lawgraph.cli import main
from lawgraph.errors import StoreError, StoreLockedError
from lawgraph.ops import transfer
from lawgraph.ops.backup import DATASET, MANIFEST
from lawgraph.ops.canonical import NQUADS
from lawgraph.store import EmbeddedStore, GraphStore, RemoteStore

EX = "https://example.org/"
G = [URIRef(f"https://w3id.org/lawgraph/id/graph/test/{n}") for n in ("one", "two", "three")]
LITERALS = [
    Literal("plain"),
    Literal("Gleichbehandlung", lang="de-DE"),
    Literal("2024", datatype=XSD.gYear),
    Literal("0.85", datatype=XSD.decimal),
    Literal('quote " backslash \\ newline \n return \r tab \t'),
    Literal("Türkiye – Ελλάδα – § 22 AGG – 😀"),
]


def fill(store: GraphStore, tag: str = "v", n: int = 50) -> None:
    for number, graph in enumerate(G):
        rows = [
            (URIRef(f"{EX}s{i}"), URIRef(f"{EX}p{number}"), Literal(f"{tag}{i}")) for i in range(n)
        ]
        rows += [(URIRef(f"{EX}x"), URIRef(f"{EX}lit{i}"), lit) for i, lit in enumerate(LITERALS)]
        store.replace_graph(graph, rows)
    if isinstance(store, EmbeddedStore):
        store.flush()


def dump_bytes(store: GraphStore) -> bytes:
    out = io.BytesIO()
    store.dump(out)
    return out.getvalue()


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def other_server(tmp_path: Path):
    from lawgraph.store.server import OxigraphServer

    with OxigraphServer(tmp_path / "other-db") as server:
        yield server


# --- canonical snapshots --------------------------------------------------------------------


def test_snapshot_equals_the_stores_own_dump(store):
    fill(store)
    info = ops.snapshot_info(store.location)
    expected = dump_bytes(store)
    import hashlib

    assert info.sha256 == hashlib.sha256(expected).hexdigest()
    assert info.quads == expected.count(b"\n") == 3 * (50 + len(LITERALS))
    assert info.graphs == {str(g): 50 + len(LITERALS) for g in G}


def test_snapshot_of_the_corpus_equals_its_dump(corpus_store):
    import hashlib

    info = ops.snapshot_info(corpus_store.location)
    assert info.sha256 == hashlib.sha256(dump_bytes(corpus_store)).hexdigest()
    assert info.quads > 10_000


def test_snapshot_of_a_missing_store_says_so(tmp_path):
    with pytest.raises(StoreError, match="no store at"):
        ops.snapshot_info(tmp_path / "nothing")


# --- migrate --------------------------------------------------------------------------------


def test_migrate_embedded_to_server_and_back(tmp_path, other_server):
    source = EmbeddedStore(tmp_path / "source")
    fill(source)
    expected = dump_bytes(source)
    source.close()
    report = ops.migrate(tmp_path / "source", other_server.url)
    assert report.info.quads == 3 * (50 + len(LITERALS))
    assert "Graph Store Protocol" in report.write_method and report.replaced_quads == 0
    with RemoteStore(other_server.url) as remote:
        assert dump_bytes(remote) == expected
    back = ops.migrate(other_server.url, tmp_path / "back")
    assert "GET" in back.read_method and "bulk load" in back.write_method
    with EmbeddedStore(tmp_path / "back") as copy:
        assert dump_bytes(copy) == expected


def test_migrate_refuses_a_non_empty_target_unless_replace(tmp_path, other_server):
    source = EmbeddedStore(tmp_path / "source")
    fill(source, "new")
    source.close()
    with RemoteStore(other_server.url) as remote:
        fill(remote, "old", n=7)
        before = dump_bytes(remote)
        with pytest.raises(ops.OperationRefused, match="not empty .* --replace"):
            ops.migrate(tmp_path / "source", other_server.url)
        assert dump_bytes(remote) == before
        report = ops.migrate(tmp_path / "source", other_server.url, replace=True)
        assert report.replaced_quads == 3 * (7 + len(LITERALS))
        assert b'"new1"' in dump_bytes(remote) and b'"old1"' not in dump_bytes(remote)


def test_migrate_refuses_nonsense(tmp_path):
    EmbeddedStore(tmp_path / "s").close()
    with pytest.raises(ops.OperationRefused, match="same store"):
        ops.migrate(tmp_path / "s", str(tmp_path / "s" / ".." / "s"))
    with pytest.raises(ops.OperationRefused, match="in-memory"):
        ops.migrate(tmp_path / "s", "memory:")


def test_migrate_into_a_locked_embedded_store_is_refused(tmp_path):
    fill_source = EmbeddedStore(tmp_path / "source")
    fill(fill_source)
    fill_source.close()
    code = f"import time, pyoxigraph as ox; s = ox.Store({str(tmp_path / 'target')!r}); print('ok', flush=True); time.sleep(30)"
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreLockedError, match="open for writing in another process"):
            ops.migrate(tmp_path / "source", tmp_path / "target")
    finally:
        holder.kill()
        holder.wait(timeout=10)
        holder.stdout.close()


def test_migrate_without_graph_store_protocol_uses_sparql(tmp_path, other_server, monkeypatch):
    """A server without the Graph Store Protocol: read with SELECT, write INSERT DATA batches."""
    source = EmbeddedStore(tmp_path / "source")
    fill(source)
    expected = dump_bytes(source)
    source.close()
    monkeypatch.setattr(transfer, "_post_dataset", lambda file, url: False)
    monkeypatch.setattr(transfer, "BATCH_QUADS", 40)
    report = ops.migrate(tmp_path / "source", other_server.url)
    assert "INSERT DATA" in report.write_method and report.write_method.startswith("5 ")
    monkeypatch.setattr("lawgraph.ops.canonical.NQUADS", "application/x-not-served")
    back = ops.migrate(other_server.url, tmp_path / "back")
    assert "SELECT" in back.read_method
    with EmbeddedStore(tmp_path / "back") as copy:
        assert dump_bytes(copy) == expected
    assert NQUADS == "application/n-quads"


def test_verification_failure_is_reported(tmp_path, monkeypatch):
    source = EmbeddedStore(tmp_path / "source")
    fill(source)
    source.close()
    real = transfer.load_nquads

    def lossy(file, target, *, replace):
        lines = file.read_bytes().splitlines(keepends=True)
        file.write_bytes(b"".join(lines[:-1]))
        return real(file, target, replace=replace)

    monkeypatch.setattr(transfer, "load_nquads", lossy)
    with pytest.raises(ops.VerificationError, match="verification failed.*graph/test/"):
        ops.migrate(tmp_path / "source", tmp_path / "target")


# --- backups --------------------------------------------------------------------------------


def test_backup_verify_restore_round_trip(store, tmp_path):
    fill(store)
    expected = dump_bytes(store)
    made = ops.backup(store.location, tmp_path / "b1")
    manifest = json.loads((tmp_path / "b1" / MANIFEST).read_text())
    assert manifest["format"] == "lawgraph-backup" and manifest["lawgraph_version"]
    assert manifest["dataset"]["quads"] == made.quads == expected.count(b"\n")
    assert manifest["graphs"] == {str(g): 50 + len(LITERALS) for g in G}
    assert manifest["source"]["backend"] in ("embedded", "server")
    assert gzip.decompress((tmp_path / "b1" / DATASET).read_bytes()) == expected
    assert not (tmp_path / "b1.partial").exists()
    assert ops.verify_backup(tmp_path / "b1").sha256 == made.sha256
    report = ops.restore_backup(tmp_path / "b1", tmp_path / "restored")
    assert report.info.quads == made.quads
    with EmbeddedStore(tmp_path / "restored") as copy:
        assert dump_bytes(copy) == expected


def test_backups_of_the_same_data_are_the_same_bytes(tmp_path):
    with EmbeddedStore(tmp_path / "s") as source:
        fill(source)
    ops.backup(tmp_path / "s", tmp_path / "a")
    ops.backup(tmp_path / "s", tmp_path / "b")
    assert (tmp_path / "a" / DATASET).read_bytes() == (tmp_path / "b" / DATASET).read_bytes()


def test_restore_into_a_server_replaces_only_with_replace(tmp_path, other_server):
    with EmbeddedStore(tmp_path / "s") as source:
        fill(source, "saved")
        expected = dump_bytes(source)
    ops.backup(tmp_path / "s", tmp_path / "b")
    with RemoteStore(other_server.url) as remote:
        fill(remote, "newer", n=3)
        with pytest.raises(ops.OperationRefused, match="--replace"):
            ops.restore_backup(tmp_path / "b", other_server.url)
        report = ops.restore_backup(tmp_path / "b", other_server.url, replace=True)
        assert report.replaced_quads == 3 * (3 + len(LITERALS))
        assert dump_bytes(remote) == expected


def _damage_gzip(directory: Path) -> None:
    path = directory / DATASET
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def _damage_content(directory: Path) -> None:
    """A consistent but different file: the file hash is updated, the content hash is not."""
    import hashlib

    path = directory / DATASET
    lines = gzip.decompress(path.read_bytes()).splitlines(keepends=True)
    path.write_bytes(gzip.compress(b"".join(lines[1:])))
    manifest = json.loads((directory / MANIFEST).read_text())
    manifest["dataset"]["file_sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    (directory / MANIFEST).write_text(json.dumps(manifest))


def _truncate(directory: Path) -> None:
    import hashlib

    path = directory / DATASET
    path.write_bytes(path.read_bytes()[:100])
    manifest = json.loads((directory / MANIFEST).read_text())
    manifest["dataset"]["file_sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    (directory / MANIFEST).write_text(json.dumps(manifest))


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        pytest.param(lambda d: (d / MANIFEST).unlink(), "manifest.json: missing", id="no-manifest"),
        pytest.param(
            lambda d: (d / DATASET).unlink(), "missing; the backup is incomplete", id="no-dataset"
        ),
        pytest.param(_damage_gzip, "damaged", id="flipped-byte"),
        pytest.param(_damage_content, "content differs", id="content"),
        pytest.param(_truncate, "cannot be read", id="truncated"),
        pytest.param(
            lambda d: (d / MANIFEST).write_text("{not json"), "cannot be read", id="bad-json"
        ),
        pytest.param(
            lambda d: (d / MANIFEST).write_text('{"format": "x"}'),
            "not a lawgraph backup",
            id="foreign",
        ),
    ],
)
def test_a_damaged_backup_is_refused_and_the_store_untouched(tmp_path, damage, words):
    with EmbeddedStore(tmp_path / "s") as source:
        fill(source)
    ops.backup(tmp_path / "s", tmp_path / "b")
    damage(tmp_path / "b")
    with pytest.raises(ops.BackupError, match=words):
        ops.verify_backup(tmp_path / "b")
    with EmbeddedStore(tmp_path / "target") as target:
        fill(target, "keep", n=2)
        before = dump_bytes(target)
    with pytest.raises(ops.BackupError):
        ops.restore_backup(tmp_path / "b", tmp_path / "target", replace=True)
    with EmbeddedStore(tmp_path / "target") as target:
        assert dump_bytes(target) == before


def test_backup_refuses_a_used_directory(tmp_path):
    with EmbeddedStore(tmp_path / "s") as source:
        fill(source)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x").write_text("x")
    with pytest.raises(ops.OperationRefused, match="not an empty directory"):
        ops.backup(tmp_path / "s", tmp_path / "b")
    (tmp_path / "empty").mkdir()
    assert ops.backup(tmp_path / "s", tmp_path / "empty").quads > 0


_WRITER = textwrap.dedent(
    """
    import sys, time
    from rdflib import Literal, URIRef
    from lawgraph.store import EmbeddedStore
    store = EmbeddedStore(sys.argv[1])
    graph = URIRef("https://w3id.org/lawgraph/id/graph/test/busy")
    n = 0
    print("ready", flush=True)
    deadline = time.monotonic() + float(sys.argv[2])
    while time.monotonic() < deadline:
        tag = "ab"[n % 2]
        store.replace_graph(graph, [(URIRef(f"https://example.org/s{i}"),
                                     URIRef("https://example.org/p"), Literal(f"{tag}{n}"))
                                    for i in range(2000)])
        store.flush()
        n += 1
    print(n, flush=True)
    store.close()
    """
)


def test_backups_taken_while_a_writer_runs_hold_whole_graphs(tmp_path):
    """Another process holds the write lock and keeps replacing a 2,000-triple graph: every
    backup holds one whole version of it."""
    EmbeddedStore(tmp_path / "s").close()
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(tmp_path / "s"), "8"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(0.5)
        versions = set()
        for i in range(5):
            made = ops.backup(tmp_path / "s", tmp_path / f"b{i}")
            lines = gzip.decompress((tmp_path / f"b{i}" / DATASET).read_bytes()).decode()
            objects = {line.split(" ")[2] for line in lines.splitlines()}
            assert made.quads in (0, 2000)
            assert len(objects) <= 1, f"backup {i} mixes versions: {sorted(objects)[:3]}"
            versions |= objects
        assert len(versions) >= 2, "the writer did not write during the backups"
        assert int(writer.stdout.readline()) > 5
    finally:
        writer.kill()
        writer.wait(timeout=10)
        writer.stdout.close()


# --- health ---------------------------------------------------------------------------------


def test_health_of_the_corpus(corpus_store):
    report = ops.health(corpus_store)
    assert report["ok"] and report["status"] == "ok", report["problems"]
    assert report["store"]["reachable"] and report["store"]["seconds"] < 5
    assert report["graphs"]["reference"] > 5 and report["graphs"]["reports"] >= 20
    assert report["graphs"]["rulings"] > 30 and report["graphs"]["assessments"] > 5
    assert report["last_ingest"].endswith("Z")
    assert report["data"]["latest_year"] == 2024
    assert "DE" in report["data"]["countries"] and report["data"]["countries_reporting"] >= 10
    assert report["rules"]["loaded"] > 5 and report["rules"]["problems"] == []
    assert report["rules"]["assessments_current"] is True
    json.dumps(report)


def test_health_of_an_empty_store_is_unhealthy(store):
    report = ops.health(store)
    assert not report["ok"] and report["store"]["reachable"]
    assert any("no reference data" in p for p in report["problems"])
    assert "no country report in the store yet" in report["warnings"]


def test_health_of_an_unreachable_server(other_server):
    url = other_server.url
    other_server.stop(kill=True)
    report = ops.health_of(url)
    assert report["status"] == "unhealthy" and not report["store"]["reachable"]
    assert "does not answer" in report["store"]["error"]
    code, out, _ = cli("--store", url, "health")
    assert code == 1 and "unreachable" in out


def test_health_reports_stale_assessments(tmp_path):
    from lawgraph.vocab import LG, LGD

    graph = LGD["graph/assessment/DE/2024"]
    activity = URIRef(f"{graph}/activity")
    with EmbeddedStore(tmp_path / "s") as store:
        store.replace_graph(
            graph,
            [
                (graph, URIRef("http://www.w3.org/ns/prov#wasGeneratedBy"), activity),
                (activity, LG.rulesVersion, Literal("0ld")),
            ],
        )
        report = ops.health(store)
    assert report["rules"]["assessments_current"] is False
    assert any("lawgraph assess" in w for w in report["warnings"])


# --- the command line ------------------------------------------------------------------------


def test_cli_migrate_backup_verify_restore_health(tmp_path, other_server):
    with EmbeddedStore(tmp_path / "s") as source:
        fill(source)
        expected = dump_bytes(source)
    code, out, err = cli("--store", str(tmp_path / "s"), "migrate", "--to", other_server.url)
    assert code == 0, err
    assert "168 quads in 3 named graphs moved" in out and "verified" in out
    code, out, err = cli("--store", str(tmp_path / "s"), "migrate", "--to", other_server.url)
    assert code == 1 and err.startswith("error: ") and "--replace" in err
    assert err.count("\n") == 1
    code, out, err = cli(
        "--store",
        other_server.url,
        "backup",
        str(tmp_path / "b"),
        "--store-only",
        "--format",
        "json",
    )
    assert code == 0, err
    assert json.loads(out)["dataset"]["quads"] == 168
    code, out, err = cli("verify-backup", str(tmp_path / "b"))
    assert code == 0 and out.startswith("verified: ")
    code, out, err = cli("--store", str(tmp_path / "r"), "restore-backup", str(tmp_path / "b"))
    assert code == 0, err
    with EmbeddedStore(tmp_path / "r") as restored:
        assert dump_bytes(restored) == expected
    code, out, err = cli("--store", str(tmp_path / "r"), "restore-backup", str(tmp_path / "b"))
    assert code == 1 and "not empty" in err
    code, out, err = cli("--store", str(tmp_path / "r"), "health", "--format", "json")
    assert code == 1 and json.loads(out)["problems"] == [
        "the store holds no reference data: run `lawgraph init`"
    ]
    code, out, err = cli("verify-backup", str(tmp_path / "nothing"))
    assert code == 1 and "no backup directory" in err


def test_cli_health_of_the_corpus(corpus_store):
    code, out, err = cli("--store", corpus_store.location, "health")
    assert code == 0, out + err
    assert out.startswith("status: ok\n")
    assert "latest reporting year 2024" in out and "rules: " in out


# --- the web app's files in a backup ---------------------------------------------------------


def _state_settings(root: Path):
    import sqlite3
    from types import SimpleNamespace

    root.mkdir(parents=True, exist_ok=True)
    for name in ("accounts", "drafts"):
        with sqlite3.connect(root / f"{name}.sqlite") as db:
            db.execute("CREATE TABLE t (x TEXT)")
            db.execute("INSERT INTO t VALUES (?)", (f"{name} row",))
        db.close()
    (root / "approved" / "DE").mkdir(parents=True)
    (root / "approved" / "DE" / "2024.md").write_text("# approved\n")
    return SimpleNamespace(
        accounts=str(root / "accounts.sqlite"),
        drafts=str(root / "drafts.sqlite"),
        editorial=str(root / "missing.sqlite"),
        approved=str(root / "approved"),
    )


def test_backup_and_restore_of_the_web_apps_files(tmp_path):
    import sqlite3
    from types import SimpleNamespace

    with EmbeddedStore(tmp_path / "s") as source:
        fill(source)
    settings = _state_settings(tmp_path / "var")
    made = ops.backup(tmp_path / "s", tmp_path / "b", settings)
    assert sorted(made.manifest["state"]) == ["accounts", "approved", "drafts"]
    assert ops.verify_backup(tmp_path / "b")
    elsewhere = SimpleNamespace(
        **{
            k: v.replace(str(tmp_path / "var"), str(tmp_path / "new"))
            for k, v in vars(settings).items()
        }
    )
    report = ops.restore_backup(tmp_path / "b", tmp_path / "r", state=elsewhere)
    assert "web app files restored: accounts, drafts, approved" in report.read_method
    with sqlite3.connect(tmp_path / "new" / "drafts.sqlite") as db:
        assert db.execute("SELECT x FROM t").fetchall() == [("drafts row",)]
    db.close()
    assert (tmp_path / "new" / "approved" / "DE" / "2024.md").read_text() == "# approved\n"
    with pytest.raises(ops.OperationRefused, match="already exist"):
        ops.restore_backup(tmp_path / "b", tmp_path / "r2", state=elsewhere)
    assert not (tmp_path / "r2").exists(), "nothing is loaded when the state is refused"
    (tmp_path / "b" / "state" / "approved" / "DE" / "2024.md").write_text("changed")
    with pytest.raises(ops.BackupError, match="approved"):
        ops.verify_backup(tmp_path / "b")


def test_health_reuses_a_recent_check_when_asked(tmp_path):
    import lawgraph

    with EmbeddedStore(tmp_path / "s") as store:
        lawgraph.init(store)
        first = ops.health(store, max_age=60)
        store.replace_graph(G[0], [(URIRef(EX + "s"), URIRef(EX + "p"), Literal("o"))])
        again = ops.health(store, max_age=60)
        fresh = ops.health(store)
    assert again["data_checked_at"] == first["data_checked_at"]
    assert again["graphs"] == first["graphs"] and again["store"]["seconds"] is not None
    assert fresh["graphs"]["total"] == first["graphs"]["total"] + 1
