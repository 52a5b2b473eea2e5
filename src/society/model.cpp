// A run of the civil-violence model: the configuration's validation, the schedules and the
// regime's events between steps (the patron's reserve, the collapse of the security forces and
// the patron's intervention; docs/models/society.md, "Belarus extensions"), over an engine that
// runs the agents' turns (engine.hpp).

#include "statecraft/society/model.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>
#include <string>
#include <utility>

#include "agent_engine.hpp"
#include "cell_grid.hpp"
#include "statecraft/error.hpp"
#include "statecraft/random.hpp"

namespace statecraft::society {
namespace {

bool finite_in(double v, double lo, double hi) { return std::isfinite(v) && v >= lo && v <= hi; }

void require(bool ok, const std::string& what, const std::string& found, const std::string& expected) {
  if (!ok) throw UsageError("society config: " + what + ": found " + found + ", expected " + expected);
}

std::string num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

void validate_schedule(const Schedule& s, const std::string& name, double lo, double hi) {
  double last = -std::numeric_limits<double>::infinity();
  for (const auto& [t, v] : s.points) {
    require(std::isfinite(t) && t >= last, name + " step", num(t), "finite and non-decreasing");
    require(finite_in(v, lo, hi), name + " value", num(v), "in [" + num(lo) + ", " + num(hi) + "]");
    last = t;
  }
}

/// P = 1 - exp(-k f) for the integer ratios f = 0..255 the rules look up.
std::vector<double> arrest_table(double k) {
  std::vector<double> p(256);
  for (std::size_t f = 0; f < p.size(); ++f) p[f] = 1.0 - std::exp(-k * static_cast<double>(f));
  return p;
}

std::unique_ptr<Engine> make_engine(const Config& c) {
  if (c.update == UpdateOrder::kSynchronous && CellGrid::supports(c))
    return std::make_unique<CellGrid>(c, arrest_table(c.k));
  return std::make_unique<AgentEngine>(c, arrest_table(c.k));
}

}  // namespace

struct Model::Impl {
  Config cfg;
  std::unique_ptr<Engine> engine;
  int step = 0;
  double L = 0.0, h = 1.0, backing = 0.0;  // this step's globals
  std::int64_t emigrated = 0;
  StepStats last{};
  RegimeOutcome outcome{};
  int trigger_step = -1;
  bool collapsed = false;

  explicit Impl(Config c) : cfg(std::move(c)), engine(make_engine(cfg)) {
    global_events();
    last = stats();
  }

  [[nodiscard]] StepStats stats() const {
    StepStats s = engine->counts();
    s.step = step;
    s.emigrated = emigrated;
    s.legitimacy = L;
    s.backing = backing;
    return s;
  }

  void global_events();
  void reserve_events();
  void collapse_events();
};

double Schedule::at(double step, double fallback) const {
  if (points.empty()) return fallback;
  if (step <= points.front().first) return points.front().second;
  if (step >= points.back().first) return points.back().second;
  for (std::size_t i = 1; i < points.size(); ++i) {
    const auto& [t1, v1] = points[i];
    if (step <= t1) {
      const auto& [t0, v0] = points[i - 1];
      if (t1 == t0) return v1;
      return v0 + (v1 - v0) * (step - t0) / (t1 - t0);
    }
  }
  return points.back().second;
}

bool Extensions::any() const {
  return !legitimacy.points.empty() || !hardship.points.empty() || loyalty_erosion > 0.0 || defection_threshold > 0.0 ||
         reserve_cops > 0 || visible_share < 1.0 || emigration_rate > 0.0 || collapse_threshold > 0.0;
}

Config Config::mesa() { return Config{}; }

Config Config::netlogo() {
  Config c;
  c.semantics = Semantics::kNetLogo;
  c.citizen_density = 0.70;
  c.cop_density = 0.04;
  c.vision = Vision::kEuclidean;
  c.legitimacy = 0.82;
  c.max_jail_term = 29;  // NetLogo `random 30`: 0..29
  c.rounding = RatioRounding::kFloor;
  return c;
}

Config Config::belarus() {
  Config c = netlogo();
  // Illustrative values; the calibrated ones live in scenarios/belarus-2020.yaml.
  c.ext.legitimacy.points = {{0, 0.85}, {10, 0.85}, {11, 0.62}};
  c.ext.loyalty_erosion = 0.02;
  c.ext.loyalty_recovery = 0.03;
  c.ext.loyalty_initial_min = 0.6;
  c.ext.backing.points = {{0, 0.0}, {15, 0.0}, {16, 1.0}};
  c.ext.defection_threshold = 0.2;
  c.ext.reserve_cops = 10;
  c.ext.reserve_trigger = 0.02;
  c.ext.reserve_delay = 5;
  c.ext.emigration_rate = 0.002;
  c.ext.emigration_grievance = 0.3;
  c.ext.collapse_threshold = 0.5;
  c.ext.intervention_probability = 0.7;
  c.ext.intervention_cops = 60;
  c.ext.intervention_delay = 3;
  c.ext.occupation_legitimacy = 0.7;
  return c;
}

int side_for_agents(const Config& config, std::int64_t agents) {
  const double d = config.citizen_density + config.cop_density;
  if (!(d > 0.0) || agents <= 0) throw UsageError("society: --agents needs a positive count and density");
  return std::max(1, static_cast<int>(std::lround(std::sqrt(static_cast<double>(agents) / d))));
}

Model::Model(Config config) {
  const Config& c = config;
  require(c.width >= 1 && c.width <= 65535, "width", std::to_string(c.width), "1..65535");
  require(c.height >= 1 && c.height <= 65535, "height", std::to_string(c.height), "1..65535");
  require(static_cast<std::int64_t>(c.width) * c.height < (std::int64_t{1} << 31), "width*height",
          std::to_string(static_cast<std::int64_t>(c.width) * c.height), "< 2^31 cells");
  require(finite_in(c.citizen_density, 0, 1), "citizen_density", num(c.citizen_density), "in [0, 1]");
  require(finite_in(c.cop_density, 0, 1), "cop_density", num(c.cop_density), "in [0, 1]");
  require(c.citizen_density + c.cop_density <= 1.0, "citizen_density + cop_density",
          num(c.citizen_density + c.cop_density), "<= 1");
  const int vmax = std::max(c.citizen_vision, c.cop_vision);
  require(c.citizen_vision >= 1 && c.cop_vision >= 1, "vision",
          std::to_string(std::min(c.citizen_vision, c.cop_vision)), ">= 1");
  require(2 * vmax + 1 <= std::min(c.width, c.height), "vision", std::to_string(vmax),
          "2*vision+1 <= grid side " + std::to_string(std::min(c.width, c.height)));
  require(finite_in(c.legitimacy, 0, 1), "legitimacy", num(c.legitimacy), "in [0, 1]");
  require(c.max_jail_term >= 0 && c.max_jail_term <= 65535, "max_jail_term", std::to_string(c.max_jail_term),
          "0..65535");
  require(finite_in(c.k, 0, 1e6), "k", num(c.k), "in [0, 1e6]");
  require(finite_in(c.threshold, -1, 1), "threshold", num(c.threshold), "in [-1, 1]");
  require(finite_in(c.jail_exponent, 0, 10), "jail_exponent", num(c.jail_exponent), "in [0, 10]");
  require(finite_in(c.arrest_probability, 0, 1), "arrest_probability", num(c.arrest_probability), "in [0, 1]");
  const auto& e = c.ext;
  validate_schedule(e.legitimacy, "legitimacy schedule", 0, 1);
  validate_schedule(e.hardship, "hardship schedule", 0, 100);
  validate_schedule(e.backing, "backing schedule", 0, 1);
  require(finite_in(e.loyalty_erosion, 0, 1), "loyalty_erosion", num(e.loyalty_erosion), "in [0, 1]");
  require(finite_in(e.loyalty_recovery, 0, 1), "loyalty_recovery", num(e.loyalty_recovery), "in [0, 1]");
  require(finite_in(e.loyalty_crowd_ratio, 0, 1e6), "loyalty_crowd_ratio", num(e.loyalty_crowd_ratio), "in [0, 1e6]");
  require(finite_in(e.loyalty_initial_min, 0, 1), "loyalty_initial_min", num(e.loyalty_initial_min), "in [0, 1]");
  require(finite_in(e.defection_threshold, 0, 1), "defection_threshold", num(e.defection_threshold), "in [0, 1]");
  require(e.reserve_cops >= 0 && e.reserve_cops < (std::int64_t{1} << 30), "reserve_cops",
          std::to_string(e.reserve_cops), "0..2^30");
  require(finite_in(e.reserve_trigger, 0, 1), "reserve_trigger", num(e.reserve_trigger), "in [0, 1]");
  require(e.reserve_delay >= 0, "reserve_delay", std::to_string(e.reserve_delay), ">= 0");
  require(finite_in(e.visible_share, 0, 1), "visible_share", num(e.visible_share), "in [0, 1]");
  require(finite_in(e.emigration_rate, 0, 1), "emigration_rate", num(e.emigration_rate), "in [0, 1]");
  require(finite_in(e.emigration_grievance, 0, 1), "emigration_grievance", num(e.emigration_grievance), "in [0, 1]");
  require(finite_in(e.collapse_threshold, 0, 1), "collapse_threshold", num(e.collapse_threshold), "in [0, 1]");
  require(finite_in(e.intervention_probability, 0, 1), "intervention_probability", num(e.intervention_probability),
          "in [0, 1]");
  require(e.intervention_cops >= 0 && e.intervention_cops < (std::int64_t{1} << 30), "intervention_cops",
          std::to_string(e.intervention_cops), "0..2^30");
  require(e.intervention_delay >= 0, "intervention_delay", std::to_string(e.intervention_delay), ">= 0");
  require(std::isfinite(e.occupation_legitimacy) && e.occupation_legitimacy <= 1, "occupation_legitimacy",
          num(e.occupation_legitimacy), "<= 1 (negative = unchanged)");

  impl_ = std::make_unique<Impl>(std::move(config));
}

Model::~Model() = default;
Model::Model(Model&&) noexcept = default;
Model& Model::operator=(Model&&) noexcept = default;

void Model::Impl::global_events() {
  // Called before each step: schedules, the patron's reserve, collapse and intervention.
  const auto& e = cfg.ext;
  const double t = step;
  L = e.legitimacy.at(t, cfg.legitimacy);
  h = e.hardship.at(t, 1.0);
  backing = e.backing.at(t, 0.0);
  if (outcome.intervention && step >= outcome.intervention_step && e.occupation_legitimacy >= 0)
    L = e.occupation_legitimacy;
  if (step == 0) return;
  reserve_events();
  collapse_events();
}

void Model::Impl::reserve_events() {
  const auto& e = cfg.ext;
  const std::int64_t alive = last.quiet + last.active + last.jailed;
  if (e.reserve_cops <= 0 || outcome.reserve_arrived_step >= 0) return;
  if (trigger_step < 0 && alive > 0 &&
      static_cast<double>(last.active) > e.reserve_trigger * static_cast<double>(alive))
    trigger_step = step;
  if (trigger_step >= 0 && step >= trigger_step + e.reserve_delay) {
    engine->place_cops(e.reserve_cops, cfg.seed, static_cast<std::uint64_t>(step) + 1, 0xA0000001u);
    outcome.reserve_arrived_step = step;
  }
}

void Model::Impl::collapse_events() {
  const auto& e = cfg.ext;
  if (e.collapse_threshold > 0.0 && !collapsed &&
      static_cast<double>(engine->own_loyal_cops()) < e.collapse_threshold * static_cast<double>(engine->cops())) {
    collapsed = true;
    outcome.collapse_step = step;
    RandomStream rng(cfg.seed, 0, StreamId::kSociety, 0xC0000001u);
    outcome.intervention = rng.uniform() < e.intervention_probability;
    if (outcome.intervention) outcome.intervention_step = step + e.intervention_delay;
  }
  if (outcome.intervention && step == outcome.intervention_step) {
    engine->place_cops(e.intervention_cops, cfg.seed, static_cast<std::uint64_t>(step) + 1, 0xC0000002u);
    if (e.occupation_legitimacy >= 0) L = e.occupation_legitimacy;
  }
}

StepStats Model::step() {
  Impl& m = *impl_;
  const Tally c = m.engine->step(m.step, m.L, m.h, m.backing);
  ++m.step;
  m.emigrated += c.emigrated;
  StepStats s = m.stats();
  s.arrests = c.arrests;
  s.active_more_cops = c.more;
  s.active_more_cops_to_quiet = c.more_quiet;
  s.active_same_cops = c.same;
  s.active_same_cops_to_quiet = c.same_quiet;
  m.last = s;
  m.global_events();
  return s;
}

StepStats Model::stats() const { return impl_->stats(); }
int Model::steps_done() const { return impl_->step; }
const Config& Model::config() const { return impl_->cfg; }
const RegimeOutcome& Model::outcome() const { return impl_->outcome; }
std::int64_t Model::citizens() const { return impl_->engine->citizens(); }
std::int64_t Model::initial_cops() const { return impl_->engine->cops(); }
std::vector<CellView> Model::view() const { return impl_->engine->view(); }
std::size_t Model::memory_bytes() const { return impl_->engine->memory_bytes(); }

}  // namespace statecraft::society
