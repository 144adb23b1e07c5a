"""Graceful shutdown on SIGINT/SIGTERM (NODE_API.md §1): stop accepting,
finish in-flight requests, exit 0 within 5 s."""

import json
import signal
import socket
import threading
import time

import relaytest
from relaytest import COUNTER_PROGRAM, RelayTestCase, http_request_bytes, read_http_response

SLOW_PROGRAM = COUNTER_PROGRAM + """
server slow {
    state {
        calls: number = 0
    }
    receive fn wait(ms: number) {
        set start = now().unix_ms()
        for i in range(100000) {
            for j in range(1000) {
                if now().unix_ms() - start >= ms { return "done" }
            }
        }
        "gave up"
    }
}
"""

EXIT_DEADLINE = 5.0


class ShutdownTest(RelayTestCase):
    def assert_prompt_clean_exit(self, node, sig):
        started = time.monotonic()
        code = node.stop(sig, timeout=EXIT_DEADLINE + 5)
        elapsed = time.monotonic() - started
        self.assertEqual(code, 0, node.stderr())
        self.assertLess(elapsed, EXIT_DEADLINE, "shutdown took too long")

    def test_sigterm_exits_0(self):
        node = self.start_node(COUNTER_PROGRAM)
        self.assertEqual(node.call("counter.get_count"), 0)
        self.assert_prompt_clean_exit(node, signal.SIGTERM)

    def test_sigint_exits_0(self):
        node = self.start_node(COUNTER_PROGRAM)
        self.assert_prompt_clean_exit(node, signal.SIGINT)

    def test_empty_node_exits_0(self):
        node = self.start_node(None)
        self.assert_prompt_clean_exit(node, signal.SIGTERM)

    def test_idle_keep_alive_connections_do_not_block_shutdown(self):
        node = self.start_node(COUNTER_PROGRAM)
        sockets = []
        for _ in range(5):
            s = node.connect()
            s.sendall(http_request_bytes("GET", "/health"))
            read_http_response(s)
            sockets.append(s)  # left open, idle
        half = node.connect()
        half.sendall(b"POST /rpc HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n{")
        sockets.append(half)
        try:
            self.assert_prompt_clean_exit(node, signal.SIGTERM)
        finally:
            for s in sockets:
                s.close()

    def test_in_flight_request_finishes(self):
        node = self.start_node(SLOW_PROGRAM, ["-log-level", "debug"])
        result = {}

        def slow_call():
            try:
                result["answer"] = node.rpc("slow.wait", [1000], timeout=20)
            except Exception as e:
                result["error"] = repr(e)

        thread = threading.Thread(target=slow_call)
        thread.start()
        # The debug log shows when the call has reached the node.
        relaytest.wait_until(lambda: "slow.wait" in node.stderr() or "method=slow.wait" in node.stderr(),
                             message="the slow call to arrive")
        self.assert_prompt_clean_exit(node, signal.SIGTERM)
        thread.join(20)
        self.assertEqual(result.get("answer", {}).get("result"), "done", result)

    def test_no_new_connections_after_stop(self):
        node = self.start_node(COUNTER_PROGRAM)
        host, port = node.host, node.port
        self.assert_prompt_clean_exit(node, signal.SIGTERM)
        with self.assertRaises(OSError):
            socket.create_connection((host, port), timeout=2).close()


if __name__ == "__main__":
    relaytest.main()
