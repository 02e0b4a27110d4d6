"""make lab's server: the project kernel is registered, and a notebook saved from Lab round-trips
to the committed jupytext .py with no spurious diff (slow: starts a real Jupyter server)."""

import json
import shutil
import socket
import subprocess
import time
import urllib.request

import pytest

from justicegap import paths

pytestmark = pytest.mark.slow
TOKEN = "justicegap-test-token"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(port, path, method="GET", body=None):
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": f"token {TOKEN}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=20) as resp:
        return json.loads(resp.read() or b"null")


@pytest.fixture
def lab(tmp_path):
    workdir = tmp_path / "notebooks"
    shutil.copytree(paths.NOTEBOOKS, workdir, ignore=shutil.ignore_patterns("*.ipynb", ".ipynb_checkpoints"))
    port = free_port()
    proc = subprocess.Popen(
        [
            str(paths.ROOT / ".venv" / "bin" / "python"),
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            f"--port={port}",
            "--ip=127.0.0.1",
            f"--IdentityProvider.token={TOKEN}",
            f"--notebook-dir={workdir}",
            "--ServerApp.open_browser=False",
            "--allow-root",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.time() + 60
        while True:
            try:
                call(port, "/api/status")
                break
            except OSError:
                if time.time() > deadline or proc.poll() is not None:
                    pytest.fail("jupyter lab did not start")
                time.sleep(0.3)
        yield port, workdir
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_project_kernel_is_registered(lab):
    port, _ = lab
    specs = call(port, "/api/kernelspecs")["kernelspecs"]
    assert paths.KERNEL_NAME in specs
    argv = specs[paths.KERNEL_NAME]["spec"]["argv"]
    assert argv[0].startswith(str(paths.ROOT / ".venv"))


def test_saving_from_lab_round_trips(lab):
    port, workdir = lab
    name = "01_charge_gap.py"
    before = (workdir / name).read_bytes()
    model = call(port, f"/api/contents/{name}?type=notebook&content=1")
    assert model["type"] == "notebook"
    tags = [c["metadata"].get("tags", []) for c in model["content"]["cells"]]
    assert ["parameters"] in tags
    call(
        port,
        f"/api/contents/{name}",
        method="PUT",
        body={"type": "notebook", "format": "json", "content": model["content"]},
    )
    assert (workdir / name).read_bytes() == before
