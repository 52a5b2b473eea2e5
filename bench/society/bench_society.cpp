// Google Benchmark of the society engine: agent-steps per second for the reference grids
// (Mesa 40x40 and 200x200), in the three update orders (0 random-sequential, 1 blocked,
// 2 synchronous), and the whole population of Belarus (9.2 million agents, the two parallel orders). Side-by-side
// timing against Mesa: bench/society/side_by_side.py.

#include <benchmark/benchmark.h>

#include <memory>

#include "statecraft/society/model.hpp"

using namespace statecraft::society;

namespace {

void run_steps(benchmark::State& state, Config c) {
  Model m(c);
  for (int i = 0; i < 5; ++i) m.step();  // past the initial transient
  const double agents = static_cast<double>(m.citizens() + m.initial_cops());
  for (auto _ : state) benchmark::DoNotOptimize(m.step());
  state.counters["agents"] = agents;
  state.counters["agent_steps_per_s"] =
      benchmark::Counter(agents * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["MiB"] = static_cast<double>(m.memory_bytes()) / 1048576.0;
}

void BM_Mesa(benchmark::State& state) {
  Config c = Config::mesa();
  c.width = c.height = static_cast<int>(state.range(0));
  c.update = static_cast<UpdateOrder>(state.range(1));
  run_steps(state, c);
}
BENCHMARK(BM_Mesa)
    ->ArgsProduct({{40, 200}, {0, 1, 2}})
    ->ArgNames({"side", "order"})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_NetLogo(benchmark::State& state) {
  Config c = Config::netlogo();
  c.width = c.height = static_cast<int>(state.range(0));
  c.update = static_cast<UpdateOrder>(state.range(1));
  run_steps(state, c);
}
BENCHMARK(BM_NetLogo)
    ->ArgsProduct({{40, 200}, {0, 1, 2}})
    ->ArgNames({"side", "order"})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// The whole population of Belarus: 9.2 million agents (citizens and cops) at Mesa's densities.
void BM_Belarus9M(benchmark::State& state) {
  Config c = Config::mesa();
  c.legitimacy = 0.82;
  c.width = c.height = side_for_agents(c, 9200000);
  c.update = static_cast<UpdateOrder>(state.range(0));
  run_steps(state, c);
}
BENCHMARK(BM_Belarus9M)->Arg(1)->Arg(2)->ArgName("order")->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
