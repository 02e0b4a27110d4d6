"""A build server: the build's imports paid once per session of work, not once per ``make report``.

A build spends about 2 s before it does any work of its own: starting the interpreter and
importing pandas, pandera, nbconvert, WeasyPrint, papermill and jupytext. After an edit of one
data row that is a third of the rebuild. So, after a build run in its own process,
``justicegap.cli report`` starts this server in the background (``JUSTICEGAP_DAEMON=0`` turns it
off; it is off when ``CI`` is set, and in the tests unless a test turns it on). The server imports
everything the build imports, then waits on a Unix socket under ``reports/.cache/daemon/``.

The next ``cli report`` connects and hands over its arguments, working directory, environment,
umask and its own standard input, output and error (the file descriptors themselves, sent over
the socket), then waits. The server forks one child per build, so no state passes from one build
to the next: every build starts from the server's state just after its imports, as a fresh
process would start after the same imports. The child takes over those descriptors, becomes its own
process group (the client passes on Ctrl-C and SIGTERM to that group, as a terminal would), runs
the build exactly as ``cli report`` would in-process, and reports its exit status.

The server is only used if it was started from exactly this code: its socket's name carries a
digest of ``src/`` (code and templates), the lock file, the interpreter and the checkout's path
(:func:`key`), so after any edit of the code the client finds no server, builds in its own process
and starts a current one (telling any older one to go by removing its socket). A server exits when
its socket file is removed or replaced, and after :data:`IDLE_SECONDS` without a build. If anything
goes wrong before the child has started, the client simply builds in its own process.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from .. import paths
from ..hashing import digest, sha256_file, tree_digest

ENV = "JUSTICEGAP_DAEMON"  # "0": never use or start a server; "1": use one even under CI
IDLE_SECONDS = 900.0
FOLDER = "daemon"  # under reports/.cache/
LOG = "server.log"
_MAX_SOCKET_PATH = 100  # sun_path holds 108 bytes on Linux; stay clear of it
IN_SERVER = False  # set in a server's build child: never ask a server to run a build from there


def enabled(env=None) -> bool:
    env = os.environ if env is None else env
    setting = env.get(ENV, "")
    if setting == "0":
        return False
    return setting == "1" or not env.get("CI")


def key(src: Path | None = None, lock: Path | None = None) -> str:
    """What a server's imports depend on: the project's code and templates, the locked packages,
    the interpreter and where the checkout is."""
    src = Path(src or paths.SRC / "justicegap")
    return digest(
        tree_digest(src),
        sha256_file(Path(lock or paths.LOCK_FILE)),
        sys.executable,
        sys.version,
        str(paths.ROOT),
    )


def folder(reports_dir: Path) -> Path:
    return Path(reports_dir) / ".cache" / FOLDER


def socket_path(reports_dir: Path, server_key: str) -> Path | None:
    """The socket of the server for this code; None if its path would be too long for a socket."""
    path = folder(reports_dir) / f"{server_key[:16]}.sock"
    return path if len(os.fsencode(str(path))) <= _MAX_SOCKET_PATH else None


# ---------------------------------------------------------------------------------------------
# The client: ``cli report``


def run_through_server(reports_dir: Path, argv: list[str]) -> int | None:
    """Run ``cli report argv`` in the current server; its exit status, or None if there is no
    current server (or it could not start the build): the caller then builds in its own process."""
    if IN_SERVER or not enabled():
        return None
    path = socket_path(reports_dir, key())
    if path is None or not path.is_socket():
        return None
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.settimeout(5)
        conn.connect(str(path))
        umask = os.umask(0)
        os.umask(umask)
        request = {
            "argv": list(argv),
            "cwd": os.getcwd(),
            "env": dict(os.environ),
            "umask": umask,
            "encoding": [getattr(sys.stdout, "encoding", None), getattr(sys.stderr, "encoding", None)],
        }
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        _send(conn, request, [0, 1, 2])
        reader = conn.makefile("rb")
        first = reader.readline()
        pid = json.loads(first)["pid"] if first else None
    except (OSError, ValueError, KeyError):
        conn.close()
        return None
    if not pid:
        conn.close()
        return None
    # From here on the build has started: never build a second time in this process.
    conn.settimeout(None)

    def forward(signum, _frame):
        with contextlib.suppress(OSError):
            os.killpg(pid, signum)

    previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    try:
        line = reader.readline()  # retried after a forwarded signal (PEP 475)
        status = json.loads(line).get("exit") if line else None
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        conn.close()
    if not isinstance(status, int):
        print(
            f"error: the build server's build (pid {pid}) stopped without an exit status; "
            f"see {folder(reports_dir) / LOG}",
            file=sys.stderr,
        )
        return 1
    return status


def _send(conn: socket.socket, request: dict, fds: list[int]) -> None:
    """One request: a JSON line, the descriptors ``fds`` riding on its first byte (SCM_RIGHTS)."""
    data = json.dumps(request).encode() + b"\n"
    socket.send_fds(conn, [data[:1]], fds)
    conn.sendall(data[1:])


def start_in_background(reports_dir: Path, echo=print) -> bool:
    """Start a server for this code for the next build, unless one is already up or starting.
    True if one was started. Older servers (other code) are told to go."""
    if IN_SERVER or not enabled():
        return False
    server_key = key()
    path = socket_path(reports_dir, server_key)
    if path is None:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_socket() or _locked(path.with_suffix(".lock")):
        return False
    for other in path.parent.glob("*.sock"):  # servers of other code: their socket gone, they exit
        if other != path:
            with contextlib.suppress(OSError):
                other.unlink()
    with open(path.parent / LOG, "ab") as log:
        subprocess.Popen(
            [sys.executable, "-m", "justicegap.build.daemon", "serve", str(path), server_key],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            start_new_session=True,
            cwd=paths.ROOT,
        )
    echo(
        f"Started a build server for the next builds (it stops after {IDLE_SECONDS / 60:.0f} idle minutes "
        f"or when the code changes; {ENV}=0 turns it off)."
    )
    return True


def _take_lock(lock_path: Path) -> int | None:
    """The server's lock (held from its start until it exits): its descriptor, or None if another
    process holds it."""
    import fcntl

    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def _locked(lock_path: Path) -> bool:
    """Whether a server holds this lock."""
    try:
        fd = _take_lock(lock_path)
    except OSError:
        return True
    if fd is None:
        return True
    os.close(fd)  # closing releases it
    return False


# ---------------------------------------------------------------------------------------------
# The server


def preload() -> None:
    """Everything a build imports, so that a forked build imports nothing of weight."""
    from . import pipeline

    pipeline._skip_iri_grammar()  # before anything imports jsonschema, as in a build
    import pandas  # noqa: F401
    import pandera  # noqa: F401

    from .. import cli  # noqa: F401
    from ..analysis import stages  # noqa: F401
    from ..data import dataset, schema, validate  # noqa: F401
    from . import execute

    execute._preload(True)


def serve(path: str, server_key: str, idle_seconds: float = IDLE_SECONDS) -> int:
    import selectors

    sock_path = Path(path)
    lock_fd = _take_lock(sock_path.with_suffix(".lock"))
    if lock_fd is None:
        return 0  # another server for this code is up or starting
    t0 = time.perf_counter()
    preload()
    if key() != server_key:  # the code changed while this server was importing it
        _log(f"code changed during start-up; exiting (key {server_key[:16]})")
        return 0
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    tmp = sock_path.with_name(f".{os.getpid()}.sock")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    listener.bind(str(tmp))
    os.chmod(tmp, 0o600)
    listener.listen(16)
    os.replace(tmp, sock_path)  # a client sees the socket only once the server can serve
    inode = sock_path.stat().st_ino
    _log(f"serving {sock_path.name} (pid {os.getpid()}, imports {time.perf_counter() - t0:.1f} s)")
    children: set[int] = set()
    _start_spare()
    last = time.monotonic()
    sel = selectors.DefaultSelector()
    sel.register(listener, selectors.EVENT_READ)
    try:
        while True:
            ready = sel.select(timeout=0.02 if children else 1.0)  # a build's end is seen at once
            while children:
                try:
                    pid, _ = os.waitpid(-1, os.WNOHANG)
                except ChildProcessError:
                    children.clear()
                    break
                if pid == 0:
                    break
                if pid in children:  # a build ended (not a spare warm parent): one for the next
                    children.discard(pid)
                    _start_spare()
                last = time.monotonic()
            if ready:
                conn, _ = listener.accept()
                pid = _handle(conn, listener, lock_fd)
                if pid:
                    children.add(pid)
                    _let_go_of_spare()
                last = time.monotonic()
                continue
            try:
                gone = sock_path.stat().st_ino != inode
            except FileNotFoundError:
                gone = True
            if gone:
                _log("socket removed or replaced; exiting")
                break
            if not children and time.monotonic() - last > idle_seconds:
                _log("idle; exiting")
                break
    finally:
        from . import kernels

        if kernels._spare is not None:
            kernels._spare.close(unused=True)
        listener.close()
        with contextlib.suppress(OSError):
            if sock_path.stat().st_ino == inode:
                sock_path.unlink()
    return 0


def _start_spare() -> None:
    """A warm kernel parent for the next build, started now so that its imports are done by the
    time that build needs kernels (a build started in its own process overlaps them with its own
    imports, which a build served from here no longer has). The build child inherits it
    (``kernels.take_spare``); it serves that build only."""
    from .. import paths
    from . import kernels

    global _no_spare
    if kernels._spare is not None or os.environ.get(kernels.ENV_PLAIN):
        return
    interpreter = kernels.kernel_interpreter(paths.KERNEL_NAME)
    if interpreter is None:
        _no_spare = True
        return
    try:
        kernels._spare = kernels.WarmParent.start(interpreter)
    except (OSError, RuntimeError) as exc:
        _no_spare = True
        _log(f"no spare warm kernel parent ({exc})")


_no_spare = False  # the last spare could not be started (the next build starts its own parent)


def _spare_ready() -> bool:
    """The spare warm parent has finished its imports (it writes one line when it has), or the
    builds use plain kernels and need none. The line is left for the build that takes the spare."""
    import select

    from . import kernels

    if os.environ.get(kernels.ENV_PLAIN) or _no_spare:
        return True
    spare = kernels._spare
    return spare is not None and bool(select.select([spare.proc.stdout], [], [], 0)[0])


def server_ready(reports_dir: Path, timeout: float = 60.0) -> bool:
    """Wait until the current server for ``reports_dir`` is up with its spare warm parent ready,
    as it is a moment after a build ends; False if there is none by ``timeout``. For ``make
    bench``, which times builds back to back where an analyst pauses between edits."""
    if not enabled():
        return False
    deadline, path = time.monotonic() + timeout, socket_path(reports_dir, key())
    while path is not None and time.monotonic() < deadline:
        if path.is_socket():
            with contextlib.suppress(OSError, ValueError), socket.socket(socket.AF_UNIX) as conn:
                conn.settimeout(5)
                conn.connect(str(path))
                _send(conn, {"status": True}, [])
                if json.loads(conn.makefile("rb").readline()).get("ready"):
                    return True
        time.sleep(0.05)
    return False


def _let_go_of_spare() -> None:
    """After forking a build: the spare is that build's now. Close this process's ends of its pipes
    (so it sees the end of its input when the build is done with it); it is reaped like a build."""
    from . import kernels

    spare, kernels._spare = kernels._spare, None
    if spare is not None:
        for pipe in (spare.proc.stdin, spare.proc.stdout):
            with contextlib.suppress(OSError):
                pipe.close()


def _handle(conn: socket.socket, listener: socket.socket, lock_fd: int) -> int | None:
    """Read one request and fork its build; the child's pid (None if the request was unreadable)."""
    fds: list[int] = []
    try:
        conn.settimeout(5)
        first, fds, _, _ = socket.recv_fds(conn, 1 << 16, 3)
        data = first
        while b"\n" not in data:
            chunk = conn.recv(1 << 16)
            if not chunk:
                raise ValueError("request cut short")
            data += chunk
        request = json.loads(data.split(b"\n", 1)[0])
        if request.get("status"):  # not a build: is a spare warm parent ready for the next one?
            conn.sendall(json.dumps({"ready": _spare_ready()}).encode() + b"\n")
            for fd in fds:
                os.close(fd)
            conn.close()
            return None
        if len(fds) != 3:
            raise ValueError(f"expected 3 file descriptors, got {len(fds)}")
    except (OSError, ValueError) as exc:
        _log(f"bad request: {exc}")
        for fd in fds:
            os.close(fd)
        conn.close()
        return None
    pid = os.fork()
    if pid == 0:
        listener.close()
        os.close(lock_fd)
        _become_build(request, fds, conn)
    for fd in fds:
        os.close(fd)
    conn.close()
    _log(f"build {pid}: report {' '.join(request.get('argv', [])[1:])}")
    return pid


def _become_build(request: dict, fds: list[int], conn: socket.socket) -> None:
    """In the forked child: the build ``cli report`` would have run. Never returns."""
    global IN_SERVER
    code = 1
    try:
        IN_SERVER = True
        os.setpgid(0, 0)
        for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGCHLD, signal.SIGPIPE):
            signal.signal(sig, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        conn.settimeout(None)
        conn.sendall(json.dumps({"pid": os.getpid()}).encode() + b"\n")
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        os.umask(int(request["umask"]))
        out_enc, err_enc = request.get("encoding") or (None, None)
        sys.stdin = open(0, closefd=False)  # noqa: SIM115 - the process's own streams
        sys.stdout = open(1, "w", encoding=out_enc, closefd=False, buffering=1 if os.isatty(1) else -1)  # noqa: SIM115
        sys.stderr = open(2, "w", encoding=err_enc, closefd=False, buffering=1)  # noqa: SIM115
        import random

        random.seed()
        if "numpy" in sys.modules:
            sys.modules["numpy"].random.seed()
        sys.argv = ["justicegap.cli", *request["argv"]]
        from ..cli import main

        code = main(request["argv"])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # noqa: BLE001 - the build's own errors are reported by the build
        import traceback

        traceback.print_exc()
        code = 1
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        with contextlib.suppress(Exception):  # a spare this build did not use: its folder goes
            from . import kernels

            if kernels._spare is not None:
                kernels._spare.close(unused=True)
        with contextlib.suppress(OSError):
            conn.sendall(json.dumps({"exit": code}).encode() + b"\n")
        os._exit(code if isinstance(code, int) else 1)


def _log(message: str) -> None:
    print(f"[justicegap build server] {message}", flush=True)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) == 3 and argv[0] == "serve":
        return serve(argv[1], argv[2])
    if len(argv) == 2 and argv[0] == "ready":  # exit 0 once a server for this code is ready
        return 0 if server_ready(Path(argv[1])) else 1
    print("usage: python -m justicegap.build.daemon serve SOCKET KEY | ready REPORTS_DIR", file=sys.stderr)
    return 2


if __name__ == "__main__":
    # Run as ``python -m``: this file is then ``__main__``, not the module the build imports, so
    # serve from that module (its IN_SERVER is the one ``cli report`` checks in a build child).
    from justicegap.build import daemon

    sys.exit(daemon.main())
