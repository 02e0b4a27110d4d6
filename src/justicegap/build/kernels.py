"""Notebook kernels forked from a warm parent, so the analysis stack is imported once per build.

A plain kernel is a new interpreter that imports ipykernel, pandas, matplotlib and lifelines
before the notebook's first line runs: about two seconds of every run. Instead the build starts
one :class:`WarmParent` (``warm_parent.py``) that imports those modules once; each notebook run
still gets its own kernel, a process forked from that parent, so no run sees another's state,
and it runs exactly as a plain kernel would (the same command line, environment and working
directory; ``tests/test_kernels.py`` holds its outputs byte for byte against a plain kernel's).

papermill is given :class:`WarmKernelManager`, whose provisioner asks the parent for a kernel. If
the parent is not there or does not answer, it starts a plain kernel instead and says so in the
build log (``fallbacks``).
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from queue import Empty

import zmq
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning.local_provisioner import LocalProvisioner
from jupyter_client.utils import ensure_async
from traitlets import DottedObjectName, Type

ENV_SOCKET = "JUSTICEGAP_WARM_KERNELS"
ENV_PLAIN = "JUSTICEGAP_PLAIN_KERNELS"  # set (to anything) for plain kernels only: the bench compares
# What the parent imports before forking: the kernel itself and the analysis stack. Never a
# project module (the build records which project modules each kernel imported).
PRELOAD = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.debugger",  # debugpy and pydevd: imported by every kernel at start (~0.1 s each)
    "IPython.core.interactiveshell",
    "IPython.core.completerlib",
    "sqlite3",  # IPython's history
    "psutil",
    "numpy",
    "pandas",
    "matplotlib",
    "matplotlib.pyplot",
    "matplotlib.backends.backend_agg",
    "PIL.PngImagePlugin",  # and the plugins PIL loads on its first save
    "PIL.BmpImagePlugin",
    "PIL.GifImagePlugin",
    "PIL.JpegImagePlugin",
    "PIL.PpmImagePlugin",
    "scipy.stats",
    "lifelines",
    "pandas.core.reshape.reshape",
    "pandas.io.formats.csvs",
    "markdown_it",
    "yaml",
)

# A build's kernels, warm or plain, keep no IPython history: a batch run has no use for it, and
# every kernel would otherwise open the user's ~/.ipython history database and write each cell
# into it (SQLite, shared by the two kernels running at once). The history a notebook can see
# in memory (In, Out, _i) is unchanged.
BUILD_KERNEL_ARGS = ("--HistoryManager.enabled=False",)
RECONNECT_MS = 5  # how often a kernel client retries a port the kernel has not bound yet

# Why warm kernels were not used in this process (one line each; the build prints them).
fallbacks: list[str] = []


_spare: WarmParent | None = None  # one started ahead of a build by the build server (.daemon)


def take_spare(interpreter: list[str]) -> WarmParent | None:
    """The warm parent the build server started for this build, if it runs this interpreter;
    each is handed to one build only (and has forked no kernel before it)."""
    global _spare
    spare, _spare = _spare, None
    if spare is not None and spare.interpreter != list(interpreter):
        spare.close(unused=True)
        return None
    return spare


class WarmParent:
    """The warm parent process of one build; ``socket_path`` is what kernels are requested on."""

    def __init__(self, proc: subprocess.Popen, socket_path: Path, tmpdir: Path, interpreter=()):
        self.proc = proc
        self.socket_path = socket_path
        self.tmpdir = tmpdir
        self.interpreter = list(interpreter)

    @classmethod
    def start(cls, interpreter: list[str], modules=PRELOAD, timeout: float = 30) -> WarmParent:
        """Start the parent with the kernel's own interpreter and flags.

        Returns once the parent listens; it then imports ``modules``, and the kernels requested
        meanwhile wait for it (so its imports overlap with the build's own start-up)."""
        tmpdir = Path(tempfile.mkdtemp(prefix="jg-warm-"))
        path = tmpdir / "kernels.sock"
        script = Path(__file__).with_name("warm_parent.py")
        proc = subprocess.Popen(
            [*interpreter, str(script), str(path), *modules],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while not path.exists():
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                proc.wait()
                raise RuntimeError(f"the warm kernel parent did not start (exit status {proc.returncode})")
            time.sleep(0.01)
        return cls(proc, path, tmpdir, interpreter)

    def preload_failures(self) -> list[str]:
        """The preloads the parent could not import (their kernels import them themselves)."""
        ready, _, _ = select.select([self.proc.stdout], [], [], 0)
        if not ready:
            return []
        try:
            return json.loads(self.proc.stdout.readline()).get("failed", [])
        except ValueError:
            return []

    def stop(self) -> None:
        """Tell the parent to finish (it kills its remaining kernels and exits), without waiting."""
        if not self.proc.stdin.closed:
            self.proc.stdin.close()

    def close(self, unused: bool = False) -> None:
        """Stop the parent and wait for it. ``unused``: it forked no kernel, so there is nothing to
        shut down cleanly and it is killed at once (it may still be importing its preloads)."""
        self.stop()
        if not unused:
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):  # it may exit meanwhile
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        for path in (self.socket_path, self.tmpdir):
            try:
                path.unlink() if path.is_socket() else path.rmdir()
            except OSError:
                pass

    def __enter__(self) -> WarmParent:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def interpreter_of(argv: list[str]) -> list[str] | None:
    """The interpreter and its flags in a kernelspec's command line (``python [-X..] -m ipykernel_launcher``)."""
    try:
        i = argv.index("-m")
    except ValueError:
        return None
    if i + 1 >= len(argv) or argv[i + 1] != "ipykernel_launcher":
        return None
    return list(argv[:i])


class ForkedKernel:
    """A kernel process forked by the warm parent, with the part of Popen's interface jupyter_client uses."""

    stdin = stdout = stderr = None

    def __init__(self, conn: socket.socket, pid: int):
        self.conn = conn
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            ready, _, _ = select.select([self.conn], [], [], 0)
            if ready:
                self._read_exit()
        return self.returncode

    def _read_exit(self) -> None:
        data = b""
        while not data.endswith(b"\n"):
            chunk = self.conn.recv(4096)
            if not chunk:
                break
            data += chunk
        try:
            self.returncode = int(json.loads(data)["exit"])
        except (ValueError, KeyError):
            self.returncode = -signal.SIGKILL  # the parent went away
        self.conn.close()

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired("forked kernel", timeout)
            select.select([self.conn], [], [], 0.05)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.returncode is None:
            os.killpg(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


def request_kernel(socket_path: str, argv: list[str], env: dict, cwd: str, timeout: float = 30) -> ForkedKernel:
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    conn.settimeout(timeout)
    conn.connect(socket_path)
    conn.sendall(json.dumps({"argv": argv, "env": env, "cwd": cwd}).encode() + b"\n")
    data = b""
    while not data.endswith(b"\n"):
        chunk = conn.recv(4096)
        if not chunk:
            raise ConnectionError("the warm kernel parent closed the connection")
        data += chunk
    conn.settimeout(None)
    return ForkedKernel(conn, int(json.loads(data)["pid"]))


class WarmProvisioner(LocalProvisioner):
    """Launches the kernel by asking the warm parent to fork it; a plain kernel if that fails."""

    async def launch_kernel(self, cmd: list[str], **kwargs):
        cmd = [*cmd, *BUILD_KERNEL_ARGS]
        path = os.environ.get(ENV_SOCKET)
        if not path:  # plain kernels were asked for (or the parent could not start: said once)
            return await super().launch_kernel(cmd, **kwargs)
        reason = None if interpreter_of(cmd) else f"kernel command line is not ipykernel's: {cmd}"
        if reason is None:
            try:
                env = dict(kwargs.get("env") or os.environ)
                if not kwargs.get("independent"):  # as jupyter_client's launcher does
                    env["JPY_PARENT_PID"] = str(os.getpid())
                cwd = str(kwargs.get("cwd") or os.getcwd())
                self.process = request_kernel(path, list(cmd), env, cwd)
            except (OSError, ValueError, KeyError) as exc:
                reason = f"the warm parent did not give a kernel ({type(exc).__name__}: {exc})"
            else:
                self.pid = self.pgid = self.process.pid
                self.cwd = cwd
                return self.connection_info
        fallbacks.append(f"plain kernel: {reason}")
        return await super().launch_kernel(cmd, **kwargs)


class PromptClient(AsyncKernelClient):
    """jupyter_client's async client, ready as soon as its kernel is.

    ``wait_for_ready`` there ends by draining IOPub until it has been silent for 0.2 s, and so
    costs every run at least that long after the kernel answered. Here it stops at the message
    that ends the kernel-info exchange (the ``idle`` status whose parent is the request the reply
    answers): everything before it on IOPub is read, as there, and anything after it belongs to
    no request the client will make, which nbclient ignores (it reads only the messages whose
    parent is its own request). Otherwise the same: a reply on the shell channel within 1 s, then
    IOPub shown to be connected within 0.2 s, else ask again; a dead kernel or the timeout raises."""

    QUIET = 0.2  # seconds IOPub may stay silent after the reply before the request is made again
    QUIET_CONNECTED = 0.02  # the same, once IOPub is known to be connected
    _welcomed = False  # IOPub known to be connected (the kernel welcomed this subscriber)

    def _context_default(self):
        # The client connects as soon as the kernel's process exists, before the kernel has bound
        # its ports; ZeroMQ then retries every RECONNECT_IVL, 100 ms unless told otherwise, which
        # was most of a kernel's start-up. The option applies to the sockets of this client's own
        # context, nothing else.
        context = super()._context_default()
        context.setsockopt(zmq.RECONNECT_IVL, RECONNECT_MS)
        return context

    async def _async_wait_for_ready(self, timeout: float | None = None) -> None:
        deadline = time.time() + (float("inf") if timeout is None else timeout)
        while True:
            self.kernel_info()
            try:
                msg = await ensure_async(self.shell_channel.get_msg(timeout=1))
            except Empty:
                msg = None
            if msg is not None and msg["msg_type"] == "kernel_info_reply":
                if await self._idle_after(msg["parent_header"].get("msg_id")):
                    self._handle_kernel_info_reply(msg)
                    return
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.time() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")

    async def _idle_after(self, request_id: str | None) -> bool:
        """Read IOPub up to the idle status of ``request_id``; False if it fell silent first.

        Once the kernel has welcomed this subscriber, IOPub is connected, and the request's
        status messages, sent before its reply, are already here unless they went out before
        the subscription did: then a short silence is enough to ask again."""
        while True:
            quiet = self.QUIET_CONNECTED if self._welcomed else self.QUIET
            try:
                msg = await ensure_async(self.iopub_channel.get_msg(timeout=quiet))
            except Empty:
                return False
            if msg["msg_type"] == "iopub_welcome":
                self._welcomed = True
            elif msg["parent_header"].get("msg_id") == request_id:
                self._welcomed = True  # (a kernel that sends no welcome)
            if (
                msg["msg_type"] == "status"
                and msg["content"].get("execution_state") == "idle"
                and msg["parent_header"].get("msg_id") == request_id
            ):
                return True

    wait_for_ready = _async_wait_for_ready


class WarmKernelManager(AsyncKernelManager):
    """The kernel manager papermill is given: the usual one, with :class:`WarmProvisioner` and
    :class:`PromptClient`, and a kernel's end noticed within 5 ms rather than 100 ms (the
    manager's poll after killing it; a poll here is a ``select`` or ``waitpid``, nothing more).

    (Its sockets stay TCP: with ``ipc`` jupyter_client names the socket files after the working
    directory, which the two workers share, and their kernels then cross-talk.)"""

    client_class = DottedObjectName("justicegap.build.kernels.PromptClient")
    client_factory = Type(klass=PromptClient)

    async def _async_wait(self, pollinterval: float = 0.005) -> None:
        await super()._async_wait(pollinterval=0.005)

    async def _async_pre_start_kernel(self, **kw):
        if self.provisioner is None:
            self.kernel_id = self.kernel_id or kw.pop("kernel_id", str(uuid.uuid4()))
            self.provisioner = WarmProvisioner(kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self)
        return await super()._async_pre_start_kernel(**kw)


def kernel_interpreter(kernel_name: str) -> list[str] | None:
    """The interpreter a kernelspec runs, or None if it is not a plain ipykernel command."""
    from jupyter_client.kernelspec import KernelSpecManager

    argv = KernelSpecManager().get_kernel_spec(kernel_name).argv
    found = interpreter_of(argv)
    if found and found[0] == "python":  # the python3 spec names no interpreter: it means ours
        found[0] = sys.executable
    return found
