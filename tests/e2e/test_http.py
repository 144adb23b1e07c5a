"""HTTP layer of the node (NODE_API.md §2): health/info shapes, CORS, 404/405,
limits, malformed input, keep-alive and pipelining. Every test starts the real
relay binary on an ephemeral loopback port."""

import socket
import time

import relaytest
from relaytest import (COUNTER_PROGRAM, RelayTestCase, http_request_bytes, read_http_response,
                       recv_until_closed)

RPC_GET = {"jsonrpc": "2.0", "method": "counter.get_count", "id": 1}


class HttpTest(RelayTestCase):
    @classmethod
    def setUpClass(cls):
        # One node for the read-only tests; tests that may disturb it start their own.
        cls.shared = relaytest.Node(COUNTER_PROGRAM, ["-node-id", "http-test"])

    @classmethod
    def tearDownClass(cls):
        cls.shared.kill()

    def assert_still_serving(self, node=None):
        node = node or self.shared
        resp = node.get("/health")
        self.assertEqual(resp.status, 200)
        self.assertEqual(resp.json()["status"], "healthy")

    # --- shapes -----------------------------------------------------------
    def test_health_shape(self):
        resp = self.shared.get("/health")
        self.assertEqual(resp.status, 200)
        self.assertEqual(resp.header("content-type"), "application/json")
        body = resp.json()
        self.assertEqual(set(body), {"status", "node_id", "timestamp", "servers"})
        self.assertEqual(body["status"], "healthy")
        self.assertEqual(body["node_id"], "http-test")
        self.assertEqual(body["servers"], 1)
        self.assertIsInstance(body["timestamp"], int)
        self.assertLess(abs(body["timestamp"] - time.time()), 60)

    def test_info_shape(self):
        body = self.shared.get("/info").json()
        self.assertEqual(set(body), {"relay_version", "node_id", "servers", "endpoints",
                                     "jsonrpc_version"})
        self.assertEqual(body["node_id"], "http-test")
        self.assertEqual(body["servers"], ["counter"])
        self.assertEqual(body["endpoints"], {"rpc": "/rpc", "health": "/health", "info": "/info",
                                             "registry": "/registry"})
        self.assertEqual(body["jsonrpc_version"], "2.0")
        self.assertIsInstance(body["relay_version"], str)

    def test_startup_lines(self):
        self.assertEqual(self.shared.node_id, "http-test")
        self.assertEqual(self.shared.advertise, f"localhost:{self.shared.port}")
        for endpoint in ("POST /rpc", "GET /health", "GET /info"):
            self.assertIn(endpoint, self.shared.endpoints)

    # --- CORS, 404, 405 -----------------------------------------------------
    def test_cors_on_every_response(self):
        for resp in (self.shared.get("/health"), self.shared.get("/nope"),
                     self.shared.get("/rpc"), self.shared.post("/rpc", RPC_GET)):
            self.assertEqual(resp.header("access-control-allow-origin"), "*", resp)

    def test_options_preflight_is_204(self):
        resp = self.shared.request("OPTIONS", "/rpc", headers={
            "Origin": "http://example.org", "Access-Control-Request-Method": "POST"})
        self.assertEqual(resp.status, 204)
        self.assertEqual(resp.body, b"")
        self.assertEqual(resp.header("access-control-allow-origin"), "*")
        self.assertIn("POST", resp.header("access-control-allow-methods"))
        self.assertIn("Content-Type", resp.header("access-control-allow-headers"))

    def test_unknown_path_is_404_json(self):
        resp = self.shared.get("/no/such/path")
        self.assertEqual(resp.status, 404)
        self.assertEqual(resp.header("content-type"), "application/json")
        self.assertEqual(resp.json(), {"error": "not found"})

    def test_wrong_method_is_405_with_allow(self):
        resp = self.shared.get("/rpc")
        self.assertEqual(resp.status, 405)
        self.assertIn("POST", resp.header("allow"))
        self.assertIn("error", resp.json())
        resp = self.shared.post("/health", "{}")
        self.assertEqual(resp.status, 405)
        self.assertIn("GET", resp.header("allow"))

    def test_query_string_is_ignored_for_routing(self):
        self.assertEqual(self.shared.get("/health?verbose=1").status, 200)

    # --- limits -------------------------------------------------------------
    def test_body_over_one_mib_is_413(self):
        body = b'{"jsonrpc":"2.0","method":"counter.get_count","id":1,"pad":"' + \
            b"x" * (1024 * 1024) + b'"}'
        with self.shared.connect() as s:
            s.sendall(http_request_bytes("POST", "/rpc", body))
            resp, _ = read_http_response(s)
        self.assertEqual(resp.status, 413)
        self.assertIn("error", resp.json())
        self.assert_still_serving()

    def test_body_just_under_the_limit_is_served(self):
        pad = 1024 * 1024 - 200
        body = '{"jsonrpc":"2.0","method":"counter.get_count","id":1,"pad":"' + "x" * pad + '"}'
        resp = self.shared.post("/rpc", body)
        self.assertEqual(resp.status, 200)
        self.assertIn("result", resp.json())

    def test_oversized_headers_are_refused(self):
        request = (b"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * (64 * 1024) +
                   b"\r\n\r\n")
        data = self.shared.raw(request)
        self.assertTrue(data == b"" or data.startswith(b"HTTP/1.1 431") or
                        data.startswith(b"HTTP/1.1 400"), data[:100])
        self.assert_still_serving()

    # --- malformed input ----------------------------------------------------
    def test_garbage_bytes_get_400_or_close(self):
        for garbage in (b"\x00\xff\xfe garbage \r\n\r\n", b"HELLO\r\n\r\n",
                        b"GET / HTTP/9.9\r\n\r\n", b"GET /health HTTP/1.1\r\nBad Header\r\n\r\n",
                        bytes(range(256)) * 4):
            data = self.shared.raw(garbage, timeout=5)
            self.assertTrue(data == b"" or data.startswith(b"HTTP/1.1 400"), (garbage[:20], data[:80]))
        self.assert_still_serving()

    def test_truncated_headers_then_close(self):
        with self.shared.connect() as s:
            s.sendall(b"POST /rpc HTTP/1.1\r\nHost: x\r\nContent-Le")
        self.assert_still_serving()

    def test_half_a_body_then_close(self):
        with self.shared.connect() as s:
            s.sendall(b"POST /rpc HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"jsonrpc\"")
            s.shutdown(socket.SHUT_WR)
            self.assertEqual(recv_until_closed(s, timeout=5), b"")
        self.assert_still_serving()

    def test_many_abandoned_connections_do_not_stick_workers(self):
        sockets = [self.shared.connect() for _ in range(50)]
        for s in sockets:
            s.sendall(b"POST /rpc HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n{")
        # While 50 clients hang mid-request, others are still served.
        self.assertEqual(self.shared.rpc("counter.get_count")["jsonrpc"], "2.0")
        for s in sockets:
            s.close()
        self.assert_still_serving()

    def test_chunked_request_body(self):
        body = b'{"jsonrpc":"2.0","method":"counter.get_count","id":5}'
        request = (b"POST /rpc HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                   b"Content-Type: application/json\r\n\r\n" +
                   f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n")
        with self.shared.connect() as s:
            s.sendall(request)
            resp, _ = read_http_response(s)
        self.assertEqual(resp.status, 200)
        self.assertEqual(resp.json()["id"], 5)

    def test_expect_100_continue(self):
        body = b'{"jsonrpc":"2.0","method":"counter.get_count","id":8}'
        head = (b"POST /rpc HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                b"Content-Type: application/json\r\nContent-Length: " + str(len(body)).encode() +
                b"\r\n\r\n")
        with self.shared.connect() as s:
            s.sendall(head)
            interim, leftover = read_http_response(s)
            self.assertEqual(interim.status, 100)
            s.sendall(body)
            resp, _ = read_http_response(s, leftover)
        self.assertEqual(resp.status, 200)
        self.assertEqual(resp.json()["id"], 8)

    # --- keep-alive and pipelining -----------------------------------------
    def test_keep_alive_reuses_one_connection(self):
        conn = self.shared.connection()
        try:
            for i in range(20):
                resp = self.shared.request("POST", "/rpc", body={**RPC_GET, "id": i}, conn=conn)
                self.assertEqual(resp.status, 200)
                self.assertEqual(resp.json()["id"], i)
            sock = conn.sock
            self.assertIsNotNone(sock)
            resp = self.shared.request("GET", "/health", conn=conn)
            self.assertIs(conn.sock, sock, "connection was not reused")
        finally:
            conn.close()

    def test_pipelined_requests_answered_in_order(self):
        requests = b"".join(http_request_bytes("POST", "/rpc", {**RPC_GET, "id": i})
                            for i in range(10)) + http_request_bytes("GET", "/health")
        with self.shared.connect() as s:
            s.sendall(requests)
            leftover = b""
            for i in range(10):
                resp, leftover = read_http_response(s, leftover)
                self.assertEqual(resp.json()["id"], i)
            resp, leftover = read_http_response(s, leftover)
            self.assertEqual(resp.json()["status"], "healthy")

    def test_each_pipelined_request_has_only_its_own_headers(self):
        # The server reuses one Request per connection: a header of one request
        # must not leak into the next. X-Relay-Hops over 8 is refused, so a
        # stale header would make the second and fourth calls fail too.
        too_many = {"X-Relay-Hops": "9", "X-Padding-A": "a", "X-Padding-B": "b"}
        requests = (http_request_bytes("POST", "/rpc", {**RPC_GET, "id": 1}, headers=too_many)
                    + http_request_bytes("POST", "/rpc", {**RPC_GET, "id": 2})
                    + http_request_bytes("POST", "/rpc?x=1", {**RPC_GET, "id": 3}, headers=too_many)
                    + http_request_bytes("POST", "/rpc", {**RPC_GET, "id": 4}))
        with self.shared.connect() as s:
            s.sendall(requests)
            leftover = b""
            answers = []
            for _ in range(4):
                resp, leftover = read_http_response(s, leftover)
                answers.append(resp.json())
        self.assertEqual(answers[0]["error"]["code"], -32001)
        self.assertEqual(answers[1], {"jsonrpc": "2.0", "result": answers[1]["result"], "id": 2})
        self.assertEqual(answers[2]["error"]["code"], -32001)
        self.assertIn("result", answers[3])

    def test_connection_close_is_honoured(self):
        with self.shared.connect() as s:
            s.sendall(http_request_bytes("GET", "/health", headers={"Connection": "close"}))
            data = recv_until_closed(s)
        self.assertTrue(data.startswith(b"HTTP/1.1 200"))
        self.assertIn(b"healthy", data)

    def test_http_1_0_request(self):
        with self.shared.connect() as s:
            s.sendall(b"GET /health HTTP/1.0\r\n\r\n")
            data = recv_until_closed(s)
        self.assertTrue(data.startswith(b"HTTP/1.1 200"), data[:40])


if __name__ == "__main__":
    relaytest.main()
