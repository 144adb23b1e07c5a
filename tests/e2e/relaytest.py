"""Shared helpers for the end-to-end tests: start the real `relay` binary on an
ephemeral loopback port and talk to it over sockets.

Usage:
    from relaytest import RelayTestCase, COUNTER_PROGRAM

    class MyTest(RelayTestCase):
        def test_x(self):
            node = self.start_node(COUNTER_PROGRAM)
            self.assertEqual(node.rpc("counter.get_count")["result"], 0)

Environment: RELAY_BIN = path of the relay binary (default: build/relay).
Everything waits with a bounded deadline; nothing sleeps and hopes.
"""

import http.client
import json
import os
import queue
import signal
import socket
import subprocess
import tempfile
import threading
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
RELAY_BIN = os.environ.get("RELAY_BIN") or os.path.join(HERE, "..", "..", "build", "relay")
START_TIMEOUT = float(os.environ.get("RELAY_START_TIMEOUT", "20"))

COUNTER_PROGRAM = """
server counter {
    state {
        count: number = 0
    }
    receive fn increment(by: number) -> number {
        state.set("count", state.get("count") + by)
        state.get("count")
    }
    receive fn get_count() -> number { state.count }
    receive fn reset() -> number {
        state.set("count", 0)
        0
    }
}
"""


def wait_until(predicate, timeout=10.0, interval=0.02, message="condition"):
    """Polls `predicate` until it returns a truthy value or the deadline passes."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {message}")
        time.sleep(interval)


class HttpResponse:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # dict with lower-case names
        self.body = body        # bytes

    def header(self, name):
        return self.headers.get(name.lower())

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def __repr__(self):
        return f"HttpResponse({self.status}, {self.body[:200]!r})"


def run_relay(args, stdin=None, timeout=30, env=None):
    """Runs relay to completion (no server) and returns CompletedProcess (text)."""
    return subprocess.run([RELAY_BIN, *args], input=stdin, capture_output=True,
                          text=True, timeout=timeout, env=env)


def write_program(source, directory=None):
    """Writes `source` to a temporary .rl file and returns its path."""
    fd, path = tempfile.mkstemp(suffix=".rl", prefix="relaytest_", dir=directory)
    with os.fdopen(fd, "w") as f:
        f.write(source)
    return path


class Node:
    """One `relay ... -server -port 0` process."""

    def __init__(self, program=None, args=(), port=0, env=None, extra_env=None,
                 flags_first=False):
        """Starts `relay FILE -server -port PORT ARGS...` (port=None: no -port
        flag; flags_first: the flags before FILE)."""
        self.program_path = write_program(program) if program is not None else None
        flags = ["-server"] + (["-port", str(port)] if port is not None else []) + list(args)
        files = [self.program_path] if self.program_path else []
        cmd = [RELAY_BIN] + (flags + files if flags_first else files + flags)
        if extra_env:
            env = dict(env or os.environ, **extra_env)
        self.cmd = cmd
        self.stderr_file = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=self.stderr_file,
                                     stdin=subprocess.DEVNULL, env=env)
        self.stdout_lines = []
        self._lines = queue.Queue()
        self._reader = threading.Thread(target=self._read_stdout, daemon=True)
        self._reader.start()
        self.node_id = None
        self.host = None
        self.port = None
        self.advertise = None
        self.endpoints = None
        self._wait_for_start()

    def _read_stdout(self):
        for raw in self.proc.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            self.stdout_lines.append(line)
            self._lines.put(line)
        self._lines.put(None)

    def _wait_for_start(self):
        deadline = time.monotonic() + START_TIMEOUT
        while self.port is None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.kill()
                raise AssertionError(f"relay did not print 'listening on' within "
                                     f"{START_TIMEOUT}s; stderr:\n{self.stderr()}")
            try:
                line = self._lines.get(timeout=remaining)
            except queue.Empty:
                continue
            if line is None:
                code = self.proc.wait(timeout=5)
                raise AssertionError(f"relay exited ({code}) before listening; "
                                     f"stdout: {self.stdout_lines}\nstderr:\n{self.stderr()}")
            self._parse_startup_line(line.strip())
        # The banner's remaining lines (advertise, endpoints) follow at once.
        while self.endpoints is None:
            try:
                line = self._lines.get(timeout=max(0.1, min(2.0, deadline - time.monotonic())))
            except queue.Empty:
                break
            if line is None:
                break
            self._parse_startup_line(line.strip())

    def _parse_startup_line(self, line):
        if line.startswith("relay node "):
            self.node_id = line[len("relay node "):].strip()
        elif line.startswith("advertise"):
            self.advertise = line.split(None, 1)[1].strip()
        elif line.startswith("endpoints"):
            self.endpoints = line.split(None, 1)[1].strip()
        elif line.startswith("listening on http://"):
            hostport = line[len("listening on http://"):].strip()
            host, _, port = hostport.rpartition(":")
            self.host = host.strip("[]")
            self.port = int(port)

    # --- output -----------------------------------------------------------
    def stderr(self):
        self.stderr_file.seek(0)
        return self.stderr_file.read().decode("utf-8", "replace")

    def stdout(self):
        return "\n".join(self.stdout_lines)

    @property
    def base_url(self):
        return f"http://{self.host}:{self.port}"

    @property
    def address(self):
        return f"{self.host}:{self.port}"

    # --- HTTP ---------------------------------------------------------------
    def connection(self, timeout=10):
        """A keep-alive http.client connection to this node."""
        return http.client.HTTPConnection(self.host, self.port, timeout=timeout)

    def request(self, method, path, body=None, headers=None, timeout=10, conn=None):
        own = conn is None
        conn = conn or self.connection(timeout)
        try:
            if isinstance(body, (dict, list)):
                body = json.dumps(body)
            if isinstance(body, str):
                body = body.encode("utf-8")
            hdrs = {"Content-Type": "application/json"} if body is not None else {}
            hdrs.update(headers or {})
            conn.request(method, path, body=body, headers=hdrs)
            resp = conn.getresponse()
            data = resp.read()
            return HttpResponse(resp.status, {k.lower(): v for k, v in resp.getheaders()}, data)
        finally:
            if own:
                conn.close()

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body, **kw):
        return self.request("POST", path, body=body, **kw)

    def delete(self, path, body=None, **kw):
        return self.request("DELETE", path, body=body, **kw)

    def rpc_raw(self, payload, **kw):
        """POSTs `payload` (dict/list/str/bytes) to /rpc; returns HttpResponse."""
        return self.post("/rpc", payload, **kw)

    def rpc(self, method, params=None, id=1, **kw):
        """One JSON-RPC call; returns the decoded response object (None on 204)."""
        req = {"jsonrpc": "2.0", "method": method, "id": id}
        if params is not None:
            req["params"] = params
        resp = self.rpc_raw(req, **kw)
        if resp.status == 204:
            return None
        if resp.status != 200:
            raise AssertionError(f"/rpc answered HTTP {resp.status}: {resp.body!r}")
        return resp.json()

    def call(self, method, *params):
        """JSON-RPC call returning `result`; raises AssertionError on an error."""
        resp = self.rpc(method, list(params))
        if "error" in resp:
            raise AssertionError(f"{method} failed: {resp['error']}")
        return resp["result"]

    # --- registry (NODE_API.md §2) ------------------------------------------
    def add_peer(self, node_id, address):
        """POST /registry/peers/add; returns the HttpResponse."""
        return self.post("/registry/peers/add", {"node_id": node_id, "address": address})

    def remove_peer(self, node_id):
        return self.delete("/registry/peers/remove", {"node_id": node_id})

    def peers(self):
        return self.get("/registry/peers").json()

    def servers(self):
        return self.get("/registry/servers").json()

    def wait_peer(self, key, healthy=True, timeout=10.0):
        """Waits until /registry/peers lists `key` with is_healthy == `healthy`;
        returns the peer entry."""
        def check():
            entry = self.peers().get(key)
            return entry if entry and entry["is_healthy"] == healthy else None
        return wait_until(check, timeout=timeout,
                          message=f"peer {key} healthy={healthy} on {self.address}")

    # --- raw sockets --------------------------------------------------------
    def connect(self, timeout=10):
        return socket.create_connection((self.host, self.port), timeout=timeout)

    def raw(self, data, timeout=10, shutdown_write=False):
        """Sends raw bytes and returns everything received until the server
        closes the connection or `timeout` passes without data."""
        with self.connect(timeout) as s:
            s.sendall(data)
            if shutdown_write:
                s.shutdown(socket.SHUT_WR)
            return recv_until_closed(s, timeout)

    # --- process ----------------------------------------------------------
    def alive(self):
        return self.proc.poll() is None

    def stop(self, sig=signal.SIGTERM, timeout=10):
        """Sends `sig` and waits for the exit status (kills after `timeout`)."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            status = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError(f"relay did not exit within {timeout}s after {sig}")
        self.check_sanitizers()
        return status

    def check_sanitizers(self):
        """Fails when a sanitizer build of relay reported anything (make sanitize)."""
        text = self.stderr()
        for marker in ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "WARNING: ThreadSanitizer",
                       "runtime error:"):
            if marker in text:
                raise AssertionError(f"sanitizer report from relay:\n{text[-4000:]}")

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        else:
            self.check_sanitizers()
        if self.proc.stdout:
            self.proc.stdout.close()
        if self.program_path and os.path.exists(self.program_path):
            os.unlink(self.program_path)


def free_port():
    """A loopback port nothing listens on right now (for a node started later)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def recv_until_closed(sock, timeout=10):
    """Reads until EOF (or a reset, or `timeout` with no data); returns bytes."""
    sock.settimeout(timeout)
    chunks = []
    while True:
        try:
            chunk = sock.recv(65536)
        except (socket.timeout, ConnectionResetError):
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def read_http_response(sock, buffer=b""):
    """Reads one HTTP response (Content-Length framed, or none for 204/304)
    from a socket. Returns (HttpResponse, leftover bytes)."""
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            raise AssertionError(f"connection closed inside headers: {buffer!r}")
        buffer += chunk
    head, _, rest = buffer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            raise AssertionError("connection closed inside body")
        rest += chunk
    return HttpResponse(status, headers, rest[:length]), rest[length:]


def http_request_bytes(method, path, body=b"", headers=None, host="127.0.0.1"):
    """Builds one HTTP/1.1 request as bytes."""
    if isinstance(body, (dict, list)):
        body = json.dumps(body)
    if isinstance(body, str):
        body = body.encode("utf-8")
    hdrs = {"Host": host, "Content-Length": str(len(body))}
    if body:
        hdrs["Content-Type"] = "application/json"
    hdrs.update(headers or {})
    head = f"{method} {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in hdrs.items())
    return head.encode("latin-1") + b"\r\n" + body


class RelayTestCase(unittest.TestCase):
    """unittest base: start_node() processes are always killed in cleanup."""

    def start_node(self, program=None, args=(), **kw):
        node = Node(program, args, **kw)
        self.addCleanup(node.kill)
        return node


def main():
    unittest.main(verbosity=2)
