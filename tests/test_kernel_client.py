"""The kernel client the build gives papermill: ready when the kernel is, without waiting out a silence.

No kernel here: a scripted one answers the client's kernel-info requests, so each case (IOPub
connected, IOPub subscribed too late, a dead kernel, a timeout) is exact.
"""

import asyncio
from queue import Empty

import pytest
import zmq

from justicegap.build import kernels


class Channel:
    """Messages in order; ``None`` is a silence (the wait times out)."""

    def __init__(self):
        self.queue, self.timeouts = [], []

    async def get_msg(self, timeout=None):
        if not self.queue or self.queue[0] is None:
            if self.queue:
                self.queue.pop(0)
            self.timeouts.append(timeout)
            raise Empty
        return self.queue.pop(0)


def msg(msg_type, parent=None, **content):
    return {"msg_type": msg_type, "parent_header": {"msg_id": parent} if parent else {}, "content": content}


class Kernel:
    """Answers request n as ``answers[n]`` says: ``(shell messages, iopub messages)``."""

    def __init__(self, *answers, alive=True):
        self.answers, self.alive, self.requests = list(answers), alive, []
        self.shell, self.iopub = Channel(), Channel()

    def request(self):
        rid = f"r{len(self.requests) + 1}"
        self.requests.append(rid)
        shell, iopub = self.answers.pop(0)(rid) if self.answers else ([None], [])
        self.shell.queue += shell
        self.iopub.queue += iopub
        return rid


def reply(rid):
    return msg("kernel_info_reply", rid, protocol_version="5.3")


def connected(rid):
    """IOPub subscribed in time: busy, the reply on shell, idle, then something that is not ours."""
    iopub = [msg("status", rid, execution_state="busy"), msg("status", rid, execution_state="idle")]
    return [reply(rid)], iopub + [msg("stream", "someone-else", name="stdout", text="x")]


def subscribed_late(rid):
    """The reply came before the subscription did: its status messages are lost, the welcome comes after."""
    return [reply(rid)], [msg("iopub_welcome"), None]


class Scripted(kernels.PromptClient):
    def __init__(self, kernel):
        super().__init__()
        self.kernel = kernel

    shell_channel = property(lambda self: self.kernel.shell)
    iopub_channel = property(lambda self: self.kernel.iopub)

    def kernel_info(self):
        return self.kernel.request()

    async def _async_is_alive(self):
        return self.kernel.alive


def ready(kernel, timeout=5):
    asyncio.run(Scripted(kernel).wait_for_ready(timeout=timeout))


def test_ready_at_the_idle_that_ends_the_kernel_info_exchange_leaving_later_messages_unread():
    kernel = Kernel(connected)
    ready(kernel)
    assert kernel.requests == ["r1"]
    assert kernel.iopub.timeouts == []  # no silence waited out (jupyter_client waits 0.2 s of one)
    assert [m["msg_type"] for m in kernel.iopub.queue] == ["stream"]


def test_status_messages_of_an_earlier_request_do_not_count_for_the_reply_being_waited_on():
    def stale(rid):  # r1's reply is lost; its statuses arrive
        return [None], [msg("status", rid, execution_state="busy"), msg("status", rid, execution_state="idle")]

    kernel = Kernel(stale, connected)
    ready(kernel)
    assert kernel.requests == ["r1", "r2"]
    assert kernel.shell.timeouts == [1]
    assert [m["msg_type"] for m in kernel.iopub.queue] == ["stream"]


def test_a_reply_before_the_subscription_means_asking_again_after_a_short_silence_once_welcomed():
    kernel = Kernel(subscribed_late, connected)
    ready(kernel)
    assert kernel.requests == ["r1", "r2"]
    assert kernel.iopub.timeouts == [kernels.PromptClient.QUIET_CONNECTED]


def test_without_a_welcome_the_client_waits_the_full_silence_before_asking_again():
    kernel = Kernel(lambda rid: ([reply(rid)], [None]), connected)
    ready(kernel)
    assert kernel.requests == ["r1", "r2"]
    assert kernel.iopub.timeouts == [kernels.PromptClient.QUIET]


def test_a_dead_kernel_and_a_silent_one_raise():
    with pytest.raises(RuntimeError, match="died"):
        ready(Kernel(alive=False))
    with pytest.raises(RuntimeError, match="didn't respond"):
        ready(Kernel(), timeout=0)


def test_the_build_s_kernel_clients_retry_an_unbound_port_every_few_milliseconds():
    client = kernels.WarmKernelManager().client()
    assert isinstance(client, kernels.PromptClient)
    sock = client.context.socket(zmq.DEALER)
    try:
        assert sock.getsockopt(zmq.RECONNECT_IVL) == kernels.RECONNECT_MS == 5
    finally:
        sock.close(0)
    plain = zmq.Context()
    try:
        assert plain.socket(zmq.DEALER).getsockopt(zmq.RECONNECT_IVL) == 100  # ZeroMQ's default
    finally:
        plain.destroy(linger=0)
