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

# A loop of Relay handlers across two nodes: server ring<k> on node A calls
# ring<k> on node B, which calls ring<k+1> on A, and B's last one calls A's
# ring0 again. Ten distinct actors, so the loop never comes back to a server
# still busy in the same chain before the hop limit (8) stops it; a loop back
# into a busy server would wait in its mailbox until the call timeout, which
# no hop count can shorten. walk(n) stops after n calls (n > 0 hops are below
# the limit); loop() goes round until something stops it.
RING = 5
HOP_LIMIT_ERROR = "Too many hops (forwarding loop?): 9"  # the refused request would be hop 9


def ring_program(first, other, qualified=True):
    """Servers ring0..ring<RING-1> of one node of the loop; `first`: node A.
    Unqualified: A's servers are a<k>, B's b<k>, called by name alone (routed
    to the peer that lists them)."""
    servers = []
    for k in range(RING):
        nxt = k if first else (k + 1) % RING
        if qualified:
            name = f"ring{k}"
            target = f'"{other}.ring{nxt}"'
        else:
            name = f"{'a' if first else 'b'}{k}"
            target = f'"{"b" if first else "a"}{nxt}"'
        servers.append(f"""
server {name} {{
    receive fn walk(n: number) -> string {{
        set here = node_id() + ".{name}"
        if n <= 0 {{ here }} else {{ here + " > " + message({target}, "walk", n - 1) }}
    }}
    receive fn loop() {{ message({target}, "loop") }}
}}
""")
    return "".join(servers)


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

    # --- hops through Relay code ----------------------------------------------------------
    def loop_nodes(self, qualified):
        """Nodes hopA and hopB running the two halves of the loop, each the
        other's healthy peer. A 20 s call timeout: the loop must end long
        before it, by the hop limit."""
        args = [*INTERVAL, "-call-timeout", "20s"]
        a = self.start_node(ring_program(True, "hopB", qualified), ["-node-id", "hopA", *args])
        b = self.start_node(ring_program(False, "hopA", qualified), ["-node-id", "hopB", *args])
        self.assertEqual(a.add_peer("hopB", b.address).status, 200)
        self.assertEqual(b.add_peer("hopA", a.address).status, 200)
        a.wait_peer("hopB")
        b.wait_peer("hopA")
        return a, b

    def assert_hop_limit_error(self, response):
        err = response["error"]
        # Refused (-32001) where the hop count ran out, then passed back through
        # every handler of the chain as a failed message.
        self.assertEqual(err["code"], -32603, err)
        self.assertEqual(err["data"]["kind"], "MessageError", err)
        self.assertEqual(err["data"]["error"], HOP_LIMIT_ERROR, err)

    def test_loop_through_relay_handlers_stops_at_the_hop_limit(self):
        a, b = self.loop_nodes(qualified=True)
        # Below the limit the ring works: 8 forwarded calls, 9 handlers.
        path = a.call("ring0.walk", 8).split(" > ")
        self.assertEqual(path[:3], ["hopA.ring0", "hopB.ring0", "hopA.ring1"])
        self.assertEqual(len(path), 9)
        # One more call would be the 9th hop: refused where it would be sent.
        self.assert_hop_limit_error(a.rpc("ring0.walk", [9], timeout=60))
        # A loop with no end of its own: stopped by the hop limit, not the timeout.
        self.assert_hop_limit_error(a.rpc("ring0.loop", timeout=60))
        self.assert_hop_limit_error(b.rpc("ring3.loop", timeout=60))
        # Started as a forwarded request (hop 6 already): the handlers continue
        # from its count, so only two more forwards are allowed.
        self.assertEqual(len(a.call("hopB.ring2.walk", 1).split(" > ")), 2)
        within = a.rpc("ring0.walk", [2], headers={"X-Relay-Hops": "6"}, timeout=60)
        self.assertEqual(within["result"], "hopA.ring0 > hopB.ring0 > hopA.ring1")
        self.assert_hop_limit_error(a.rpc("ring0.walk", [3], headers={"X-Relay-Hops": "6"}, timeout=60))
        # Every server of the loop was released: the whole ring answers again.
        self.assertEqual(len(b.call("ring4.walk", 8).split(" > ")), 9)

    def test_loop_through_unqualified_names_stops_at_the_hop_limit(self):
        a, b = self.loop_nodes(qualified=False)
        wait_until(lambda: "hopB.b0" in a.servers() and "hopA.a0" in b.servers(),
                   message="each node lists the other's servers")
        self.assertEqual(len(a.call("a0.walk", 8).split(" > ")), 9)
        self.assert_hop_limit_error(a.rpc("a0.loop", timeout=60))
        # Unqualified JSON-RPC forwarding and Relay code count the same hops.
        self.assert_hop_limit_error(a.rpc("b2.loop", timeout=60))

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
