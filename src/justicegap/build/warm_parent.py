"""A warm parent for notebook kernels: imports the analysis stack once, then forks one kernel per run.

Run as a script (``python warm_parent.py SOCKET MODULE...``), never imported by the project: it
must not import ``justicegap`` itself, so that a forked kernel imports every project module afresh
(the build records which ones it imported, and its cache key depends on exactly those).

The parent imports the listed third-party modules, prints ``ready`` and serves requests on a Unix
socket: each request (one JSON line: the kernel's ``argv``, ``env`` and ``cwd``, as jupyter_client
would have started it) is answered by forking a child that becomes that kernel, in a new session,
with that environment and working directory. The parent replies ``{"pid": ...}`` on the same
connection and, when the child exits, ``{"exit": status}``. The parent runs no notebook code, so
every kernel starts from the same state: the parent's, just after its imports. It exits when its
standard input closes (the build ended), killing any kernel still running.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import selectors
import signal
import socket
import sys
import time

KERNEL_MODULE = "ipykernel_launcher"


def _kernel_args(argv: list[str]) -> list[str]:
    """The arguments after ``-m ipykernel_launcher`` in a kernel command line."""
    i = argv.index("-m")
    if argv[i + 1] != KERNEL_MODULE:
        raise ValueError(f"not an ipykernel command line: {argv}")
    return argv[i + 2 :]


def _become_kernel(request: dict) -> None:
    """In the forked child: turn into the kernel jupyter_client asked for. Never returns."""
    code = 1
    try:
        signal.set_wakeup_fd(-1)  # the parent's, about to be closed: never written from here
        os.setsid()
        for sig in (signal.SIGCHLD, signal.SIGTERM, signal.SIGPIPE, signal.SIGINT):
            signal.signal(sig, signal.SIG_DFL)
        devnull = os.open(os.devnull, os.O_RDWR)
        os.dup2(devnull, 0)
        os.dup2(2, 1)  # the parent's stdout is the pipe it said "ready" on
        os.closerange(3, 1 << 16)  # the parent's sockets and pipes (devnull among them)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        args = _kernel_args(request["argv"])
        if os.environ.get("JPY_PARENT_PID"):
            # ipykernel reads this at import time (in the parent, where it was not set yet)
            args.append(f"--IPKernelApp.parent_handle={int(os.environ['JPY_PARENT_PID'])}")
        sys.argv = [KERNEL_MODULE, *args]
        # A fresh interpreter seeds its random generators from the OS; so does each forked kernel.
        import random

        random.seed()
        if "numpy" in sys.modules:
            sys.modules["numpy"].random.seed()
        from ipykernel import kernelapp

        kernelapp.launch_new_instance(argv=args)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # noqa: BLE001 - report and exit; the build falls back or retries
        import traceback

        traceback.print_exc()
    finally:
        os._exit(code)


def serve(path: str, modules: list[str]) -> None:
    # Listen first: requests that come while the modules are imported wait in the backlog.
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(64)
    failed = []
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001 - an optional preload; the kernel imports it itself
            failed.append(f"{name}: {type(exc).__name__}: {exc}")
    sel = selectors.DefaultSelector()
    sel.register(listener, selectors.EVENT_READ, "accept")
    sel.register(sys.stdin, selectors.EVENT_READ, "stdin")
    # A kernel's exit wakes the loop at once (its client waits for the news), not at the next
    # timeout: SIGCHLD writes a byte to this pipe.
    woken, wake = os.pipe()
    os.set_blocking(woken, False)
    os.set_blocking(wake, False)
    signal.set_wakeup_fd(wake)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    sel.register(woken, selectors.EVENT_READ, "child")
    children: dict[int, socket.socket] = {}
    sys.stdout.write(json.dumps({"ready": True, "failed": failed}) + "\n")
    sys.stdout.flush()
    buffers: dict[socket.socket, bytes] = {}
    try:
        while True:
            for key, _ in sel.select(timeout=0.05):
                if key.data == "stdin":
                    if not os.read(sys.stdin.fileno(), 4096):
                        return
                elif key.data == "child":
                    with contextlib.suppress(BlockingIOError):
                        os.read(woken, 4096)
                elif key.data == "accept":
                    conn, _ = listener.accept()
                    buffers[conn] = b""
                    sel.register(conn, selectors.EVENT_READ, "request")
                else:
                    conn = key.fileobj
                    chunk = conn.recv(1 << 16)
                    if not chunk:
                        sel.unregister(conn)
                        buffers.pop(conn, None)
                        conn.close()
                        continue
                    buffers[conn] += chunk
                    if b"\n" not in buffers[conn]:
                        continue
                    request = json.loads(buffers.pop(conn).split(b"\n", 1)[0])
                    sel.unregister(conn)
                    pid = os.fork()
                    if pid == 0:
                        _become_kernel(request)
                    children[pid] = conn
                    conn.sendall(json.dumps({"pid": pid}).encode() + b"\n")
            while children:
                try:
                    pid, status = os.waitpid(-1, os.WNOHANG)
                except ChildProcessError:
                    break
                if pid == 0:
                    break
                conn = children.pop(pid, None)
                if conn is not None:
                    try:
                        conn.sendall(json.dumps({"exit": os.waitstatus_to_exitcode(status)}).encode() + b"\n")
                    except OSError:
                        pass
                    conn.close()
    finally:
        for pid in children:
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass
        deadline = time.monotonic() + 2
        while children and time.monotonic() < deadline:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            children.pop(pid, None)
            time.sleep(0.01)
        listener.close()
        try:
            os.unlink(path)
        except OSError:
            pass


if __name__ == "__main__":
    # Run as a script: sys.path[0] is this folder; drop it so nothing is imported from here.
    del sys.path[0]
    serve(sys.argv[1], sys.argv[2:])
