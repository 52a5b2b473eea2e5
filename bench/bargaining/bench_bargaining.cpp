// Google Benchmark: KTAB's SMP scenarios (40, 80 actors, one dimension) and a synthetic
// 160-actor issue; BDM and the baselines on the EU example size. Peer comparison with KTAB's
// smpc is in compare_ktab.sh.

#include <benchmark/benchmark.h>

#include <string>

#include "statecraft/bargaining/models.hpp"
#include "statecraft/random.hpp"

namespace bg = statecraft::bargaining;

namespace {

// A reproducible random one-dimensional issue in the style of KTAB's dummyData files.
bg::BargainingProblem synthetic(std::size_t n) {
  statecraft::RandomStream rng(2024, 0, statecraft::StreamId::kUser, 0);
  bg::BargainingProblem p;
  p.name = "synthetic-" + std::to_string(n);
  p.dimensions = {"x"};
  for (std::size_t i = 0; i < n; ++i) {
    bg::Actor a;
    a.name = "A" + std::to_string(i);
    a.capability = 10.0 + 190.0 * rng.uniform();
    a.position = {100.0 * rng.uniform()};
    a.salience = {0.1 + 0.8 * rng.uniform()};
    p.actors.push_back(a);
  }
  return p;
}

void run_smp_bench(benchmark::State& state, const bg::BargainingProblem& p) {
  int turns = 0;
  for (auto _ : state) {
    const auto r = bg::run_smp(p);
    turns = r.turns;
    benchmark::DoNotOptimize(r.expected_outcome.data());
  }
  state.counters["actors"] = static_cast<double>(p.actors.size());
  state.counters["turns"] = turns;
}

void BM_SmpKtabA040(benchmark::State& s) {
  static const auto p = bg::read_ktab_csv(STATECRAFT_DATA_DIR "/ktab/dummyData-a040.csv");
  run_smp_bench(s, p);
}
void BM_SmpKtabA080(benchmark::State& s) {
  static const auto p = bg::read_ktab_csv(STATECRAFT_DATA_DIR "/ktab/dummyData-a080.csv");
  run_smp_bench(s, p);
}
void BM_SmpSynthetic(benchmark::State& s) {
  const auto p = synthetic(static_cast<std::size_t>(s.range(0)));
  run_smp_bench(s, p);
}
// The sizes of the Belarus scenario's issues (5 to 13 actors), run as the forecast runs them: on
// one thread, the outcome alone.
void BM_SmpForecastSize(benchmark::State& s) {
  const auto p = synthetic(static_cast<std::size_t>(s.range(0)));
  bg::SmpOptions o;
  o.parallel = false;
  o.keep_states = false;
  for (auto _ : s) benchmark::DoNotOptimize(bg::run_smp(p, o).expected_outcome.data());
}
void BM_SmpSoePolComp(benchmark::State& s) {
  static const auto p = bg::read_ktab_csv(STATECRAFT_DATA_DIR "/ktab/SOE-Pol-Comp.csv");
  run_smp_bench(s, p);
}
void BM_Bdm(benchmark::State& s) {
  const auto p = synthetic(static_cast<std::size_t>(s.range(0)));
  for (auto _ : s) benchmark::DoNotOptimize(bg::run_bdm(p, 0).forecast);
}
void BM_Nash(benchmark::State& s) {
  const auto p = synthetic(static_cast<std::size_t>(s.range(0)));
  for (auto _ : s) benchmark::DoNotOptimize(bg::nash_bargaining_position(p, 0));
}

}  // namespace

BENCHMARK(BM_SmpSoePolComp)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SmpKtabA040)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SmpKtabA080)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SmpSynthetic)->Arg(160)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_SmpForecastSize)->Arg(5)->Arg(10)->Arg(13)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Bdm)->Arg(10)->Arg(30)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Nash)->Arg(30)->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
