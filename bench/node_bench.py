#!/usr/bin/env python3
"""Node benchmarks (docs/PERFORMANCE.md "Node"): HTTP throughput against nginx,
registry, discovery, mesh convergence and forwarding, all on loopback.

usage: bench/node_bench.py [--relay build/relay] [--duration 10s] [--repeat 1]
                           [--only http,registry,discovery,mesh,forward] [--json FILE]

Environment: BENCH_DURATION (wrk duration, default 10s), BENCH_REPEAT (HTTP
rounds, default 1; with more, each figure is the median over the rounds),
MESH_TRIALS (default 3).

Every process this script starts (relay nodes, nginx, wrk) is stopped when it
exits, also on SIGINT/SIGTERM. Needs wrk, nginx (nginx-light) and ss.

Sections
  http      (a) get_count (b) increment (c) 10-call batch (d) GET /health
            (e) nginx returning a fixed JSON-RPC body; wrk -t1 -c32 --latency;
            the server's CPU per request (/proc/PID/stat, nginx master +
            worker); idle RSS of the node.
  registry  (f) GET /registry on a node with 100 peers listing 1,000 remote
            servers (100 real `relay -server` nodes, 10 servers each) vs GET
            /health on the same node.
  discovery (g) CPU time per discovery round of a node polling 50 peers
            (-discovery-interval 200ms), from /proc/PID/stat.
  mesh      (h) 10 nodes started together, each -add-peer to the 9 others,
            -discovery-interval 200ms: time until every node lists every other
            node's servers.
  forward   (i) wrk on node A calling B.test_counter.get_count (forwarded) vs
            test_counter.get_count directly on B; connections on B.
"""
import argparse
import atexit
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
EXAMPLE = os.path.join(ROOT, "examples", "test_p2p_registry.rl")
WRK_DIR = os.path.join(HERE, "wrk")
CLK_TCK = os.sysconf("SC_CLK_TCK")

# ---------------------------------------------------------------- processes

_children = []  # every Popen we started, stopped at exit
_tmp = tempfile.mkdtemp(prefix="relay-node-bench-")


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def spawn(cmd, **kw):
    proc = subprocess.Popen(cmd, **kw)
    _children.append(proc)
    return proc


def stop(procs, grace=5.0):
    """SIGTERM, wait up to `grace` seconds in total, then SIGKILL."""
    procs = [p for p in procs if p.poll() is None]
    for p in procs:
        try:
            p.send_signal(signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + grace
    for p in procs:
        try:
            p.wait(timeout=max(0.01, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
    for p in procs:
        if p in _children:
            _children.remove(p)


def _cleanup():
    stop(list(_children))
    shutil.rmtree(_tmp, ignore_errors=True)


atexit.register(_cleanup)
for _sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
    signal.signal(_sig, lambda s, f: sys.exit(128 + s))


def wait_until(what, predicate, timeout, interval=0.02):
    """Polls predicate() until it returns a true value or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = predicate()
            if value:
                return value
        except (OSError, http.client.HTTPException, ValueError):
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


def http_request(port, method, path, body=None, timeout=5.0):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        data = resp.read()
        return resp.status, data
    finally:
        conn.close()


def get_json(port, path):
    status, data = http_request(port, "GET", path)
    if status != 200:
        raise ValueError(f"GET {path}: HTTP {status}")
    return json.loads(data)


def rpc(port, method, params=None):
    req = {"jsonrpc": "2.0", "method": method, "id": 1}
    if params is not None:
        req["params"] = params
    status, data = http_request(port, "POST", "/rpc", json.dumps(req))
    return json.loads(data)


def free_ports(n):
    socks, ports = [], []
    for _ in range(n):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        socks.append(s)
        ports.append(s.getsockname()[1])
    for s in socks:
        s.close()
    return ports


class Node:
    """One `relay ... -server` process with its stdout/stderr in files."""

    def __init__(self, relay, program, args, name):
        self.name = name
        self.out_path = os.path.join(_tmp, name + ".out")
        self.err_path = os.path.join(_tmp, name + ".err")
        cmd = [relay] + ([program] if program else []) + ["-server"] + list(args)
        if not any(a in ("-port", "--port") or a.startswith(("-port=", "--port=")) for a in args):
            cmd += ["-port", "0"]
        with open(self.out_path, "wb") as out, open(self.err_path, "wb") as err:
            self.proc = spawn(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        self.pid = self.proc.pid
        self.port = None

    def _read_port(self):
        if self.proc.poll() is not None:
            raise RuntimeError(f"{self.name} exited with {self.proc.returncode}: "
                               + open(self.err_path, errors="replace").read()[-2000:])
        m = re.search(r"listening on http://[^\s:]+:(\d+)", open(self.out_path, errors="replace").read())
        return int(m.group(1)) if m else None

    def wait_ready(self, timeout=30.0):
        self.port = wait_until(f"{self.name} to print its port", self._read_port, timeout)
        wait_until(f"{self.name} GET /health", lambda: http_request(self.port, "GET", "/health")[0] == 200,
                   timeout)
        return self

    def rss_kb(self):
        return proc_status_kb(self.pid, "VmRSS")

    def cpu_seconds(self):
        return proc_cpu_seconds(self.pid)

    def stderr_text(self):
        return open(self.err_path, errors="replace").read()


def proc_status_kb(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return None


def proc_cpu_seconds(pid):
    """utime + stime of the whole process (all threads), seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # after the ")": state is field 3, utime 14, stime 15 (1-based in proc(5))
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def process_tree_cpu_seconds(pid):
    """CPU seconds of `pid` and its direct children (nginx: master + worker)."""
    total = proc_cpu_seconds(pid)
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            children = [int(c) for c in f.read().split()]
    except OSError:
        children = []
    for child in children:
        try:
            total += proc_cpu_seconds(child)
        except OSError:
            pass  # exited meanwhile
    return total


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


# ---------------------------------------------------------------- wrk

def parse_duration_ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not m:
        raise ValueError(f"cannot parse latency {text!r}")
    value, unit = float(m.group(1)), m.group(2)
    return value * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def start_wrk(url, duration, script=None, env_extra=None, connections=32, threads=1):
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}", "--latency"]
    if script:
        cmd += ["-s", os.path.join(WRK_DIR, script)]
    cmd.append(url)
    env = dict(os.environ, **(env_extra or {}))
    proc = spawn(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    proc.cmdline = " ".join(cmd)
    return proc


def finish_wrk(proc):
    """Waits for a wrk started by start_wrk and returns {rps, p50, p90, p99 (ms),
    requests, errors, non2xx, raw, cmd}."""
    out = proc.communicate()[0].decode(errors="replace")
    _children.remove(proc)
    if proc.returncode != 0:
        raise RuntimeError(f"wrk failed ({proc.returncode}): {out}")
    res = {"raw": out, "cmd": proc.cmdline}
    res["rps"] = float(re.search(r"Requests/sec:\s*([\d.]+)", out).group(1))
    res["requests"] = int(re.search(r"(\d+) requests in", out).group(1))
    for pct in ("50", "90", "99"):
        m = re.search(rf"^\s*{pct}%\s+(\S+)", out, re.M)
        res["p" + pct] = parse_duration_ms(m.group(1)) if m else None
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    res["errors"] = sum(int(x) for x in m.groups()) if m else 0
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    res["non2xx"] = int(m.group(1)) if m else 0
    return res


def run_wrk(url, duration, script=None, env_extra=None, connections=32, threads=1, during=None, settle=0.5):
    """Runs wrk to completion (see finish_wrk). `during` is an optional callable run
    in a thread while wrk runs; it gets a threading.Event set when wrk finished.
    `settle` seconds of pause first, so requests left in flight by a previous run
    are not counted against this one."""
    time.sleep(settle)
    done = threading.Event()
    sampler = None
    if during:
        sampler = threading.Thread(target=during, args=(done,), daemon=True)
        sampler.start()
    try:
        return finish_wrk(start_wrk(url, duration, script, env_extra, connections, threads))
    finally:
        done.set()
        if sampler:
            sampler.join()


def fmt_ms(v):
    return "–" if v is None else (f"{v * 1000:.0f} µs" if v < 1 else f"{v:.2f} ms")


def fmt_rps(v):
    return f"{v:,.0f}"


def errors_note(r):
    notes = []
    if r["errors"]:
        notes.append(f"{r['errors']} socket errors")
    if r["non2xx"]:
        notes.append(f"{r['non2xx']} non-2xx")
    return ", ".join(notes)


def median_result(runs):
    """Median of each figure over several wrk runs of the same case."""
    if len(runs) == 1:
        return runs[0]
    out = dict(runs[0])
    for key in ("rps", "p50", "p90", "p99", "requests", "errors", "non2xx", "cpu_us"):
        values = [r[key] for r in runs if r[key] is not None]
        out[key] = statistics.median(values) if values else None
    out["all_rps"] = [r["rps"] for r in runs]
    return out


# ---------------------------------------------------------------- nginx

NGINX_CONF = """\
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {dir}/client_body;
  proxy_temp_path {dir}/proxy;
  fastcgi_temp_path {dir}/fastcgi;
  uwsgi_temp_path {dir}/uwsgi;
  scgi_temp_path {dir}/scgi;
  keepalive_requests 1000000;
  server {{
    listen 127.0.0.1:{port};
    location / {{
      default_type application/json;
      return 200 '{{"jsonrpc":"2.0","result":0,"id":1}}';
    }}
  }}
}}
"""


def start_nginx():
    d = os.path.join(_tmp, "nginx")
    os.makedirs(d, exist_ok=True)
    port = free_ports(1)[0]
    conf = os.path.join(d, "nginx.conf")
    with open(conf, "w") as f:
        f.write(NGINX_CONF.format(dir=d, port=port))
    with open(os.path.join(d, "stderr"), "wb") as err:
        proc = spawn(["nginx", "-p", d, "-e", os.path.join(d, "error.log"), "-c", conf, "-g", "daemon off;"],
                     stdout=subprocess.DEVNULL, stderr=err, stdin=subprocess.DEVNULL)

    def up():
        if proc.poll() is not None:
            raise RuntimeError("nginx exited: " + open(os.path.join(d, "stderr")).read()
                               + open(os.path.join(d, "error.log")).read())
        return http_request(port, "POST", "/rpc", "{}")[0] == 200

    wait_until("nginx", up, 10)
    return proc, port


# ---------------------------------------------------------------- sections

def section_http(args, results):
    log("[http] starting node and nginx")
    node = Node(args.relay, EXAMPLE, ["-node-id", "bench-http"], "http").wait_ready()
    time.sleep(1.0)  # let start-up settle (first discovery round, allocator)
    rss_idle = node.rss_kb()
    hwm_idle = proc_status_kb(node.pid, "VmHWM")
    nginx, nginx_port = start_nginx()

    # Correctness of what we are about to measure.
    if rpc(node.port, "test_counter.get_count").get("result") != 0:
        raise RuntimeError("test_counter.get_count does not answer 0")
    calls = [{"jsonrpc": "2.0", "method": "test_counter." + ("get_count" if i % 2 else "increment"), "id": i}
             for i in range(1, 11)]
    status, data = http_request(node.port, "POST", "/rpc", json.dumps(calls))
    answer = json.loads(data)
    if status != 200 or len(answer) != 10 or not all("result" in a for a in answer):
        raise RuntimeError(f"batch of 10: {answer}")
    rpc(node.port, "test_counter.reset")

    url = f"http://127.0.0.1:{node.port}"
    cases = [
        ("nginx", "(e) nginx, fixed JSON body (POST, same body as get_count)", f"http://127.0.0.1:{nginx_port}/rpc",
         "get_count.lua"),
        ("get_count", "(a) POST /rpc test_counter.get_count", url + "/rpc", "get_count.lua"),
        ("increment", "(b) POST /rpc test_counter.increment", url + "/rpc", "increment.lua"),
        ("batch10", "(c) POST /rpc batch of 10 calls (5 get_count + 5 increment)", url + "/rpc", "batch10.lua"),
        ("health", "(d) GET /health", url + "/health", None),
    ]
    runs = {key: [] for key, *_ in cases}
    increments_checked = []
    for rnd in range(args.repeat):
        for key, title, target, script in cases:
            before = rpc(node.port, "test_counter.get_count")["result"] if key == "increment" else None
            log(f"[http] round {rnd + 1}/{args.repeat}: {key} (load {loadavg()})")
            server_pid = nginx.pid if key == "nginx" else node.pid
            cpu_before = process_tree_cpu_seconds(server_pid)
            r = run_wrk(target, args.duration, script)
            # The server's own CPU per answered request: steadier than req/s
            # when other work shares the machine.
            cpu_used = process_tree_cpu_seconds(server_pid) - cpu_before
            r["cpu_us"] = cpu_used / r["requests"] * 1e6 if r["requests"] else None
            runs[key].append(r)
            if key == "increment":
                after = rpc(node.port, "test_counter.get_count")["result"]
                # every answered increment must have been applied once; requests still
                # in flight when wrk stopped may add up to 32 more
                increments_checked.append((r["requests"], after - before))
    rss_after = node.rss_kb()
    hwm_after = proc_status_kb(node.pid, "VmHWM")
    stop([node.proc, nginx])

    res = {key: median_result(rs) for key, rs in runs.items()}
    base = res["nginx"]["rps"]
    print(f"\n### HTTP: wrk -t1 -c32 -d{args.duration} --latency, loopback, keep-alive"
          + (f" (median of {args.repeat} rounds)" if args.repeat > 1 else "") + "\n")
    print("| case | req/s | vs nginx | p50 | p99 | server CPU per request | notes |")
    print("|---|---|---|---|---|---|---|")
    for key, title, *_ in cases:
        r = res[key]
        note = errors_note(r)
        if key == "batch10":
            note = (note + "; " if note else "") + f"{r['rps'] * 10:,.0f} calls/s"
        if key == "increment":
            ok = all(0 <= applied - answered <= 32 for answered, applied in increments_checked)
            note = (note + "; " if note else "") + ("counter check ok" if ok else
                                                     f"COUNTER MISMATCH {increments_checked}")
        cpu = f"{r['cpu_us']:.1f} µs" if r.get("cpu_us") is not None else "—"
        print(f"| {title} | {fmt_rps(r['rps'])} | {r['rps'] / base:.2f} | {fmt_ms(r['p50'])} | "
              f"{fmt_ms(r['p99'])} | {cpu} | {note} |")
    print(f"\nIdle RSS of `relay examples/test_p2p_registry.rl -server` 1 s after start-up: "
          f"**{rss_idle / 1024:.1f} MB** (VmRSS; VmHWM {hwm_idle / 1024:.1f} MB); "
          f"after the runs above: {rss_after / 1024:.1f} MB (VmHWM {hwm_after / 1024:.1f} MB).")
    results["http"] = {"cases": {k: {kk: vv for kk, vv in v.items() if kk != "raw"} for k, v in res.items()},
                       "rss_idle_kb": rss_idle, "rss_after_kb": rss_after, "hwm_after_kb": hwm_after,
                       "increment_check": increments_checked}


def ten_server_program():
    path = os.path.join(_tmp, "ten_servers.rl")
    if not os.path.exists(path):
        with open(path, "w") as f:
            for i in range(10):
                f.write(f"server svc{i} {{\n    state {{ n: number = 0 }}\n"
                        f"    receive fn ping() -> number {{ state.n }}\n"
                        f"    receive fn bump() -> number {{ state.set(\"n\", state.n + 1) }}\n}}\n")
    return path


_peer_pool = []


def peer_pool(args, n):
    """n idle `relay -server` nodes (node ids peer000...), each serving 10 servers;
    started once and shared by the registry and discovery sections."""
    while len(_peer_pool) < n:
        i = len(_peer_pool)
        _peer_pool.append(Node(args.relay, ten_server_program(),
                               ["-node-id", f"peer{i:03d}", "-log-level", "warn"], f"peer{i:03d}"))
    for p in _peer_pool[:n]:
        if p.port is None:
            p.wait_ready(60)
    return _peer_pool[:n]


def section_registry(args, results):
    log("[registry] starting 100 peer nodes (10 servers each)")
    t = time.monotonic()
    peers = peer_pool(args, 100)
    log(f"[registry] 100 peers up in {time.monotonic() - t:.1f}s")
    # Long interval: the node polls each peer once when it is added; no round runs during wrk.
    node = Node(args.relay, EXAMPLE, ["-node-id", "bench-reg", "-discovery-interval", "10m"], "registry").wait_ready()
    for p in peers:
        status, data = http_request(node.port, "POST", "/registry/peers/add",
                                    json.dumps({"node_id": p.name, "address": f"localhost:{p.port}"}))
        if status != 200:
            raise RuntimeError(f"POST /registry/peers/add: HTTP {status} {data[:200]!r}")
    t = time.monotonic()
    servers = wait_until("1,000 remote servers in /registry/servers",
                         lambda: (lambda s: s if sum(1 for v in s.values() if not v.get("is_local")) >= 1000 else None)
                         (get_json(node.port, "/registry/servers")), 60, 0.1)
    fill = time.monotonic() - t
    reg = get_json(node.port, "/registry")
    healthy = sum(1 for p in reg["peers"].values() if p.get("is_healthy"))
    size = len(http_request(node.port, "GET", "/registry")[1])
    remote = sum(1 for v in servers.values() if not v.get("is_local"))
    url = f"http://127.0.0.1:{node.port}"
    log(f"[registry] {len(reg['peers'])} peers ({healthy} healthy), {remote} remote servers; wrk (load {loadavg()})")

    def run_measured(target, settle=0.5):
        # The node's own CPU per answered request, as in the HTTP section;
        # counted after the pause, so requests left over by the previous run
        # are not charged to this one.
        time.sleep(settle)
        cpu_before = process_tree_cpu_seconds(node.pid)
        r = run_wrk(target, args.duration, settle=0)
        cpu_used = process_tree_cpu_seconds(node.pid) - cpu_before
        r["cpu_us"] = cpu_used / r["requests"] * 1e6 if r["requests"] else None
        return r

    r_reg = run_measured(url + "/registry")
    r_srv = run_measured(url + "/registry/servers")
    r_health = run_measured(url + "/health", settle=2.0)
    # Head-of-line blocking: /health from 32 connections while one more connection
    # keeps asking for GET /registry (both wrk at once).
    time.sleep(2.0)
    background = start_wrk(url + "/registry", args.duration, connections=1)
    r_mixed = run_wrk(url + "/health", args.duration, settle=0.2)
    r_mixed_reg = finish_wrk(background)
    rss = node.rss_kb()
    stop([node.proc])
    print(f"\n### Registry: GET /registry with {len(reg['peers'])} peers ({healthy} healthy) and "
          f"{remote} remote servers listed (wrk -t1 -c32 -d{args.duration})\n")
    print(f"The registry node is `relay examples/test_p2p_registry.rl -server -discovery-interval 10m`; its peers are "
          f"100 real `relay -server` nodes each serving 10 servers, added with POST /registry/peers/add "
          f"(all 100 polled and listed {fill:.2f} s after the adds). Body of GET /registry: {size / 1024:.0f} KiB. "
          f"Node RSS afterwards: {rss / 1024:.1f} MB.\n")
    print("| endpoint | req/s | vs GET /health | p50 | p99 | MB/s of JSON | server CPU per request | notes |")
    print("|---|---|---|---|---|---|---|---|")
    for title, r, body_size in (("GET /registry", r_reg, size),
                                ("GET /registry/servers", r_srv, len(json.dumps(servers))),
                                ("GET /health", r_health, None),
                                ("GET /health (32 conns) while 1 more conn loops on GET /registry", r_mixed, None),
                                ("… that GET /registry loop (1 conn), same time", r_mixed_reg, size)):
        mbs = f"{r['rps'] * body_size / 1e6:.0f}" if body_size else "–"
        cpu = f"{r['cpu_us']:,.0f} µs" if r.get("cpu_us") is not None else "–"
        print(f"| {title} | {fmt_rps(r['rps'])} | {r['rps'] / r_health['rps']:.3f} | {fmt_ms(r['p50'])} | "
              f"{fmt_ms(r['p99'])} | {mbs} | {cpu} | {errors_note(r)} |")
    results["registry"] = {"peers": len(reg["peers"]), "healthy": healthy, "remote_servers": remote,
                           "body_bytes": size, "fill_seconds": fill, "rss_kb": rss,
                           "registry": {k: v for k, v in r_reg.items() if k != "raw"},
                           "registry_servers": {k: v for k, v in r_srv.items() if k != "raw"},
                           "health": {k: v for k, v in r_health.items() if k != "raw"},
                           "health_with_registry_load": {k: v for k, v in r_mixed.items() if k != "raw"},
                           "registry_1conn": {k: v for k, v in r_mixed_reg.items() if k != "raw"}}


def count_polls(node):
    return node.stderr_text().count("peer polled")


def section_discovery(args, results):
    log("[discovery] starting 50 peer nodes (10 servers each)")
    peers = peer_pool(args, 50)
    interval_ms = 200
    addr = ",".join(f"localhost:{p.port}" for p in peers)
    poller = Node(args.relay, None, ["-node-id", "bench-poll", "-discovery-interval", f"{interval_ms}ms",
                                     "-log-level", "debug", "-add-peer", addr], "poller").wait_ready()
    control = Node(args.relay, None, ["-node-id", "bench-idle", "-discovery-interval", f"{interval_ms}ms"],
                   "idle").wait_ready()
    wait_until("50 healthy peers", lambda: sum(1 for p in get_json(poller.port, "/registry/peers").values()
                                               if p.get("is_healthy")) == 50, 30, 0.1)
    time.sleep(1.0)
    seconds = parse_seconds(args.duration)
    log(f"[discovery] measuring {seconds:.0f}s (load {loadavg()})")
    cpu0, ctl0, polls0 = poller.cpu_seconds(), control.cpu_seconds(), count_polls(poller)
    peer0 = sum(p.cpu_seconds() for p in peers)
    t0 = time.monotonic()
    time.sleep(seconds)
    elapsed = time.monotonic() - t0
    cpu1, ctl1, polls1 = poller.cpu_seconds(), control.cpu_seconds(), count_polls(poller)
    peer1 = sum(p.cpu_seconds() for p in peers)
    peers_state = get_json(poller.port, "/registry/peers")
    healthy = sum(1 for p in peers_state.values() if p.get("is_healthy"))
    rss = poller.rss_kb()
    stop([poller.proc, control.proc])
    polls = polls1 - polls0
    rounds = polls / 50
    cpu = cpu1 - cpu0
    print(f"\n### Discovery: CPU per round, 50 peers, -discovery-interval {interval_ms}ms, {elapsed:.1f} s window\n")
    print("The polling node is an empty `relay -server` with `-add-peer` to 50 `relay -server` nodes serving 10 "
          "servers each (so each round fetches 2 × 50 small JSON documents and re-lists 500 remote servers). "
          "Rounds are counted from its debug log (`peer polled` lines / 50). CPU is utime+stime from "
          f"/proc/PID/stat (resolution {1000 / CLK_TCK:.0f} ms).\n")
    print("| figure | value |")
    print("|---|---|")
    print(f"| rounds in the window (polls / 50) | {rounds:.1f} (expected {elapsed * 1000 / interval_ms:.1f}) |")
    print(f"| polling node CPU | {cpu * 1000:.0f} ms = {cpu / elapsed * 100:.1f} % of one core |")
    if rounds:
        print(f"| **CPU per round (50 peers)** | **{cpu / rounds * 1000:.2f} ms** ({cpu / polls * 1e6:.0f} µs per peer poll) |")
        print(f"| CPU of the 50 polled peers, per round (all together) | {(peer1 - peer0) / rounds * 1000:.2f} ms |")
    print(f"| idle node with no peers, same window (control) | {(ctl1 - ctl0) * 1000:.0f} ms |")
    print(f"| healthy peers at the end | {healthy} / 50 |")
    print(f"| polling node RSS | {rss / 1024:.1f} MB |")
    results["discovery"] = {"interval_ms": interval_ms, "elapsed": elapsed, "polls": polls, "rounds": rounds,
                            "cpu_s": cpu, "control_cpu_s": ctl1 - ctl0, "peers_cpu_s": peer1 - peer0,
                            "healthy": healthy, "rss_kb": rss}


def parse_seconds(text):
    m = re.fullmatch(r"([\d.]+)(ms|s|m)?", text)
    v = float(m.group(1))
    return v / 1000 if m.group(2) == "ms" else v * 60 if m.group(2) == "m" else v


def mesh_trial(args, n=10, interval_ms=200):
    ports = free_ports(n)
    ids = [f"mesh{i}" for i in range(n)]
    t0 = time.monotonic()
    nodes = []
    for i in range(n):
        peers = ",".join(f"localhost:{p}" for j, p in enumerate(ports) if j != i)
        nodes.append(Node(args.relay, EXAMPLE, ["-port", str(ports[i]), "-node-id", ids[i], "-discovery-interval",
                                                f"{interval_ms}ms", "-add-peer", peers], f"mesh{i}"))
    spawned = time.monotonic() - t0
    for nd in nodes:
        nd.port = None
    up_at = {}
    done_at = {}
    want = {i: {f"{ids[j]}.{s}" for j in range(n) if j != i for s in ("test_counter", "discovery_test")}
            for i in range(n)}
    deadline = time.monotonic() + 30
    while len(done_at) < n:
        if time.monotonic() > deadline:
            raise TimeoutError(f"mesh did not converge in 30 s: {len(done_at)}/{n} nodes complete")
        for i, nd in enumerate(nodes):
            if i in done_at:
                continue
            if nd.proc.poll() is not None:
                raise RuntimeError(f"mesh node {i} exited: {nd.stderr_text()[-1000:]}")
            try:
                servers = get_json(ports[i], "/registry/servers")
            except (OSError, http.client.HTTPException, ValueError):
                continue
            now = time.monotonic() - t0
            up_at.setdefault(i, now)
            if want[i] <= servers.keys():
                done_at[i] = now
        time.sleep(0.01)
    stop([nd.proc for nd in nodes])
    return {"spawn_s": spawned, "all_up_s": max(up_at.values()), "converged_s": max(done_at.values()),
            "first_node_s": min(done_at.values())}


def section_mesh(args, results):
    interval_ms = 200
    trials = []
    for k in range(args.mesh_trials):
        log(f"[mesh] trial {k + 1}/{args.mesh_trials} (load {loadavg()})")
        trials.append(mesh_trial(args, 10, interval_ms))
    print(f"\n### Mesh: 10 nodes started together, full -add-peer mesh, -discovery-interval {interval_ms}ms\n")
    print("Each node runs the example program (2 servers); time from spawning the first process until every node's "
          "/registry/servers lists the 18 servers of the 9 others (polled every 10 ms).\n")
    print("| trial | all 10 spawned | all answering HTTP | first node complete | **all complete** | in intervals |")
    print("|---|---|---|---|---|---|")
    for k, t in enumerate(trials, 1):
        print(f"| {k} | {t['spawn_s'] * 1000:.0f} ms | {t['all_up_s'] * 1000:.0f} ms | {t['first_node_s'] * 1000:.0f} ms | "
              f"**{t['converged_s'] * 1000:.0f} ms** | {t['converged_s'] * 1000 / interval_ms:.1f} |")
    med = statistics.median(t["converged_s"] for t in trials)
    print(f"\nMedian: {med * 1000:.0f} ms = {med * 1000 / interval_ms:.1f} discovery intervals.")
    results["mesh"] = {"interval_ms": interval_ms, "trials": trials}


def established(port, side="sport"):
    """Established TCP connections with the given local (sport) or remote (dport) port:
    the set of the other ends' ports."""
    out = subprocess.run(["ss", "-Htan", "state", "established", f"( {side} = :{port} )"],
                         capture_output=True, text=True).stdout
    ports = set()
    for line in out.splitlines():
        cols = line.split()
        if len(cols) >= 4:
            ports.add(cols[-1].rsplit(":", 1)[1])
    return ports


def section_forward(args, results):
    log("[forward] starting B (example) and A (empty node, -add-peer B)")
    b = Node(args.relay, EXAMPLE, ["-node-id", "fwd-b"], "fwd-b").wait_ready()
    a = Node(args.relay, None, ["-node-id", "fwd-a", "-add-peer", f"localhost:{b.port}"], "fwd-a").wait_ready()
    wait_until("A sees B healthy", lambda: get_json(a.port, "/registry/peers").get("fwd-b", {}).get("is_healthy"), 30)
    for port, method in ((b.port, "test_counter.get_count"), (a.port, "fwd-b.test_counter.get_count"),
                         (a.port, "test_counter.get_count")):
        answer = rpc(port, method)
        if answer.get("result") != 0:
            raise RuntimeError(f"{method} on port {port}: {answer}")
    cases = [("direct", "test_counter.get_count directly on B", b.port, "test_counter.get_count"),
             ("qualified", "fwd-b.test_counter.get_count on A → B", a.port, "fwd-b.test_counter.get_count"),
             ("unqualified", "test_counter.get_count on A (not local) → B", a.port, "test_counter.get_count")]
    rows = {}
    for key, title, port, method in cases:
        before = established(b.port)
        seen, peak = set(), [0]

        def sample(done, seen=seen, peak=peak):
            while not done.wait(0.1):
                now = established(b.port)
                seen.update(now)
                peak[0] = max(peak[0], len(now))

        cpu_a0, cpu_b0 = a.cpu_seconds(), b.cpu_seconds()
        log(f"[forward] {key} (load {loadavg()})")
        r = run_wrk(f"http://127.0.0.1:{port}/rpc", args.duration, "rpc.lua", {"RPC_METHOD": method}, during=sample)
        cpu_a, cpu_b = a.cpu_seconds() - cpu_a0, b.cpu_seconds() - cpu_b0
        after = established(b.port)
        rows[key] = (title, r, len(before), peak[0], len(seen - before), len(after), cpu_a, cpu_b)
    stop([a.proc, b.proc])
    print(f"\n### Forwarding: wrk -t1 -c32 -d{args.duration} POST /rpc, A forwards to B over its keep-alive pool\n")
    print("A is an empty `relay -server -add-peer B`; B serves the example. Connections on B: established TCP "
          "connections with B's port as local port (`ss -tan state established '( sport = :B )'`), before the run, "
          "the peak and the new client ports seen while sampling every 100 ms, and after. In the direct case these are "
          "wrk's own 32 connections.\n")
    base = rows["direct"][1]
    print("| case | req/s | vs direct | p50 | p99 | conns on B before / peak / new during / after | CPU s A / B |")
    print("|---|---|---|---|---|---|---|")
    for key, (title, r, before, peak, new, after, ca, cb) in rows.items():
        note = errors_note(r)
        print(f"| {title}{' (' + note + ')' if note else ''} | {fmt_rps(r['rps'])} | {r['rps'] / base['rps']:.2f} | "
              f"{fmt_ms(r['p50'])} | {fmt_ms(r['p99'])} | {before} / {peak} / {new} / {after} | "
              f"{ca:.2f} / {cb:.2f} |")
    results["forward"] = {k: {"rps": v[1]["rps"], "p50": v[1]["p50"], "p99": v[1]["p99"], "errors": v[1]["errors"],
                              "non2xx": v[1]["non2xx"], "conns_before": v[2], "conns_peak": v[3],
                              "conns_new": v[4], "conns_after": v[5], "cpu_a": v[6], "cpu_b": v[7]}
                          for k, v in rows.items()}


SECTIONS = {"http": section_http, "registry": section_registry, "discovery": section_discovery,
            "mesh": section_mesh, "forward": section_forward}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--relay", default=os.path.join(ROOT, "build", "relay"))
    parser.add_argument("--duration", default=os.environ.get("BENCH_DURATION", "10s"))
    parser.add_argument("--repeat", type=int, default=int(os.environ.get("BENCH_REPEAT", "1")))
    parser.add_argument("--mesh-trials", type=int, default=int(os.environ.get("MESH_TRIALS", "3")))
    parser.add_argument("--only", default=",".join(SECTIONS))
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    args.relay = os.path.abspath(args.relay)
    for tool in ("wrk", "nginx", "ss"):
        if not shutil.which(tool) and not os.path.exists(f"/usr/sbin/{tool}"):
            sys.exit(f"{tool} not found (scripts/bootstrap installs it)")
    if not os.access(args.relay, os.X_OK):
        sys.exit(f"{args.relay} is not executable (make build)")
    print(f"Node benchmarks: {time.strftime('%Y-%m-%d %H:%M:%S %Z')}, nproc {os.cpu_count()}, "
          f"load average at start {loadavg()}")
    results = {}
    failed = []
    for name in args.only.split(","):
        try:
            SECTIONS[name](args, results)
        except Exception as e:  # report the section as not measured, go on with the others
            failed.append(name)
            print(f"\n### {name}: NOT MEASURED — {type(e).__name__}: {e}")
            log(f"[{name}] failed: {e}")
        sys.stdout.flush()
    stop(list(_children))
    print(f"\nLoad average at the end: {loadavg()}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
