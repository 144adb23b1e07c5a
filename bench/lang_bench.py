#!/usr/bin/env python3
"""Language benchmarks (issue: "The Relay language"): the same five programs in
Relay, Lua 5.4 and python3, each run RUNS times in the same session, reported
as medians, ratios and peak RSS (GNU time's %M of each child).

usage: bench/lang_bench.py [--relay build/relay] [--runs 5]
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BENCHES = [
    ("fib", "recursive fib(30)"),
    ("loop", "sum of i % 7, 3,000,000 iterations"),
    ("array", "push 200,000 + map/filter/reduce"),
    ("object", "100,000-key object: set, then read back"),
    ("string", "concatenate 100,000 short strings"),
]


# Peak RSS comes from GNU time (%M), not from wait4's rusage of our own child:
# Linux carries the RSS high-water mark of the process that calls execve over
# to the new program, so ru_maxrss of a child forked (or vforked) from this
# python process is never below python's own RSS (~14 MB). GNU time's fork is
# small (~2 MB), which is then the floor.
GNU_TIME = "/usr/bin/time"
RSS_FILE = os.path.join(tempfile.gettempdir(), f"lang_bench_rss.{os.getpid()}")


def run_once(cmd):
    start = time.perf_counter()
    proc = subprocess.Popen([GNU_TIME, "-f", "%M", "-o", RSS_FILE] + cmd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.communicate()
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed with status {proc.returncode}: {err.decode()[-500:]}")
    with open(RSS_FILE) as f:
        max_rss_kb = int(f.read().split()[-1])
    os.unlink(RSS_FILE)
    return elapsed, max_rss_kb, out.decode().strip()


def measure(cmd, runs):
    times, rss, out = [], [], None
    for _ in range(runs):
        t, r, o = run_once(cmd)
        times.append(t)
        rss.append(r)
        out = o
    return statistics.median(times), max(rss), out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--relay", default=os.path.join(HERE, "..", "build", "relay"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not os.access(GNU_TIME, os.X_OK):
        sys.exit(f"{GNU_TIME} missing (Debian package 'time'; scripts/bootstrap installs it)")
    impls = [("relay", [args.relay], ".rl"), ("lua", ["lua5.4"], ".lua"), ("python", ["/usr/bin/python3"], ".py")]
    print(f"| benchmark | Relay s | Lua 5.4 s | python3 s | Relay/Lua | Relay/python | RSS Relay / Lua / python (MB) |")
    print(f"|---|---|---|---|---|---|---|")
    for name, title in BENCHES:
        results = {}
        outputs = set()
        for impl, cmd, ext in impls:
            t, rss, out = measure(cmd + [os.path.join(HERE, "lang", name + ext)], args.runs)
            results[impl] = (t, rss)
            outputs.add(out.replace("\t", " "))
        if len(outputs) != 1:
            sys.exit(f"{name}: programs disagree: {outputs}")
        r, l, p = results["relay"], results["lua"], results["python"]
        print(f"| {title} | {r[0]:.3f} | {l[0]:.3f} | {p[0]:.3f} | {r[0] / l[0]:.2f} | {r[0] / p[0]:.2f} | "
              f"{r[1] / 1024:.1f} / {l[1] / 1024:.1f} / {p[1] / 1024:.1f} |")
    print(f"\n(median of {args.runs} runs each, interleaved per benchmark; ratio < 1 means Relay is faster)")


if __name__ == "__main__":
    main()
