// Grouped Sobol' indices and tornadoes of a scenario's forecast (see docs/models/sensitivity.md).

#include "statecraft/sensitivity/scenario_sensitivity.hpp"

#include <fmt/format.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/parallel.hpp"
#include "sensitivity/point_runner.hpp"
#include "sensitivity/scenario_model.hpp"
#include "statecraft/error.hpp"
#include "statecraft/sensitivity/design.hpp"

namespace statecraft::sensitivity {
namespace {

std::string label(const scenario::Quantity& q) { return q.name.empty() ? q.path : q.name; }

/// The groups in order of first appearance, then "chance"; `group_of` per model input plus one
/// last entry for the chance factor.
std::vector<Group> make_groups(const ScenarioModel& m, std::vector<std::size_t>& group_of) {
  std::vector<Group> groups;
  for (auto id : m.inputs()) {
    const auto& q = m.scenario().quantities[static_cast<std::size_t>(id)];
    auto it = std::find_if(groups.begin(), groups.end(), [&](const Group& g) { return g.name == q.group; });
    if (it == groups.end()) it = groups.insert(groups.end(), Group{q.group, {}});
    it->members.push_back(label(q));
    group_of.push_back(static_cast<std::size_t>(it - groups.begin()));
  }
  groups.push_back(Group{"chance", {"the models' own random events (hazards, society, chance moves)"}});
  group_of.push_back(groups.size() - 1);
  return groups;
}

/// Runs the design and estimates every output's indices (in parallel over outputs: each one's
/// estimate and bootstrap depend only on its own column).
std::vector<OutputIndices> sobol(const ScenarioModel& m, const SaltelliDesign& d, const ScenarioOptions& opt,
                                 ProgressSink& progress) {
  const std::size_t w = d.points_per_row(), k = m.inputs().size();
  const PointFn point = [&](std::size_t i, double* shares) -> std::uint64_t {
    std::vector<double> all(d.inputs());
    d.point(i / w, i % w, all.data());
    std::copy(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(k), shares);
    return 2 * (i / w) + (d.from_b(i % w, k) ? 1 : 0);  // the chance factor: A's or B's draw
  };
  const auto y = run_points(m, d.rows() * w, point, opt.seed, opt.threads, progress, opt.team);
  const std::size_t n_out = m.outputs().size();
  std::vector<OutputIndices> out(n_out);
  tbb::task_arena arena(opt.threads > 0 ? opt.threads : tbb::this_task_arena::max_concurrency());
  parallel::execute(arena, [&] {
    parallel::for_index(std::size_t{0}, n_out, [&](std::size_t o) {
      std::vector<double> col(d.rows() * w);
      for (std::size_t i = 0; i < col.size(); ++i) col[i] = y[i * n_out + o];
      const auto& mo = m.outputs()[o];
      out[o] = OutputIndices{mo.id, mo.kind, mo.text,
                             estimate_indices(d.groups(), col, Bootstrap{opt.bootstrap, 0.95, opt.seed})};
    });
  });
  return out;
}

/// One-at-a-time: every input at its median, then each in turn at its 5th and 95th percentiles,
/// each setting over the same `tornado_draws` chance draws.
std::vector<Tornado> tornadoes(const ScenarioModel& m, const std::vector<Group>& groups,
                               const std::vector<std::size_t>& group_of, const ScenarioOptions& opt,
                               ProgressSink& progress) {
  const std::size_t k = m.inputs().size(), r = opt.tornado_draws, settings = 2 * k + 1;
  const PointFn point = [&](std::size_t i, double* shares) -> std::uint64_t {
    const std::size_t setting = i / r;
    std::fill(shares, shares + k, 0.5);
    if (setting > 0) shares[(setting - 1) / 2] = (setting % 2 == 1) ? 0.05 : 0.95;
    return i % r;
  };
  const auto y = run_points(m, settings * r, point, opt.seed, opt.threads, progress, opt.team);
  const std::size_t n_out = m.outputs().size();
  auto probability = [&](std::size_t setting, std::size_t o) {
    double sum = 0;
    for (std::size_t j = 0; j < r; ++j) sum += y[(setting * r + j) * n_out + o];
    return sum / static_cast<double>(r);
  };
  std::vector<Tornado> out;
  for (std::size_t o = 0; o < n_out; ++o) {
    if (m.outputs()[o].kind != "question") continue;
    Tornado t{m.outputs()[o].id, m.outputs()[o].text, probability(0, o), {}};
    for (std::size_t j = 0; j < k; ++j) {
      const auto& q = m.scenario().quantities[static_cast<std::size_t>(m.inputs()[j])];
      t.bars.push_back({label(q), groups[group_of[j]].name, q.dist->quantile(0.05), q.dist->quantile(0.95),
                        probability(1 + 2 * j, o), probability(2 + 2 * j, o)});
    }
    std::stable_sort(t.bars.begin(), t.bars.end(), [](const TornadoBar& a, const TornadoBar& b) {
      return std::abs(a.at_high - a.at_low) > std::abs(b.at_high - b.at_low);
    });
    if (t.bars.size() > opt.tornado_bars) t.bars.resize(opt.tornado_bars);
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace

ScenarioSensitivity analyse(const scenario::Scenario& s, const ScenarioOptions& opt) {
  if (opt.samples < 2) throw UsageError("sensitivity: at least 2 samples (design rows) are needed");
  if (opt.samples > 100'000) throw UsageError("sensitivity: at most 100000 samples (design rows)");
  const auto t0 = std::chrono::steady_clock::now();
  const ScenarioModel model(s);
  if (model.inputs().empty()) throw UsageError("sensitivity: the scenario has no uncertain number to vary");
  ScenarioSensitivity res;
  std::vector<std::size_t> group_of;
  res.groups = make_groups(model, group_of);
  const SaltelliDesign design(opt.samples, group_of, opt.seed);
  res.provenance = Provenance::of("sensitivity", s.file, s.sha256)
                       .with("seed", opt.seed)
                       .with("samples", opt.samples)
                       .with("bootstrap", opt.bootstrap)
                       .with("tornado_draws", opt.tornado_draws);
  res.scenario_name = s.meta.name;
  res.samples = opt.samples;
  res.inputs = model.inputs().size();
  res.tornado_draws = opt.tornado_draws;
  const std::size_t tornado_runs = opt.tornado_draws * (2 * res.inputs + 1);
  res.evaluations = opt.samples * design.points_per_row() + tornado_runs;
  ProgressSink progress{opt.progress, 0, res.evaluations};
  res.outputs = sobol(model, design, opt, progress);
  if (opt.tornado_draws > 0) res.tornadoes = tornadoes(model, res.groups, group_of, opt, progress);
  res.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return res;
}

}  // namespace statecraft::sensitivity
