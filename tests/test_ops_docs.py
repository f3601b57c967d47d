"""docs/deploy.md is tested: its walkthrough runs as written (as a new user would run it, in
an empty directory, on 127.0.0.1), and every setting and operations command is documented."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lawgraph.config import Settings
from lawgraph.store.server import free_port

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "deploy.md"
BEGIN, END = "<!-- deploy-test:begin -->", "<!-- deploy-test:end -->"


def walkthrough() -> str:
    """The shell commands of the marked section: every ```bash block in it, in order."""
    text = GUIDE.read_text("utf-8")
    section = text[text.index(BEGIN) + len(BEGIN) : text.index(END)]
    blocks = re.findall(r"```bash\n(.*?)```", section, re.DOTALL)
    assert blocks, "the marked section of docs/deploy.md has no ```bash block"
    return "\n".join(blocks)


@pytest.mark.slow
@pytest.mark.server
def test_the_walkthrough_runs_as_written(tmp_path: Path):
    script = walkthrough()
    script = script.replace("7878", str(free_port())).replace("8000", str(free_port()))
    cleanup = (
        "trap 'kill $(jobs -p) 2>/dev/null; "
        "[ -f var/gunicorn.pid ] && kill $(cat var/gunicorn.pid) 2>/dev/null; true' EXIT\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("LAWGRAPH_")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["SRC"] = str(ROOT)
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", cleanup + script],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    output = done.stdout + done.stderr
    if done.returncode != 0:  # say which step failed: the health report and the server's log
        for name in ("health.json", "oxigraph.log"):
            path = tmp_path / "var" / name
            if path.exists():
                output += f"\n--- var/{name} ---\n" + path.read_text(errors="replace")[-2000:]
    assert done.returncode == 0, output[-5000:]
    assert "verified: the target's canonical dump equals the source's" in done.stdout
    assert "status: ok" in done.stdout
    assert "200" in done.stdout.splitlines()
    health = json.loads((tmp_path / "var" / "health.json").read_text())
    assert health["ok"] and health["graphs"]["reports"] >= 20
    assert (tmp_path / "backups" / "first" / "manifest.json").exists()
    assert "Traceback" not in output


def test_every_setting_is_documented():
    text = GUIDE.read_text("utf-8")
    for spec in dataclasses.fields(Settings):
        assert f"| `{spec.name}` | `LAWGRAPH_{spec.name.upper()}` |" in text, spec.name
    for variable in ("LAWGRAPH_SETTINGS", "LAWGRAPH_LOG_FORMAT", "LAWGRAPH_LOG_LEVEL"):
        assert f"`{variable}`" in text, variable


@pytest.mark.parametrize(
    "command",
    [
        "migrate",
        "backup",
        "verify-backup",
        "restore-backup",
        "health",
        "ingest",
        "assess",
        "init",
        "dump",
    ],
)
def test_every_operations_command_is_documented(command: str):
    assert re.search(rf"lawgraph( --store \S+)? {command}\b", GUIDE.read_text("utf-8")), command


def test_the_sizing_section_has_measured_figures():
    text = GUIDE.read_text("utf-8")
    assert "SIZING-FIGURES" not in text, "fill §6.1 with the output of python bench/load.py"
    assert re.search(r"\d{4}-\d{2}-\d{2}", text.split("### 6.1", 1)[1])
