"""POST /rpc — JSON-RPC 2.0 as NODE_API.md §2 specifies it, against the real
relay binary running a real program."""

import http.client
import json
import threading

import relaytest
from relaytest import RelayTestCase

PROGRAM = """
struct Point { x: number, y: number }

server counter {
    state {
        count: number = 0
    }
    receive fn increment(by: number) -> number {
        state.set("count", state.get("count") + by)
        state.get("count")
    }
    receive fn get_count() -> number { state.count }
}

server types {
    state {
        n: number = 0
    }
    receive fn echo(value) { value }
    receive fn greet(name: string, times: number) -> string { name + times }
    receive fn point(x: number, y: number) { Point{x: x, y: y} }
    receive fn when() { now() }
    receive fn thrower() { throw {error: "bad thing", code: 7} }
    receive fn throw_number() { throw 42 }
    receive fn broken() { nil + 1 }
    receive fn add_then_fail(by: number) {
        state.set("n", state.n + by)
        throw {error: "rolled back"}
    }
    receive fn get_n() { state.n }
}

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
    receive fn spin() {
        for i in range(100000) {
            for j in range(100000) { }
        }
        "finished"
    }
}
"""

NODE_ID = "rpc.test-node"


def request(method, params=None, id=1):
    req = {"jsonrpc": "2.0", "method": method, "id": id}
    if params is not None:
        req["params"] = params
    return req


def notification(method, params=None):
    req = {"jsonrpc": "2.0", "method": method}
    if params is not None:
        req["params"] = params
    return req


class RpcTest(RelayTestCase):
    @classmethod
    def setUpClass(cls):
        cls.node = relaytest.Node(PROGRAM, ["-node-id", NODE_ID, "-call-timeout", "1500ms"])

    @classmethod
    def tearDownClass(cls):
        cls.node.kill()

    def error_of(self, response, code):
        self.assertIn("error", response, response)
        self.assertEqual(response["error"]["code"], code, response)
        self.assertIsInstance(response["error"]["message"], str)
        self.assertEqual(response["jsonrpc"], "2.0")
        return response["error"]

    # --- successful calls ---------------------------------------------------
    def test_single_call_and_envelope(self):
        resp = self.node.rpc("types.echo", ["hi"], id=3)
        self.assertEqual(resp, {"jsonrpc": "2.0", "result": "hi", "id": 3})

    def test_ids_echoed_exactly(self):
        for id in ("abc", 7, -1, 2.5, 12345678901234, None, "", "ünï"):
            body = self.node.rpc_raw(request("types.echo", [1], id)).body.decode()
            self.assertEqual(json.loads(body)["id"], id)
            self.assertIn('"id":' + json.dumps(id, ensure_ascii=False).replace(", ", ","), body)

    def test_positional_and_named_params(self):
        self.assertEqual(self.node.rpc("types.greet", ["a", 3])["result"], "a3")
        self.assertEqual(self.node.rpc("types.greet", {"times": 2, "name": "b"})["result"], "b2")

    def test_json_mapping_of_results(self):
        raw = self.node.rpc_raw(request("types.echo", [3])).body
        self.assertIn(b'"result":3', raw)  # integral numbers without a fraction
        self.assertNotIn(b"3.0", raw)
        self.assertEqual(self.node.rpc("types.echo", [6.5])["result"], 6.5)
        self.assertIn(b"6.5", self.node.rpc_raw(request("types.echo", [6.5])).body)
        self.assertEqual(self.node.rpc("types.point", [1, 2])["result"],
                         {"_type": "Point", "x": 1, "y": 2})
        when = self.node.rpc("types.when")["result"]
        self.assertRegex(when, r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")
        value = {"a": [1, True, None, "s", {"b": []}], "c": -0.25}
        self.assertEqual(self.node.rpc("types.echo", [value])["result"], value)

    def test_nesting_within_the_limit(self):
        deep = []
        for _ in range(100):
            deep = [deep]
        self.assertEqual(self.node.rpc("types.echo", [deep])["result"], deep)

    # --- notifications ----------------------------------------------------
    def test_notification_runs_and_gets_204(self):
        before = self.node.call("counter.get_count")
        resp = self.node.rpc_raw(notification("counter.increment", [10]))
        self.assertEqual(resp.status, 204)
        self.assertEqual(resp.body, b"")
        relaytest.wait_until(lambda: self.node.call("counter.get_count") >= before + 10,
                             message="notification effect")

    def test_batch_of_notifications_gets_204(self):
        resp = self.node.rpc_raw([notification("types.echo", [1]), notification("types.nope")])
        self.assertEqual(resp.status, 204)
        self.assertEqual(resp.body, b"")

    # --- batches ------------------------------------------------------------
    def test_batch_mixing_calls_invalid_requests_and_notifications(self):
        resp = self.node.rpc_raw([
            request("types.echo", ["one"], "a"),
            notification("types.echo", ["ignored"]),
            {"jsonrpc": "2.0", "id": "b"},                  # no method
            42,                                              # not an object
            request("types.nope", [], "c"),
            request("types.greet", ["x"], "d"),              # wrong arity
            request("types.echo", ["two"], "e"),
        ])
        self.assertEqual(resp.status, 200)
        answers = resp.json()
        self.assertIsInstance(answers, list)
        self.assertEqual(len(answers), 6)
        by_id = {a["id"]: a for a in answers if a["id"] is not None}
        self.assertEqual(by_id["a"]["result"], "one")
        self.error_of(by_id["b"], -32600)
        self.error_of(by_id["c"], -32601)
        self.error_of(by_id["d"], -32602)
        self.assertEqual(by_id["e"]["result"], "two")
        nulls = [a for a in answers if a["id"] is None]
        self.assertEqual(len(nulls), 1)
        self.error_of(nulls[0], -32600)

    def test_empty_batch_is_invalid_request(self):
        resp = self.node.rpc_raw([]).json()
        self.assertIsInstance(resp, dict)
        self.error_of(resp, -32600)
        self.assertIsNone(resp["id"])

    # --- errors ---------------------------------------------------------------
    def test_parse_error(self):
        for body in ("{", "not json", '{"jsonrpc":"2.0",}', ""):
            resp = self.node.rpc_raw(body)
            self.assertEqual(resp.status, 200)
            err = self.error_of(resp.json(), -32700)
            self.assertIsInstance(err["data"], str)
            self.assertIsNone(resp.json()["id"])

    def test_too_deep_nesting_is_rejected_not_a_crash(self):
        for depth in (300, 100000):
            body = '{"jsonrpc":"2.0","method":"types.echo","id":1,"params":[' + \
                "[" * depth + "]" * depth + "]}"
            self.error_of(self.node.rpc_raw(body).json(), -32700)
        self.assertEqual(self.node.get("/health").status, 200)

    def test_invalid_requests(self):
        cases = [
            {"method": "types.echo", "id": 1},                        # no jsonrpc
            {"jsonrpc": "1.0", "method": "types.echo", "id": 1},
            {"jsonrpc": "2.0", "method": 5, "id": 1},
            {"jsonrpc": "2.0", "id": 1},
            {"jsonrpc": "2.0", "method": "types.echo", "params": "x", "id": 1},
            {"jsonrpc": "2.0", "method": "types.echo", "id": [1]},
            '"a string"', "17", "null",  # JSON texts that are not request objects
        ]
        for case in cases:
            err = self.error_of(self.node.rpc_raw(case).json(), -32600)
            self.assertIsInstance(err["data"], str, case)

    def test_method_not_found(self):
        for name in ("types.nope", "ghost.get", "nodots"):
            err = self.error_of(self.node.rpc(name, []), -32601)
            self.assertIn(name.split(".")[0], json.dumps(err.get("data")))

    def test_invalid_params(self):
        cases = [
            ("types.greet", ["a"]),                          # too few
            ("types.greet", ["a", 1, 2]),                    # too many
            ("types.greet", [1, 2]),                         # type mismatch
            ("types.greet", {"name": "a"}),                  # missing named
            ("types.greet", {"name": "a", "times": 1, "x": 2}),  # unknown named
            ("counter.increment", ["1"]),
        ]
        for method, params in cases:
            err = self.error_of(self.node.rpc(method, params), -32602)
            self.assertIn("data", err, (method, params))

    def test_runtime_error_is_internal_error_with_details(self):
        err = self.error_of(self.node.rpc("types.broken"), -32603)
        self.assertEqual(set(err["data"]) & {"error", "kind", "line"}, {"error", "kind", "line"})
        self.assertEqual(err["data"]["kind"], "TypeError")

    def test_thrown_values_are_application_errors(self):
        err = self.error_of(self.node.rpc("types.thrower"), -32000)
        self.assertEqual(err["message"], "bad thing")
        self.assertEqual(err["data"], {"error": "bad thing", "code": 7})
        err = self.error_of(self.node.rpc("types.throw_number"), -32000)
        self.assertEqual(err["message"], "Application error")
        self.assertEqual(err["data"], 42)

    def test_failed_call_rolls_back_state(self):
        before = self.node.call("types.get_n")
        self.error_of(self.node.rpc("types.add_then_fail", [5]), -32000)
        self.assertEqual(self.node.call("types.get_n"), before)

    def test_timeout(self):
        err = self.error_of(self.node.rpc("slow.spin", timeout=30), -32002)
        self.assertEqual(err["data"], 1500)
        # The server is free again afterwards.
        self.assertEqual(self.node.rpc("slow.wait", [0], timeout=30)["result"], "done")

    # --- node-qualified names -------------------------------------------------
    def test_own_node_id_with_dots_is_local(self):
        self.assertEqual(self.node.rpc(f"{NODE_ID}.types.echo", ["x"])["result"], "x")

    def test_unknown_node_is_32001(self):
        err = self.error_of(self.node.rpc("other.node.types.echo", ["x"]), -32001)
        self.assertEqual(err["data"], "other.node")

    # --- concurrency ------------------------------------------------------------
    def test_slow_handler_does_not_delay_other_servers(self):
        slow_done = threading.Event()
        result = {}

        def slow_call():
            result["slow"] = self.node.rpc("slow.wait", [1200], timeout=30)
            slow_done.set()

        thread = threading.Thread(target=slow_call)
        thread.start()
        try:
            answered_while_slow = 0
            for _ in range(20):
                self.assertIn("result", self.node.rpc("types.echo", [1]))
                if not slow_done.is_set():
                    answered_while_slow += 1
            self.assertGreater(answered_while_slow, 0,
                               "no other call was answered while the slow handler ran")
        finally:
            thread.join(30)
        self.assertEqual(result["slow"]["result"], "done")


class ConcurrencyTest(RelayTestCase):
    def test_16_clients_1000_increments_each(self):
        node = self.start_node(PROGRAM)
        clients, per_client = 16, 1000
        errors = []

        def client():
            conn = http.client.HTTPConnection(node.host, node.port, timeout=30)
            try:
                for i in range(per_client):
                    body = json.dumps(request("counter.increment", [1], i))
                    conn.request("POST", "/rpc", body, {"Content-Type": "application/json"})
                    answer = json.loads(conn.getresponse().read())
                    if "result" not in answer:
                        errors.append(answer)
                        return
            except Exception as e:  # report, do not hang the test
                errors.append(repr(e))
            finally:
                conn.close()

        threads = [threading.Thread(target=client) for _ in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        self.assertEqual(errors, [])
        self.assertEqual(node.call("counter.get_count"), clients * per_client)


if __name__ == "__main__":
    relaytest.main()
