"""The build server (justicegap.build.daemon): used only when current, same bytes as a build in
its own process, and a failed build through it fails the same way."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from justicegap import paths
from justicegap.build import daemon


def test_enabled_follows_the_setting_and_ci():
    assert daemon.enabled({})
    assert not daemon.enabled({"JUSTICEGAP_DAEMON": "0"})
    assert not daemon.enabled({"CI": "true"})
    assert daemon.enabled({"CI": "true", "JUSTICEGAP_DAEMON": "1"})


def test_key_changes_with_the_code_and_the_lock(tmp_path):
    src, lock = tmp_path / "src", tmp_path / "requirements.lock"
    (src / "build" / "templates").mkdir(parents=True)
    (src / "a.py").write_text("x = 1\n")
    (src / "build" / "templates" / "report.css").write_text("body {}\n")
    lock.write_text("pandas==2.2.3\n")
    first = daemon.key(src, lock)
    assert daemon.key(src, lock) == first
    (src / "a.py").write_text("x = 2\n")
    second = daemon.key(src, lock)
    (src / "build" / "templates" / "report.css").write_text("body { color: red }\n")
    third = daemon.key(src, lock)
    lock.write_text("pandas==2.2.4\n")
    fourth = daemon.key(src, lock)
    assert len({first, second, third, fourth}) == 4
    (src / "__pycache__").mkdir()
    (src / "__pycache__" / "a.cpython-312.pyc").write_bytes(b"\0")
    assert daemon.key(src, lock) == fourth  # compiled files are not code


def test_socket_path_carries_the_key_and_refuses_long_paths(tmp_path):
    path = daemon.socket_path(Path("/tmp/r"), "ab" * 32)
    assert path == Path("/tmp/r/.cache/daemon") / f"{'ab' * 8}.sock"
    assert daemon.socket_path(Path("/tmp") / ("x" * 90), "ab" * 32) is None


def test_no_server_means_build_in_process(tmp_path, monkeypatch):
    monkeypatch.setenv("JUSTICEGAP_DAEMON", "1")
    assert daemon.run_through_server(tmp_path, ["report"]) is None
    assert daemon.server_ready(tmp_path, timeout=0.3) is False  # none came up in time
    monkeypatch.setenv("JUSTICEGAP_DAEMON", "0")
    t0 = time.monotonic()
    assert daemon.server_ready(tmp_path, timeout=30) is False and time.monotonic() - t0 < 1  # off: no wait


def _cli(data, reports, env):
    return subprocess.run(
        [sys.executable, "-m", "justicegap.cli", "report", "--data-dir", str(data), "--reports-dir", str(reports)],
        cwd=paths.ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _wait_for(predicate, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.slow
def test_a_build_through_the_server_is_the_build_in_process(built, monkeypatch):
    short = Path(tempfile.mkdtemp(prefix="jgd-"))  # a socket path must stay short
    try:
        data = short / "data"
        shutil.copytree(built["data"], data)
        served, alone = short / "a", short / "b"
        shutil.copytree(built["reports"], served, symlinks=True)
        shutil.copytree(built["reports"], alone, symlinks=True)
        env = {**os.environ, "JUSTICEGAP_DAEMON": "1"}
        monkeypatch.setenv("JUSTICEGAP_DAEMON", "1")
        # a build in its own process starts the server for the next one
        first = _cli(data, served, env)
        assert first.returncode == 0, first.stdout + first.stderr
        assert "Started a build server" in first.stdout
        sock = daemon.socket_path(served, daemon.key())
        assert _wait_for(sock.is_socket), (served / ".cache/daemon/server.log").read_text()
        # make bench's wait: the server answers a status request once its spare parent is warm
        assert daemon.server_ready(served, timeout=60)
        # a server of other code is not used
        monkeypatch.setattr(daemon, "key", lambda *a: "0" * 64)
        assert daemon.run_through_server(served, ["report"]) is None
        monkeypatch.undo()

        events = data / "events.csv"
        events.write_text(events.read_text().replace("2020-07-14", "2020-07-16"))
        through = _cli(data, served, env)
        assert through.returncode == 0, through.stdout + through.stderr
        assert "Published reports/" in through.stdout
        assert "Started a build server" not in through.stdout
        timings = json.loads((served / "latest" / "timings.json").read_text())
        assert timings["served"] is True and timings["notebooks"]
        log = (served / ".cache/daemon/server.log").read_text()
        assert "] build " in log, log
        own = _cli(data, alone, {**os.environ, "JUSTICEGAP_DAEMON": "0"})
        assert own.returncode == 0, own.stdout + own.stderr
        assert json.loads((alone / "latest" / "timings.json").read_text())["served"] is False
        version = os.readlink(served / "latest")
        assert os.readlink(alone / "latest") == version != built["version"]
        files = sorted(
            str(p.relative_to(served / version))
            for p in (served / version).rglob("*")
            if p.is_file() and p.name != "timings.json"
        )
        assert files and files == sorted(
            str(p.relative_to(alone / version))
            for p in (alone / version).rglob("*")
            if p.is_file() and p.name != "timings.json"
        )
        differ = [f for f in files if (served / version / f).read_bytes() != (alone / version / f).read_bytes()]
        assert differ == []

        # bad data through the server: the build's own error, non-zero, nothing published
        before = sorted(p.name for p in served.iterdir())
        events.write_text(events.read_text().replace("2020-07-16", "2020-07-xx", 1))
        bad = _cli(data, served, env)
        assert bad.returncode == 1
        assert "events.csv:" in bad.stdout and "nothing was built" in bad.stdout
        assert sorted(p.name for p in served.iterdir()) == before
        assert os.readlink(served / "latest") == version
        assert (served / ".cache/daemon/server.log").read_text().count("] build ") == 2
    finally:
        for sock in short.glob("*/.cache/daemon/*.sock"):
            sock.unlink()  # the server exits within a second
        time.sleep(1.5)
        shutil.rmtree(short, ignore_errors=True)
