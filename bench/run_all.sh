#!/usr/bin/env bash
# All benchmarks (`make bench`): language (Relay vs Lua 5.4 vs python3), actor
# runtime (Google Benchmark), node (HTTP vs nginx, registry, discovery, mesh,
# forwarding). Prints every table as Markdown; docs/PERFORMANCE.md explains them.
#
#   bench/run_all.sh                     # everything, ~4 min on 2 cores
#   BENCH_DURATION=3s bench/run_all.sh   # shorter wrk runs
#   BENCH_ONLY=node bench/run_all.sh     # lang | actors | node (comma-separated)
#
# Environment: RELAY (default build/relay), BENCH_DURATION (wrk, 10s),
# BENCH_REPEAT (HTTP rounds, 1), LANG_RUNS (5), ACTORS_REPETITIONS (3),
# MESH_TRIALS (3), NODE_SECTIONS (http,registry,discovery,mesh,forward).
# Needs what scripts/bootstrap installs (wrk, nginx-light, lua5.4) and a build
# (`make build`). Every process started here is stopped on exit (trap EXIT).
set -uo pipefail

cd "$(dirname "$0")/.."
RELAY=${RELAY:-build/relay}
ONLY=${BENCH_ONLY:-lang,actors,node}
LANG_RUNS=${LANG_RUNS:-5}

cleanup() {
  # Our direct children (the python drivers stop their own children on
  # SIGTERM); then anything of ours still running in this process group.
  local pids
  pids=$(jobs -p)
  [ -n "$pids" ] && kill $pids 2>/dev/null
  wait 2>/dev/null
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ ! -x "$RELAY" ]; then
  echo "run_all.sh: $RELAY not found; run 'make build' first" >&2
  exit 1
fi
for tool in wrk lua5.4 python3 ss; do
  command -v "$tool" >/dev/null || { echo "run_all.sh: $tool missing (scripts/bootstrap)" >&2; exit 1; }
done
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { echo "run_all.sh: nginx missing (scripts/bootstrap)" >&2; exit 1; }
export PATH="$PATH:/usr/sbin"

status=0
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
echo "# Relay benchmarks"
echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs ($cpu), $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo '+dirty'), load average $(cut -d' ' -f1-3 /proc/loadavg)"

# Each driver runs in the background and is waited for, so the traps can fire
# (and cleanup can stop it) while it runs.
run() {
  "$@" &
  wait $! || status=1
}

if [[ ,$ONLY, == *,lang,* ]]; then
  echo
  echo "## Language: python3 bench/lang_bench.py --relay $RELAY --runs $LANG_RUNS"
  echo
  run python3 bench/lang_bench.py --relay "$RELAY" --runs "$LANG_RUNS"
  echo "(load average after: $(cut -d' ' -f1-3 /proc/loadavg))"
fi

if [[ ,$ONLY, == *,actors,* ]]; then
  echo
  echo "## Actors: python3 bench/actors_bench.py (build/bench/bench_actors)"
  # (the Google Benchmark console table goes to stderr)
  run python3 bench/actors_bench.py --binary "$(dirname "$RELAY")/bench/bench_actors"
fi

if [[ ,$ONLY, == *,node,* ]]; then
  echo
  echo "## Node: python3 bench/node_bench.py --relay $RELAY"
  echo
  run python3 bench/node_bench.py --relay "$RELAY" --only "${NODE_SECTIONS:-http,registry,discovery,mesh,forward}"
fi

echo
echo "(finished $(date -u '+%H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg))"
exit $status
