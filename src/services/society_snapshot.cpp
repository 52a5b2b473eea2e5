// One society window at the scenario's central values, for the report (society_snapshot.hpp).

#include "statecraft/services/society_snapshot.hpp"

#include <algorithm>

#include "statecraft/scenario/sampler.hpp"
#include "statecraft/society/model.hpp"
#include "statecraft/society/run.hpp"
#include "statecraft/timeline/runner.hpp"

namespace statecraft::services {
namespace {

char cell_letter(society::CellView v) {
  switch (v) {
    case society::CellView::kQuiet:
      return 'q';
    case society::CellView::kActive:
      return 'a';
    case society::CellView::kJailed:
      return 'j';
    case society::CellView::kCop:
      return 'c';
    case society::CellView::kDefected:
      return 'd';
    default:
      return '.';
  }
}

ensemble::WindowStep counts(const society::StepStats& s) {
  return {s.step, s.quiet, s.active, s.jailed, s.cops_loyal, s.cops_defected};
}

/// The window's opening: which, when, in which draw, and the configuration it runs with.
struct Opening {
  std::string window;
  int month = 0;
  std::uint64_t draw = 0;
  society::Config config;
};

/// The windows that open on draws 0, 1, 2, ... at the central values, until kSnapshotWindows
/// opened or kSnapshotDraws draws ran.
std::vector<Opening> openings(const scenario::Scenario& s, std::uint64_t seed, timeline::WindowOptions options) {
  std::vector<Opening> found;
  std::uint64_t draw = 0;
  options.on_window = [&](const std::string& window, int month, const society::Config& c) {
    found.push_back(Opening{window, month, draw, c});
  };
  const timeline::Runner runner(s, options);
  std::vector<double> values;
  scenario::Sampler(s).central(values);
  std::vector<double> out(runner.series().size() * static_cast<std::size_t>(runner.months() + 1));
  for (; draw < kSnapshotDraws && found.size() < kSnapshotWindows; ++draw) runner.run(values, seed, draw, out.data());
  return found;
}

/// Runs the window's model again (same configuration and seed: the same run) keeping the grid at
/// the first step with the most actives.
void rerun(const Opening& o, int steps, ensemble::WindowSnapshot& snap) {
  society::Model model(o.config);
  snap.series.push_back(counts(model.stats()));
  std::vector<society::CellView> peak = model.view();
  std::int64_t most = -1;
  society::run(model, steps, 0, [&](const society::StepStats& st) {
    snap.series.push_back(counts(st));
    if (st.active > most) {
      most = st.active;
      snap.peak_step = st.step;
      peak = model.view();
    }
    return true;
  });
  snap.width = o.config.width;
  snap.height = o.config.height;
  const auto w = static_cast<std::size_t>(o.config.width);
  for (std::size_t y = 0; y < static_cast<std::size_t>(o.config.height); ++y) {
    std::string row(w, '.');
    for (std::size_t x = 0; x < w; ++x) row[x] = cell_letter(peak[y * w + x]);
    snap.grid.push_back(std::move(row));
  }
}

}  // namespace

std::optional<ensemble::WindowSnapshot> society_snapshot(const scenario::Scenario& s, std::uint64_t seed) {
  if (!s.timeline.present || s.timeline.windows.empty()) return std::nullopt;
  const timeline::WindowOptions options;  // the forecast's
  const auto found = openings(s, seed, options);
  if (found.empty()) return std::nullopt;
  std::vector<ensemble::WindowSnapshot> runs(found.size());
  std::vector<std::size_t> order(found.size());
  for (std::size_t k = 0; k < found.size(); ++k) {
    rerun(found[k], options.steps, runs[k]);
    order[k] = k;
  }
  const auto peak = [&](std::size_t k) { return runs[k].series[static_cast<std::size_t>(runs[k].peak_step)].active; };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return peak(a) < peak(b); });
  const std::size_t k = order[(order.size() - 1) / 2];  // the median peak (the lower one of an even count)
  ensemble::WindowSnapshot snap = std::move(runs[k]);
  snap.window = found[k].window;
  snap.month = scenario::month_label(s.meta.as_of, found[k].month);
  snap.draw = found[k].draw;
  snap.seed = found[k].config.seed;
  return snap;
}

}  // namespace statecraft::services
