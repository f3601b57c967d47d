"""Start and stop a local Oxigraph SPARQL server (the ``oxigraph`` wheel on PyPI ships it).

Used by the test suite, the benchmarks and the fault tests; production runs the server as its
own service (``docs/deploy.md``)::

    with OxigraphServer(tmp_path / "db") as server:
        store = RemoteStore(server.url)
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from lawgraph.errors import StoreUnavailableError

__all__ = ["OxigraphServer", "find_oxigraph", "free_port"]


def find_oxigraph() -> str:
    """The path of the ``oxigraph`` executable: next to this Python, or on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    if beside.exists():
        return str(beside)
    found = shutil.which("oxigraph")
    if not found:
        raise StoreUnavailableError(
            "the Oxigraph server is not installed: pip install 'lawgraph[server]'"
        )
    return found


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class OxigraphServer:
    """An ``oxigraph serve`` process on 127.0.0.1 with the union default graph."""

    def __init__(
        self, location: str | Path, *, port: int | None = None, timeout_s: int | None = None
    ) -> None:
        self.location = Path(location)
        self.port = port or free_port()
        self.timeout_s = timeout_s
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path = self.location.with_name(self.location.name + ".log")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, wait: float = 30.0) -> OxigraphServer:
        self.location.mkdir(parents=True, exist_ok=True)
        command = [
            find_oxigraph(),
            "serve",
            "--location",
            str(self.location),
            "--bind",
            f"127.0.0.1:{self.port}",
            "--union-default-graph",
        ]
        if self.timeout_s:
            command += ["--timeout-s", str(self.timeout_s)]
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(command, stdout=log, stderr=log, stdin=subprocess.DEVNULL)
        log.close()
        self._wait_ready(wait)
        return self

    def _wait_ready(self, wait: float) -> None:
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise StoreUnavailableError(
                    f"oxigraph exited with {self.process.returncode}; see {self.log_path}"
                )
            try:
                requests.get(f"{self.url}/query", params={"query": "ASK {}"}, timeout=1)
                return
            except requests.RequestException:
                time.sleep(0.05)
        self.stop()
        raise StoreUnavailableError(f"oxigraph did not start within {wait:g} s")

    def stop(self, kill: bool = False) -> None:
        if self.process is None:
            return
        if kill:
            self.process.kill()
        else:
            self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=20)
        self.process = None

    def __enter__(self) -> OxigraphServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
