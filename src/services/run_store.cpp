// Forecasts kept in a run store, and resumed ones.

#include "statecraft/services/run_store.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "services/detail.hpp"
#include "statecraft/report/forecast_report.hpp"
#include "statecraft/services/overrides.hpp"
#include "statecraft/version.hpp"

namespace statecraft::services {
namespace {

store::RunSpec spec_of(const detail::ScenarioInput& in, const scenario::Scenario& s, const ForecastOptions& o) {
  store::RunSpec spec;
  spec.scenario_file = o.scenario_file;
  spec.scenario_text = in.text;
  spec.scenario_sha256 = s.sha256;
  spec.scenario_name = s.meta.name;
  spec.variant = s.applied.variant;
  spec.overrides = set_strings(s.applied);
  spec.seed = detail::seed_of(o, s);
  spec.draws = o.draws;
  spec.bargaining_draws = o.bargaining_draws;
  return spec;
}

template <class T>
void differ(std::string& out, const char* what, const T& now, const T& stored) {
  if (now != stored) out += fmt::format("\n  {}: {} (the stored run: {})", what, now, stored);
}

/// Refuses to resume a run whose numbers would not be those of the stored run.
void check_same(const store::RunSpec& now, const store::RunInfo& run) {
  std::string d;
  differ(d, "scenario sha256", now.scenario_sha256, run.spec.scenario_sha256);
  differ(d, "variant", now.variant.empty() ? std::string("(none)") : now.variant,
         run.spec.variant.empty() ? std::string("(none)") : run.spec.variant);
  differ(d, "--set", fmt::format("{}", fmt::join(now.overrides, " ")),
         fmt::format("{}", fmt::join(run.spec.overrides, " ")));
  differ(d, "seed", now.seed, run.spec.seed);
  differ(d, "draws", now.draws, run.spec.draws);
  differ(d, "bargaining draws", now.bargaining_draws, run.spec.bargaining_draws);
  differ(d, "statecraft", version() + " " + git_commit(), run.version + " " + run.git_commit);
  if (!d.empty())
    throw store::ResumeMismatchError(fmt::format("cannot resume run {}: it was started differently:{}", run.id, d));
}

/// Counts the chunks a store gives back and the chunks computed.
class CountingSink final : public ensemble::DrawSink {
 public:
  explicit CountingSink(ensemble::DrawSink& inner) : inner_(inner) {}
  void start(const std::vector<std::string>& outputs) override { inner_.start(outputs); }
  bool restore(ensemble::DrawChunk& chunk) override {
    const bool r = inner_.restore(chunk);
    restored += r ? 1 : 0;
    return r;
  }
  void commit(const ensemble::DrawChunk& chunk) override {
    inner_.commit(chunk);
    ++computed;
  }
  std::size_t restored = 0, computed = 0;

 private:
  ensemble::DrawSink& inner_;
};

StoredRun run_in(store::RunStore& st, std::int64_t id, const scenario::Scenario& s, const ForecastOptions& o,
                 const Callbacks& callbacks) {
  StoredRun out;
  out.run_id = id;
  const auto sink = st.sink(id, s);
  CountingSink counting(*sink);
  out.result = detail::run_forecast(s, o, callbacks, &counting);
  st.finish_run(id, out.result, report::forecast_json(out.result));
  out.chunks_restored = counting.restored;
  if (callbacks.log && counting.restored > 0)
    callbacks.log(fmt::format("run {} of {}: {} chunks of draws taken from the store, {} computed", id, st.path(),
                              counting.restored, counting.computed));
  return out;
}

}  // namespace

StoredRun forecast_stored(const ForecastOptions& o, const std::string& path, bool resume, const Callbacks& callbacks) {
  auto st = resume ? store::RunStore::open(path) : store::RunStore::open_or_create(path);
  const auto in = detail::read_input(o.scenario_file);
  const auto s = detail::load(in, o.overrides, callbacks);
  const auto spec = spec_of(in, s, o);
  std::int64_t id = 0;
  if (resume) {
    const auto latest = st.latest_unfinished();
    if (!latest) throw store::NoSuchRunError(path + ": no unfinished run to resume");
    check_same(spec, st.run(*latest));
    id = *latest;
    if (callbacks.log) callbacks.log(fmt::format("resuming run {} of {}", id, path));
  } else {
    Provenance p = Provenance::of("forecast", s.file, s.sha256).with("seed", spec.seed).with("draws", o.draws);
    id = st.begin_run(spec, p.json());
  }
  return run_in(st, id, s, o, callbacks);
}

StoredRun resume_run(const std::string& path, std::int64_t id, int threads, const Callbacks& callbacks) {
  auto st = store::RunStore::open(path);
  const auto run = st.run(id);
  ForecastOptions o;
  o.scenario_file = run.spec.scenario_file;
  o.seed = run.spec.seed;
  o.draws = run.spec.draws;
  o.threads = threads;
  o.bargaining_draws = run.spec.bargaining_draws;
  o.overrides.variant = run.spec.variant;
  o.overrides.set = parse_sets(run.spec.overrides);
  const detail::ScenarioInput in{o.scenario_file.empty() ? "belarus.yaml (embedded)" : o.scenario_file,
                                 run.spec.scenario_text};
  const auto s = detail::load(in, o.overrides, callbacks);
  check_same(spec_of(in, s, o), run);
  return run_in(st, id, s, o, callbacks);
}

}  // namespace statecraft::services
