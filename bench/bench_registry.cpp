// Rendering the registry views (docs/PERFORMANCE.md (f)): a registry with 100
// healthy peers of 10 servers each (1,000 remote entries, the shape of
// bench/node_bench.py --only registry) and 2 local servers, no sockets.
//
//   build/bench/bench_registry --benchmark_counters_tabular=true
//
// Instruction counts, steadier than time on a shared machine (Ir per request =
// inclusive Ir of render_registry divided by its calls, the "(Nx)"):
//   valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.out
//       build/bench/bench_registry --benchmark_filter=RegistryJson --benchmark_min_time=0.05
//   callgrind_annotate --inclusive=yes --tree=caller /tmp/cg.out | grep render_registry
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>
#include <vector>

#include "node/registry.h"

namespace {

using namespace relay::node;
using namespace std::chrono_literals;

std::vector<ServerDescription> local_servers() {
  return {ServerDescription{"test_counter", {"get_count", "get_info", "increment", "reset"},
                            {{"count", "number"}, {"started", "datetime"}}},
          ServerDescription{"discovery_test",
                            {"get_discovery_stats", "increment_remote", "peer_discovered"},
                            {{"discovered", "array"}, {"events", "number"}}}};
}

// 100 peers peer000..peer099, each reporting svc0..svc9 (methods bump and ping,
// state n: number), all polled successfully.
void add_polled_peers(Registry& registry) {
  registry.set_node_address("localhost:40000");
  for (int peer = 0; peer < 100; ++peer) {
    char id[16];
    std::snprintf(id, sizeof id, "peer%03d", peer);
    const std::string address = "localhost:" + std::to_string(40001 + peer);
    const auto ticket = registry.add_peer(id, address).poll;
    PeerReport report;
    report.node_id = id;
    report.node_address = address;
    for (int server = 0; server < 10; ++server) {
      report.servers.push_back(
          ServerDescription{"svc" + std::to_string(server), {"bump", "ping"}, {{"n", "number"}}});
    }
    report.server_count = report.servers.size();
    registry.claim_poll(*ticket);
    registry.poll_succeeded(*ticket, std::move(report));
  }
}

const Registry& registry_with_1000_remote_servers() {
  static Registry registry("bench-reg", 10min, local_servers);
  static const bool filled = (add_polled_peers(registry), true);
  (void)filled;
  return registry;
}

// One GET /registry body, out of line so that callgrind can count it.
[[gnu::noinline]] std::string render_registry(const Registry& registry) {
  return registry.registry_json();
}

void RegistryJson(benchmark::State& state) {
  const Registry& registry = registry_with_1000_remote_servers();
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::string text = render_registry(registry);
    bytes = text.size();
    benchmark::DoNotOptimize(text.data());
  }
  state.counters["bytes"] = static_cast<double>(bytes);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(RegistryJson)->Unit(benchmark::kMicrosecond);

void RegistryServersJson(benchmark::State& state) {
  const Registry& registry = registry_with_1000_remote_servers();
  for (auto _ : state) {
    std::string text = registry.servers_json();
    benchmark::DoNotOptimize(text.data());
  }
}
BENCHMARK(RegistryServersJson)->Unit(benchmark::kMicrosecond);

void RegistryPeersJson(benchmark::State& state) {
  const Registry& registry = registry_with_1000_remote_servers();
  for (auto _ : state) {
    std::string text = registry.peers_json();
    benchmark::DoNotOptimize(text.data());
  }
}
BENCHMARK(RegistryPeersJson)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
