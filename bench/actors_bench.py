#!/usr/bin/env python3
"""Runs the actor-runtime benchmarks (bench/bench_actors.cpp, Google Benchmark)
and prints their key figures as a table: round trips/s, the 8-thread scaling
ratio, pipelined and server-to-server throughput, memory per idle server.

usage: bench/actors_bench.py [--binary build/bench/bench_actors] [--repetitions 3]

With several repetitions each throughput is Google Benchmark's median; the
memory figure is taken from the first repetition (see below).
Environment: ACTORS_REPETITIONS (default 3).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

ROWS = [
    ("BM_RoundTripValues_OneServer/real_time/threads:1", "call_values round trip, 1 caller → 1 server"),
    ("BM_RoundTripValues_OneServer/real_time/threads:8", "call_values round trips, 8 callers → 1 server"),
    ("BM_RoundTripValues_ServerPerCaller/real_time/threads:8", "call_values round trips, 8 callers → 8 servers"),
    ("BM_RoundTripJson_OneServer/real_time/threads:1", "call_json round trip, 1 caller → 1 server"),
    ("BM_RoundTripJson_OneServer/real_time/threads:8", "call_json round trips, 8 callers → 1 server"),
    ("BM_RoundTripJson_ServerPerCaller/real_time/threads:8", "call_json round trips, 8 callers → 8 servers"),
    ("BM_PipelinedJson_OneServer/real_time", "call_json, 1000 in flight from one thread"),
    ("BM_ServerToServer_Inline/real_time", "native receive fn → server, Runtime::call (inline path)"),
    ("BM_ServerToServer_Queued/real_time", "same, inline path off (queue + worker hand-off)"),
    ("BM_RelayServerToServer/real_time", "Relay server → Relay server, message() in a for loop"),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(HERE, "..", "build", "bench", "bench_actors"))
    parser.add_argument("--repetitions", type=int, default=int(os.environ.get("ACTORS_REPETITIONS", "3")))
    args = parser.parse_args()
    if not os.access(args.binary, os.X_OK):
        print(f"### Actors: NOT MEASURED — {args.binary} not built (RELAY_BENCH=OFF or build missing)")
        return 1
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        cmd = [args.binary, "--benchmark_counters_tabular=true", f"--benchmark_out={out.name}",
               "--benchmark_out_format=json"]
        if args.repetitions > 1:
            cmd += [f"--benchmark_repetitions={args.repetitions}", "--benchmark_display_aggregates_only=true"]
        print("$ " + " ".join(os.path.relpath(c) if c == args.binary else c for c in cmd[:2] + cmd[4:]),
              file=sys.stderr)
        # The console table goes to stderr so stdout keeps only the summary.
        proc = subprocess.run(cmd, stdout=sys.stderr)
        if proc.returncode != 0:
            print(f"### Actors: NOT MEASURED — bench_actors exited with {proc.returncode}")
            return 1
        data = json.load(open(out.name))
    # Throughput: Google Benchmark's median over the repetitions. Memory per idle
    # server: the first repetition only (later ones reuse pages the first one freed,
    # so their resident-memory delta is close to 0).
    figures = {}
    for b in data["benchmarks"]:
        name = b.get("run_name", b["name"])
        if name.startswith("BM_MemoryPerIdleServer"):
            if b.get("run_type") == "iteration" and b.get("repetition_index", 0) == 0:
                figures[name] = b
        elif b.get("run_type") == "aggregate":
            if b.get("aggregate_name") == "median":
                figures[name] = b
        elif args.repetitions <= 1:
            figures[name] = b
    ctx = data["context"]
    print(f"\n### Actors: bench_actors ({'median of ' + str(args.repetitions) + ' repetitions, ' if args.repetitions > 1 else ''}"
          f"{ctx['num_cpus']} CPUs, load average {', '.join(f'{x:.2f}' for x in ctx.get('load_avg', []))}, "
          f"libbenchmark build type: {ctx.get('library_build_type')})\n")
    print("| benchmark | calls/s |")
    print("|---|---|")
    for name, title in ROWS:
        b = figures.get(name)
        value = f"{b['items_per_second']:,.0f}" if b and "items_per_second" in b else "–"
        print(f"| {title} | {value} |")

    def ips(name):
        b = figures.get(name)
        return b.get("items_per_second") if b else None

    one = ips("BM_RoundTripValues_OneServer/real_time/threads:1")
    for name, title in (("BM_RoundTripValues_ServerPerCaller/real_time/threads:8", "8 callers → 8 servers"),
                        ("BM_RoundTripValues_OneServer/real_time/threads:8", "8 callers → 1 server")):
        eight = ips(name)
        if one and eight:
            print(f"| 8-thread scaling, {title} (÷ 1 caller → 1 server, call_values) | {eight / one:.2f}× |")
    mem = figures.get("BM_MemoryPerIdleServer/iterations:1")
    if mem and "bytes_per_server" in mem:
        print(f"| resident memory per idle server (10,000 servers, first repetition) | {mem['bytes_per_server']:,.0f} bytes |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
