"""The peer-to-peer server registry (NODE_API.md §2 registry endpoints, §3
discovery and health) against real relay processes on loopback."""

import json
import os
import re
import signal
import threading

import relaytest
from relaytest import RelayTestCase, free_port, wait_until

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLE_PATH = os.path.join(HERE, "..", "..", "examples", "test_p2p_registry.rl")
with open(EXAMPLE_PATH) as f:
    EXAMPLE = f.read()

INTERVAL = ["-discovery-interval", "200ms"]
RFC3339_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")
COUNTER_METHODS = ["get_count", "get_info", "increment", "reset"]


class RegistryTest(RelayTestCase):
    def node(self, node_id, program=EXAMPLE, args=(), **kw):
        return self.start_node(program, ["-node-id", node_id, *INTERVAL, *args], **kw)

    def assert_error(self, response, status):
        self.assertEqual(response.status, status, response)
        self.assertEqual(response.header("content-type"), "application/json")
        body = response.json()
        self.assertIsInstance(body.get("error"), str, body)
        self.assertTrue(body["error"])

    # --- the seed document's example ------------------------------------------
    def test_seed_example_node2_discovers_node1(self):
        node1 = self.node("node1")
        node2 = self.node("node2")
        added = node2.add_peer("node1", node1.address)
        self.assertEqual(added.status, 200)
        self.assertEqual(added.json(), {"status": "success",
                                        "message": "Peer node1 added successfully"})
        node2.wait_peer("node1")

        registry = node2.get("/registry").json()
        self.assertEqual(set(registry), {"node_id", "node_address", "servers", "peers", "timestamp"})
        self.assertEqual(registry["node_id"], "node2")
        self.assertEqual(registry["node_address"], node2.advertise)
        self.assertRegex(registry["timestamp"], RFC3339_UTC)

        servers = registry["servers"]
        self.assertEqual(set(servers), {"test_counter", "discovery_test",
                                        "node1.test_counter", "node1.discovery_test"})
        local = servers["test_counter"]
        self.assertEqual(set(local), {"name", "node_id", "node_address", "methods", "state",
                                      "last_seen", "is_local"})
        self.assertEqual(local["name"], "test_counter")
        self.assertEqual(local["node_id"], "node2")
        self.assertEqual(local["node_address"], node2.advertise)
        self.assertEqual(local["methods"], COUNTER_METHODS)
        self.assertEqual(local["state"]["count"], "number")
        self.assertIs(local["is_local"], True)
        self.assertRegex(local["last_seen"], RFC3339_UTC)

        remote = servers["node1.test_counter"]
        self.assertEqual(remote["name"], "test_counter")
        self.assertEqual(remote["node_id"], "node1")
        self.assertEqual(remote["node_address"], node1.advertise)
        self.assertEqual(remote["methods"], COUNTER_METHODS)
        self.assertIs(remote["is_local"], False)
        self.assertRegex(remote["last_seen"], RFC3339_UTC)

        peer = registry["peers"]["node1"]
        self.assertEqual(set(peer), {"node_id", "address", "last_seen", "is_healthy", "server_count"})
        self.assertEqual(peer["node_id"], "node1")
        self.assertEqual(peer["address"], node1.address)
        self.assertIs(peer["is_healthy"], True)
        self.assertEqual(peer["server_count"], 2)
        self.assertRegex(peer["last_seen"], RFC3339_UTC)

    def test_servers_peers_and_health_endpoints(self):
        node1 = self.node("node1")
        node2 = self.node("node2")
        self.assertEqual(node2.add_peer("node1", node1.address).status, 200)
        node2.wait_peer("node1")
        registry = node2.get("/registry").json()
        servers = node2.get("/registry/servers")
        self.assertEqual(servers.status, 200)
        self.assertEqual(servers.header("access-control-allow-origin"), "*")
        self.assertEqual(set(servers.json()), set(registry["servers"]))
        self.assertEqual(set(node2.peers()), {"node1"})

        health = node2.get("/registry/health").json()
        self.assertEqual(set(health), {"status", "node_id", "node_address", "server_count",
                                       "peer_count", "timestamp"})
        self.assertEqual(health["status"], "healthy")
        self.assertEqual(health["node_id"], "node2")
        self.assertEqual(health["node_address"], node2.advertise)
        self.assertEqual(health["server_count"], 2)  # this node's local servers
        self.assertEqual(health["peer_count"], 1)
        self.assertRegex(health["timestamp"], RFC3339_UTC)

    def test_empty_node_registry(self):
        node = self.start_node(None, ["-node-id", "empty"])
        self.assertEqual(node.get("/registry").json()["servers"], {})
        self.assertEqual(node.peers(), {})
        health = node.get("/registry/health").json()
        self.assertEqual((health["server_count"], health["peer_count"]), (0, 0))

    def test_same_program_on_two_nodes_both_show_up_without_echo(self):
        node1 = self.node("node1")
        node2 = self.node("node2")
        node3 = self.start_node(None, ["-node-id", "node3", *INTERVAL])
        # node1 and node2 know each other; node3 knows both.
        for a, b in ((node1, node2), (node2, node1), (node3, node1), (node3, node2)):
            self.assertEqual(a.add_peer(b.node_id, b.address).status, 200)
        for a, b in ((node1, node2), (node2, node1), (node3, node1), (node3, node2)):
            a.wait_peer(b.node_id)
        self.assertEqual(set(node3.servers()), {"node1.test_counter", "node1.discovery_test",
                                                "node2.test_counter", "node2.discovery_test"})
        # node1 lists node2's own servers only: nothing it told node2 comes back.
        self.assertEqual(set(node1.servers()), {"test_counter", "discovery_test",
                                                "node2.test_counter", "node2.discovery_test"})

    def test_peer_with_a_different_reported_id(self):
        node1 = self.node("node1")
        node2 = self.node("node2")
        self.assertEqual(node2.add_peer("alias", f"http://{node1.address}/").status, 200)
        peer = node2.wait_peer("alias")
        self.assertEqual(peer["node_id"], "alias")
        self.assertEqual(peer["reported_node_id"], "node1")
        self.assertEqual(peer["address"], node1.address)  # normalised
        self.assertIn("node1.test_counter", node2.servers())

    # --- add / remove: success and every error ------------------------------------
    def test_add_peer_errors_are_400_with_an_error_message(self):
        node = self.node("self-node")
        for body in ('{"node_id": "x", "address": ', "[]", '"text"', "{}",
                     {"address": "localhost:1"}, {"node_id": "", "address": "localhost:1"},
                     {"node_id": 5, "address": "localhost:1"},
                     {"node_id": "bad id", "address": "localhost:1"},
                     {"node_id": "x" * 65, "address": "localhost:1"},
                     {"node_id": "p"}, {"node_id": "p", "address": ""},
                     {"node_id": "p", "address": "localhost"},
                     {"node_id": "p", "address": "localhost:0"},
                     {"node_id": "p", "address": "localhost:99999"},
                     {"node_id": "p", "address": "https://localhost:1"},
                     {"node_id": "p", "address": "http://localhost:1/rpc"},
                     {"node_id": "p", "address": "local host:1"},
                     {"node_id": "self-node", "address": "localhost:1"}):
            with self.subTest(body=body):
                self.assert_error(node.post("/registry/peers/add", body), 400)
        self.assertEqual(node.peers(), {})
        self.assert_error(node.post("/registry/peers/add", b""), 400)

    def test_add_accepts_both_address_forms(self):
        node = self.node("n")
        for node_id, address, listed in (("a", "localhost:1", "localhost:1"),
                                         ("b", "http://127.0.0.1:2", "127.0.0.1:2"),
                                         ("c", "http://127.0.0.1:3/", "127.0.0.1:3"),
                                         ("d.e-f_9", "[::1]:4", "[::1]:4")):
            self.assertEqual(node.add_peer(node_id, address).status, 200)
            entry = node.peers()[node_id]
            self.assertEqual((entry["node_id"], entry["address"]), (node_id, listed))
        self.assertEqual(node.get("/registry/health").json()["peer_count"], 4)

    def test_readd_updates_the_address(self):
        node1 = self.node("node1")
        node2 = self.node("node2")
        self.assertEqual(node2.add_peer("node1", f"127.0.0.1:{free_port()}").status, 200)
        node2.wait_peer("node1", healthy=False)
        self.assertEqual(node2.add_peer("node1", node1.address).status, 200)
        entry = node2.wait_peer("node1")
        self.assertEqual(entry["address"], node1.address)
        self.assertEqual(len(node2.peers()), 1)

    def test_remove_peer(self):
        node1 = self.node("node1")
        node2 = self.node("node2")
        node2.add_peer("node1", node1.address)
        node2.wait_peer("node1")
        self.assertIn("node1.test_counter", node2.servers())
        self.assert_error(node2.remove_peer("nobody"), 404)
        self.assert_error(node2.delete("/registry/peers/remove", {}), 400)
        self.assert_error(node2.delete("/registry/peers/remove", "not json"), 400)
        removed = node2.remove_peer("node1")
        self.assertEqual(removed.status, 200)
        self.assertEqual(removed.json()["status"], "success")
        self.assertIn("node1", removed.json()["message"])
        self.assertEqual(node2.peers(), {})
        self.assertEqual(set(node2.servers()), {"test_counter", "discovery_test"})
        self.assert_error(node2.remove_peer("node1"), 404)

    def test_wrong_methods_get_405(self):
        node = self.node("n")
        for method, path, allowed in (("GET", "/registry/peers/add", "POST"),
                                      ("POST", "/registry/peers/remove", "DELETE"),
                                      ("POST", "/registry", "GET"),
                                      ("DELETE", "/registry/health", "GET")):
            response = node.request(method, path, body="{}")
            self.assert_error(response, 405)
            self.assertIn(allowed, response.header("allow"))

    def test_disable_registry_removes_everything(self):
        node = self.start_node(EXAMPLE, ["-disable-registry", "-node-id", "closed"])
        for method, path in (("GET", "/registry"), ("GET", "/registry/servers"),
                             ("GET", "/registry/peers"), ("GET", "/registry/health"),
                             ("POST", "/registry/peers/add"), ("DELETE", "/registry/peers/remove")):
            self.assertEqual(node.request(method, path, body="{}").status, 404, path)
        self.assertEqual(node.call("test_counter.increment"), 1)
        err = node.rpc("other.test_counter.get_count")["error"]
        self.assertEqual(err["code"], -32001)
        self.assertEqual(err["data"], "other")

    # --- -add-peer ------------------------------------------------------------------
    def test_add_peer_flag_finds_a_peer_that_starts_later(self):
        port = free_port()
        watcher = self.node("watcher", args=["-add-peer", f"http://127.0.0.1:{port}"])
        key = f"127.0.0.1:{port}"
        entry = watcher.peers()[key]
        self.assertIs(entry["is_healthy"], False)
        self.assertEqual(entry["address"], key)
        late = self.node("late", port=port)
        watcher.wait_peer("late")
        self.assertNotIn(key, watcher.peers())
        self.assertIn("late.test_counter", watcher.servers())
        self.assertEqual(late.node_id, "late")

    def test_add_peer_flag_repeated_and_comma_separated(self):
        node1 = self.node("node1")
        node2 = self.node("node2")
        node3 = self.node("node3")
        watcher = self.start_node(None, ["-node-id", "w", *INTERVAL,
                                         "-add-peer", f"{node1.address},http://{node2.address}",
                                         "--add-peer", node3.address])
        for peer in ("node1", "node2", "node3"):
            watcher.wait_peer(peer)
        self.assertEqual(set(watcher.peers()), {"node1", "node2", "node3"})

    def test_malformed_add_peer_flag_is_a_usage_error(self):
        for value in ("not an address", "localhost", "https://localhost:1", "localhost:1,bad"):
            proc = relaytest.run_relay(["-server", "-port", "0", "-add-peer", value])
            self.assertEqual(proc.returncode, 2, (value, proc.stderr))
            self.assertIn("invalid peer address", proc.stderr)

    # --- health: dead, stopped and recovering peers ----------------------------------------
    def test_killed_peer_turns_unhealthy_loses_its_servers_and_recovers(self):
        node1 = self.node("node1")
        node2 = self.node("node2")
        node2.add_peer("node1", node1.address)
        node2.wait_peer("node1")
        port = node1.port
        node1.kill()
        node2.wait_peer("node1", healthy=False)
        wait_until(lambda: "node1.test_counter" not in node2.servers(),
                   message="node1's servers dropped")
        self.assertIn("node1", node2.peers())  # the peer itself stays listed
        self.node("node1", port=port)  # back on the same address
        node2.wait_peer("node1")
        self.assertIn("node1.test_counter", node2.servers())

    def test_stopped_peer_turns_unhealthy_without_delaying_anything(self):
        node1 = self.node("node1")
        node2 = self.node("node2")
        node3 = self.node("node3")
        node2.add_peer("node1", node1.address)
        node2.add_peer("node3", node3.address)
        node2.wait_peer("node1")
        node2.wait_peer("node3")
        node1.proc.send_signal(signal.SIGSTOP)
        try:
            node2.wait_peer("node1", healthy=False)
            # The other peer stays healthy, the API and local calls still answer.
            for _ in range(5):
                self.assertIs(node2.peers()["node3"]["is_healthy"], True)
                self.assertEqual(node2.get("/registry").status, 200)
                self.assertIsInstance(node2.call("test_counter.increment"), int)
        finally:
            node1.proc.send_signal(signal.SIGCONT)
        node2.wait_peer("node1")

    # --- concurrency -----------------------------------------------------------------------
    def test_concurrent_add_remove_and_read_storm(self):
        node1 = self.node("node1")
        node = self.node("storm")
        errors = []

        def worker(n):
            conn = node.connection()
            try:
                for i in range(40):
                    peer = f"p{(n * 7 + i) % 6}"
                    if i % 3 == 0:
                        r = node.add_peer(peer, node1.address if i % 2 else f"127.0.0.1:{1 + i}")
                        if r.status != 200:
                            errors.append(("add", r))
                    elif i % 3 == 1:
                        r = node.request("DELETE", "/registry/peers/remove", body={"node_id": peer},
                                         conn=conn)
                        if r.status not in (200, 404):
                            errors.append(("remove", r))
                    for path in ("/registry", "/registry/peers", "/registry/servers"):
                        r = node.request("GET", path, conn=conn)
                        if r.status != 200:
                            errors.append((path, r))
                        json.loads(r.body)
            except Exception as e:  # noqa: BLE001 - reported below
                errors.append(("exception", repr(e)))
            finally:
                conn.close()

        threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        self.assertEqual(errors, [])
        self.assertTrue(node.alive())
        # Still coherent afterwards: a clean add works and converges.
        for peer in list(node.peers()):
            node.remove_peer(peer)
        node.add_peer("node1", node1.address)
        node.wait_peer("node1")
        self.assertEqual(set(node.peers()), {"node1"})
        self.assertEqual(node.get("/registry/health").json()["peer_count"], 1)


if __name__ == "__main__":
    relaytest.main()
