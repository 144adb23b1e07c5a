"""Remote invocation and routing across nodes (NODE_API.md §4): qualified and
unqualified JSON-RPC calls, message() from Relay code, round robin, failover,
hop limit, timeouts, errors passed back unchanged."""

import signal
import threading

import relaytest
from relaytest import RelayTestCase, wait_until

# What the callee nodes run: a counter that says where it ran, and errors.
WORKER = """
server test_counter {
    state {
        count: number = 0
    }
    receive fn increment() -> number {
        state.set("count", state.count + 1)
    }
    receive fn get_count() -> number { state.count }
    receive fn where() -> string { node_id() }
    receive fn add(a: number, b: number) -> number { a + b }
    receive fn fail() { throw {error: "remote failure", code: 42} }
    receive fn broken() { nil + 1 }
}
"""

# What the calling node runs: no test_counter of its own.
CALLER = """
server caller {
    state {
        calls: number = 0
    }
    receive fn qualified(node: string) -> number {
        message(node + ".test_counter", "increment")
    }
    receive fn unqualified() -> number {
        message("test_counter", "increment")
    }
    receive fn named(node: string) -> number {
        set target = node + ".test_counter"
        send target add {a: 2, b: 3}
    }
    receive fn catch_remote(node: string) {
        try { message(node + ".test_counter", "fail") } catch e { e }
    }
}
"""

INTERVAL = ["-discovery-interval", "200ms"]


class RoutingTest(RelayTestCase):
    def worker(self, node_id, args=(), **kw):
        return self.start_node(WORKER, ["-node-id", node_id, *INTERVAL, *args], **kw)

    def caller(self, peers, args=()):
        """A caller node that has every node in `peers` as a healthy peer."""
        node = self.start_node(CALLER, ["-node-id", "caller", *INTERVAL, *args])
        for peer in peers:
            self.assertEqual(node.add_peer(peer.node_id, peer.address).status, 200)
        for peer in peers:
            node.wait_peer(peer.node_id)
        return node

    # --- JSON-RPC -------------------------------------------------------------------
    def test_qualified_call_runs_on_that_node(self):
        node1 = self.worker("node1")
        caller = self.caller([node1])
        self.assertEqual(caller.call("node1.test_counter.increment"), 1)
        self.assertEqual(caller.call("node1.test_counter.increment"), 2)
        self.assertEqual(node1.call("test_counter.get_count"), 2)
        self.assertEqual(caller.call("node1.test_counter.where"), "node1")
        self.assertEqual(caller.rpc("node1.test_counter.add", {"a": 1, "b": 2})["result"], 3)
        self.assertEqual(caller.rpc("node1.test_counter.add", [1.5, 2])["result"], 3.5)

    def test_own_node_id_is_local(self):
        node1 = self.worker("node1")
        self.assertEqual(node1.call("node1.test_counter.increment"), 1)

    def test_unqualified_call_is_forwarded(self):
        node1 = self.worker("node1")
        caller = self.caller([node1])
        self.assertEqual(caller.call("test_counter.increment"), 1)
        self.assertEqual(node1.call("test_counter.get_count"), 1)

    def test_peer_known_by_its_reported_id_or_the_added_one(self):
        node1 = self.worker("node1")
        caller = self.start_node(CALLER, ["-node-id", "caller", *INTERVAL])
        caller.add_peer("alias", node1.address)
        caller.wait_peer("alias")
        self.assertEqual(caller.call("alias.test_counter.where"), "node1")
        self.assertEqual(caller.call("node1.test_counter.where"), "node1")

    def test_errors_come_back_unchanged(self):
        node1 = self.worker("node1")
        caller = self.caller([node1])
        for method, params in (("fail", None), ("broken", None), ("nope", None),
                               ("add", [1]), ("add", {"a": 1, "z": 2})):
            with self.subTest(method=method):
                direct = node1.rpc(f"test_counter.{method}", params)["error"]
                forwarded = caller.rpc(f"node1.test_counter.{method}", params)["error"]
                self.assertEqual(forwarded, direct)
        err = caller.rpc("node1.test_counter.fail")["error"]
        self.assertEqual((err["code"], err["message"]), (-32000, "remote failure"))
        self.assertEqual(err["data"]["code"], 42)

    def test_unknown_and_unhealthy_nodes_answer_32001(self):
        caller = self.start_node(CALLER, ["-node-id", "caller", *INTERVAL])
        err = caller.rpc("ghost.test_counter.get_count")["error"]
        self.assertEqual((err["code"], err["data"]), (-32001, "ghost"))
        caller.add_peer("dead", f"127.0.0.1:{relaytest.free_port()}")
        caller.wait_peer("dead", healthy=False)
        err = caller.rpc("dead.test_counter.get_count")["error"]
        self.assertEqual((err["code"], err["data"]), (-32001, "dead"))
        # Not local and listed by no peer: an ordinary unknown method.
        self.assertEqual(caller.rpc("test_counter.get_count")["error"]["code"], -32601)

    def test_batches_and_notifications_are_forwarded(self):
        node1 = self.worker("node1")
        caller = self.caller([node1])
        batch = [{"jsonrpc": "2.0", "method": "node1.test_counter.increment", "id": "a"},
                 {"jsonrpc": "2.0", "method": "caller.qualified", "params": ["node1"], "id": "b"},
                 {"jsonrpc": "2.0", "method": "test_counter.increment"},
                 {"jsonrpc": "2.0", "method": "ghost.x.y", "id": 3}]
        answers = caller.rpc_raw(batch).json()
        self.assertEqual([a["id"] for a in answers], ["a", "b", 3])
        self.assertEqual(answers[2]["error"]["code"], -32001)
        # The three increments (one a notification) run in parallel, in any order.
        results = {answers[0]["result"], answers[1]["result"]}
        self.assertEqual(len(results), 2)
        self.assertLessEqual(results, {1, 2, 3})
        note = caller.rpc_raw({"jsonrpc": "2.0", "method": "node1.test_counter.increment"})
        self.assertEqual(note.status, 204)
        self.assertEqual(node1.call("test_counter.get_count"), 4)

    # --- message() / send from Relay code ----------------------------------------------
    def test_message_from_relay_code_reaches_the_peer(self):
        node1 = self.worker("node1")
        caller = self.caller([node1])
        self.assertEqual(caller.call("caller.qualified", "node1"), 1)
        self.assertEqual(caller.call("caller.unqualified"), 2)
        self.assertEqual(caller.call("caller.named", "node1"), 5)
        caught = caller.call("caller.catch_remote", "node1")
        self.assertEqual(caught["error"], "remote failure")
        self.assertEqual(node1.call("test_counter.get_count"), 2)

    def test_message_to_an_unknown_node_is_a_catchable_error(self):
        caller = self.start_node(CALLER, ["-node-id", "caller", *INTERVAL])
        err = caller.rpc("caller.qualified", ["ghost"])["error"]
        self.assertNotEqual(err["code"], 0)
        self.assertIn("ghost", str(err))

    # --- choosing a peer ----------------------------------------------------------------
    def test_round_robin_across_peers(self):
        node1 = self.worker("node1")
        node2 = self.worker("node2")
        caller = self.caller([node1, node2])
        served = [caller.call("test_counter.where") for _ in range(6)]
        self.assertEqual(sorted(served), ["node1"] * 3 + ["node2"] * 3)
        self.assertTrue(all(a != b for a, b in zip(served, served[1:])), served)

    def test_failover_skips_a_dead_peer(self):
        node1 = self.worker("node1")
        node2 = self.worker("node2")
        # A long interval: the caller still thinks node1 is healthy when it dies.
        caller = self.start_node(CALLER, ["-node-id", "caller", "-discovery-interval", "1m"])
        for peer in (node1, node2):
            caller.add_peer(peer.node_id, peer.address)
        for peer in (node1, node2):
            caller.wait_peer(peer.node_id)
        node1.kill()
        served = [caller.call("test_counter.where") for _ in range(4)]
        self.assertEqual(served, ["node2"] * 4)
        self.assertIs(caller.peers()["node1"]["is_healthy"], False)

    def test_hop_limit(self):
        node1 = self.worker("node1")
        caller = self.caller([node1])
        hops = lambda n: {"X-Relay-Hops": str(n)}  # noqa: E731
        self.assertEqual(caller.rpc("test_counter.get_count", headers=hops(7))["result"], 0)
        for n, method in ((8, "test_counter.increment"), (8, "node1.test_counter.increment"),
                          (9, "caller.qualified")):
            with self.subTest(hops=n, method=method):
                err = caller.rpc(method, headers=hops(n))["error"]
                self.assertEqual(err["code"], -32001)
        self.assertEqual(node1.call("test_counter.get_count"), 0)

    # --- timeouts ------------------------------------------------------------------------
    def test_call_to_a_stopped_node_times_out_without_blocking_others(self):
        node1 = self.worker("node1")
        node2 = self.worker("node2")
        caller = self.start_node(CALLER, ["-node-id", "caller", "-discovery-interval", "1m",
                                          "-call-timeout", "1s"])
        for peer in (node1, node2):
            caller.add_peer(peer.node_id, peer.address)
            caller.wait_peer(peer.node_id)
        node1.proc.send_signal(signal.SIGSTOP)
        try:
            result = {}
            pending = threading.Thread(
                target=lambda: result.update(caller.rpc("node1.test_counter.get_count", timeout=30)))
            pending.start()
            # While that call waits, everything else on the caller still works.
            self.assertEqual(caller.get("/health").status, 200)
            self.assertEqual(caller.call("node2.test_counter.increment"), 1)
            pending.join(timeout=30)
            self.assertEqual(result["error"]["code"], -32002)
            self.assertEqual(result["error"]["data"], 1000)
            err = caller.rpc("caller.qualified", ["node1"], timeout=30)["error"]
            self.assertIn(err["code"], (-32002, -32603, -32000), err)
        finally:
            node1.proc.send_signal(signal.SIGCONT)
        self.assertIsInstance(caller.call("node1.test_counter.get_count"), int)

    def test_shutdown_does_not_wait_for_stuck_remote_calls(self):
        node1 = self.worker("node1")
        caller = self.start_node(CALLER, ["-node-id", "caller", "-discovery-interval", "1m",
                                          "-call-timeout", "60s", "-log-level", "debug"])
        caller.add_peer("node1", node1.address)
        caller.wait_peer("node1")
        node1.proc.send_signal(signal.SIGSTOP)
        try:
            def stuck_call():
                try:
                    caller.rpc("caller.qualified", ["node1"], timeout=60)
                except OSError:
                    pass  # the node may close the connection when it stops
            threading.Thread(target=stuck_call, daemon=True).start()
            wait_until(lambda: "routing call" in caller.stderr(), message="the call routed")
            # Well before the 60 s call timeout: the stuck call is answered at shutdown.
            self.assertEqual(caller.stop(signal.SIGTERM, timeout=20), 0)
        finally:
            node1.proc.send_signal(signal.SIGCONT)


if __name__ == "__main__":
    relaytest.main()
