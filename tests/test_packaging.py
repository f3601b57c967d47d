"""The package as users install it: every module and data file ships, non-editable too."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]


def _packages_on_disk() -> set[str]:
    found = set()
    for top in ("lawgraph", "webapp"):
        for folder in [ROOT / top, *(p for p in (ROOT / top).rglob("*") if p.is_dir())]:
            if "__pycache__" in folder.parts or not any(folder.glob("*.py")):
                continue
            found.add(".".join(folder.relative_to(ROOT).parts))
    return found | {"lawgraph.ontology"}


def test_every_package_is_listed_in_pyproject():
    assert set(CONFIG["packages"]) == _packages_on_disk()


def test_every_package_has_an_init_module():
    for package in _packages_on_disk() - {"lawgraph.ontology"}:
        assert (ROOT / package.replace(".", "/") / "__init__.py").exists(), package


def test_ontology_ships_as_package_data():
    assert CONFIG["package-dir"]["lawgraph.ontology"] == "ontology"
    patterns = CONFIG["package-data"]["lawgraph.ontology"]
    assert {"*.ttl", "**/*.ttl", "**/*.rq"} <= set(patterns)
    assert (ROOT / "ontology" / "__init__.py").exists()


def test_web_templates_ship_as_package_data():
    patterns = CONFIG["package-data"]["webapp"]
    assert any(p.startswith("templates/") for p in patterns)
    assert any(p.startswith("static/") for p in patterns)


def test_a_non_editable_install_finds_its_data(tmp_path: Path):
    """Build the wheel, install it (without dependencies, which this environment has) into a
    folder, and run the CLI from elsewhere: reference data, rules and shapes must come from the
    installed package, not from the source tree."""
    import subprocess
    import sys

    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        timeout=300,
    )
    target = tmp_path / "site"
    wheel = next(wheels.glob("lawgraph-*.whl"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        timeout=300,
    )
    assert (target / "lawgraph" / "ontology" / "shapes.ttl").exists()
    assert (target / "webapp" / "templates" / "base.html").exists()
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    code = (
        "import lawgraph, lawgraph.resources as r; "
        f"assert str(r.ontology_dir()).startswith({str(target)!r}), r.ontology_dir(); "
        "from lawgraph.cli import main; main(['--store', 'memory:', 'init'])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "reference files" in done.stdout
