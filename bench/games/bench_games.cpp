// Google Benchmark of the games module: extreme-equilibrium enumeration on seeded random games,
// logit QRE path following on 50x50 and 10x10x10 games, and parsing a Gambit file.
// Peer comparisons (lrsnash, gambit-logit) are the scripts in this directory.

#include <benchmark/benchmark.h>

#include "statecraft/games/gambit_io.hpp"
#include "statecraft/games/solvers.hpp"
#include "statecraft/random.hpp"

using namespace statecraft;
using namespace statecraft::games;

namespace {
NormalFormGame random_game(const std::vector<std::size_t>& dims, std::uint64_t seed, std::uint64_t max_payoff) {
  NormalFormGame g(dims);
  RandomStream rs(seed, 0, StreamId::kGames);
  for (std::size_t c = 0; c < g.num_cells(); ++c)
    for (std::size_t p = 0; p < g.num_players(); ++p)
      g.set_payoff(c, p, Rational(static_cast<long>(rs.below(max_payoff + 1))));
  return g;
}
}  // namespace

static void BM_EnumRandom(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto g = random_game({n, n}, 1, 99);
  EnumOptions o;
  o.parallel = state.range(1) != 0;
  std::size_t eq = 0;
  for (auto _ : state) {
    const auto s = enumerate_extreme_equilibria(g, o);
    eq = s.equilibria.size();
    benchmark::DoNotOptimize(eq);
  }
  state.counters["equilibria"] = static_cast<double>(eq);
}
BENCHMARK(BM_EnumRandom)->Args({8, 0})->Args({8, 1})->Args({12, 0})->Args({12, 1})->Unit(benchmark::kMillisecond);

static void BM_EnumExactPivoting(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto g = random_game({n, n}, 2, 9);
  EnumOptions o;
  o.exact_pivoting = true;
  for (auto _ : state) benchmark::DoNotOptimize(enumerate_extreme_equilibria(g, o).equilibria.size());
}
BENCHMARK(BM_EnumExactPivoting)->Arg(6)->Arg(8)->Unit(benchmark::kMillisecond);

static void BM_Qre(benchmark::State& state) {
  std::vector<std::size_t> dims(static_cast<std::size_t>(state.range(1)), static_cast<std::size_t>(state.range(0)));
  const auto g = random_game(dims, 3, 99);
  double regret = 0;
  for (auto _ : state) {
    const auto q = logit_qre(g);
    regret = q.regret;
    benchmark::DoNotOptimize(q.profile.data());
  }
  state.counters["regret"] = regret;
}
BENCHMARK(BM_Qre)->Args({50, 2})->Args({10, 3})->Unit(benchmark::kMillisecond);

static void BM_LemkeHowson(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto g = random_game({n, n}, 4, 99);
  for (auto _ : state) benchmark::DoNotOptimize(lemke_howson(g).equilibria.size());
}
BENCHMARK(BM_LemkeHowson)->Arg(10)->Arg(20)->Unit(benchmark::kMillisecond);

static void BM_ParseNfg(benchmark::State& state) {
  const auto g = random_game({30, 30}, 5, 99);
  const std::string text = write_nfg(g);
  for (auto _ : state) benchmark::DoNotOptimize(parse_nfg(text).num_cells());
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(text.size()));
}
BENCHMARK(BM_ParseNfg);

BENCHMARK_MAIN();
