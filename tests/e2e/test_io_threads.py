"""JSON-RPC calls to idle servers run on the node's I/O thread (docs/NODE.md
"I/O threads"): a long or blocked handler must not stop the node from
serving other connections (/health first of all), and a call run there must
answer exactly as the same call queued for a worker."""

import json
import threading

import relaytest
from relaytest import RelayTestCase, wait_until

# `loop(ms)` busy-waits in Relay code; print() tells the test it started
# (stdout is line-buffered in server mode).
PROGRAM = """
fn busy(ms: number) {
    set start = now().unix_ms()
    for i in range(100000) {
        for j in range(1000) {
            if now().unix_ms() - start >= ms { return "done" }
        }
    }
    "gave up"
}

server slow {
    receive fn loop(ms: number) {
        print("slow started")
        busy(ms)
    }
    receive fn ping() { "pong" }
}

server front {
    receive fn ask_slow() {
        print("front asking")
        message("slow", "ping")
    }
}

server box {
    state {
        count: number = 0
    }
    receive fn hold(ms: number) {
        print("box holding")
        busy(ms)
        state.count
    }
    receive fn reset() { state.set("count", 0) }
    receive fn add(by: number) -> number { state.set("count", state.count + by) }
    receive fn add_then_throw(by: number) {
        state.set("count", state.count + by)
        throw {error: "rolled back", by: by}
    }
    receive fn throw_number() { throw 42 }
    receive fn broken() { nil + 1 }
    receive fn count() -> number { state.count }
}
"""

SLOW_MS = 1500


def call(method, params=None, id=None):
    req = {"jsonrpc": "2.0", "method": method}
    if params is not None:
        req["params"] = params
    if id is not None:
        req["id"] = id
    return req


class IoThreadsTest(RelayTestCase):
    def setUp(self):
        self.node = self.start_node(PROGRAM, ["-node-id", "io-test", "-disable-registry"])

    def start_in_background(self, method, params, started_line):
        """Calls `method` on its own connection; returns (thread, result dict)
        once the handler printed `started_line`."""
        before = self.node.stdout().count(started_line)
        result = {}

        def run():
            result["answer"] = self.node.rpc(method, params, timeout=60)

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        wait_until(lambda: self.node.stdout().count(started_line) > before, timeout=20,
                   message=f"{method} to start")
        return thread, result

    def assert_answers_while(self, thread, request):
        """`request()` succeeds at least once while `thread` still runs."""
        answered_while_running = False
        while thread.is_alive() and not answered_while_running:
            request()
            answered_while_running = thread.is_alive()
        self.assertTrue(answered_while_running,
                        "nothing was answered before the long call finished")

    def test_health_answers_while_a_handler_runs_long(self):
        thread, result = self.start_in_background("slow.loop", [SLOW_MS], "slow started")
        self.assert_answers_while(thread, lambda: self.assertEqual(
            self.node.get("/health", timeout=5).status, 200))
        self.assert_answers_while(thread, lambda: self.assertEqual(
            self.node.call("box.add", 1), self.node.call("box.count")))
        thread.join(60)
        self.assertEqual(result["answer"]["result"], "done")

    def test_health_answers_while_a_handler_waits_for_a_busy_server(self):
        thread, slow = self.start_in_background("slow.loop", [SLOW_MS], "slow started")
        # front runs on a second I/O thread and waits there for slow.
        asker, asked = self.start_in_background("front.ask_slow", None, "front asking")
        self.assert_answers_while(thread, lambda: self.assertEqual(
            self.node.get("/health", timeout=5).status, 200))
        asker.join(60)
        thread.join(60)
        self.assertEqual(asked["answer"]["result"], "pong")
        self.assertEqual(slow["answer"]["result"], "done")

    def test_inline_and_queued_calls_answer_alike(self):
        batch = [
            call("box.reset", id=1),
            call("box.add", [2], id=2),
            call("box.add", {"by": 3}, id=3),
            call("box.add_then_throw", [100], id=4),
            call("box.throw_number", id=5),
            call("box.broken", id=6),
            call("box.add", ["x"], id=7),
            call("box.add", [], id=8),
            call("box.nope", id=9),
            call("box.add", [1]),  # a notification: runs, no answer
            call("box.count", id=10),
        ]
        # Idle server: every call runs on the I/O thread, one after the other.
        inline = self.node.rpc_raw(batch).json()
        # Busy server: the same calls queue behind `hold` and run on a worker.
        thread, _ = self.start_in_background("box.hold", [300], "box holding")
        queued = self.node.rpc_raw(batch, timeout=60).json()
        thread.join(60)
        self.assertEqual(json.dumps(inline, sort_keys=True), json.dumps(queued, sort_keys=True))
        self.assertEqual(inline[-1], {"jsonrpc": "2.0", "result": 6, "id": 10})


if __name__ == "__main__":
    relaytest.main()
