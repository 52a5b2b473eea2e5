#include "timeline/workspace.hpp"

#include <algorithm>
#include <cmath>

namespace statecraft::timeline::detail {

using scenario::Assignment;

Workspace::Workspace(const scenario::Scenario& s) : s_(s), t_(s.timeline), sampler_(s) {
  params_.assign(s.quantities.size(), 0.0);
  for (const auto& [name, id] : s.parameters) exprs_.bind(name, &params_[static_cast<std::size_t>(id)]);
  state_.assign(t_.vars.size(), 0.0);
  std::size_t n_ind = 0;
  for (const auto& v : t_.vars) {
    indicator_offset_.push_back(n_ind);
    n_ind += v.states.size();
  }
  indicators_.assign(n_ind, 0.0);
  for (std::size_t i = 0; i < t_.vars.size(); ++i) {
    const auto& v = t_.vars[i];
    exprs_.bind(v.name, &state_[i]);
    for (std::size_t k = 0; k < v.states.size(); ++k)
      exprs_.bind(v.name + "_" + v.states[k], &indicators_[indicator_offset_[i] + k]);
  }
  exprs_.bind("month", &month_);
  context_names_ = scenario::society_window_outputs();
  context_names_.emplace_back("forecast");
  context_.assign(context_names_.size(), 0.0);
  for (std::size_t i = 0; i < context_names_.size(); ++i) exprs_.bind(context_names_[i], &context_[i]);
  compile_all();
}

void Workspace::compile(const std::vector<Assignment>& as) {
  for (const auto& a : as) exprs_.add(a.expr);
}

void Workspace::compile_all() {
  compile(t_.dynamics);
  for (const auto& tr : t_.transitions) exprs_.add(tr.probability);
  for (const auto& h : t_.hazards) {
    exprs_.add(h.probability);
    exprs_.add(h.when);
    compile(h.effects);
  }
  for (const auto& d : t_.decisions) {
    exprs_.add(d.schedule.when);
    for (const auto& o : d.overrides) exprs_.add(o.expr);
    for (const auto& oc : d.outcomes) compile(oc.effects);
  }
  for (const auto& st : t_.issue_steps) {
    exprs_.add(st.schedule.when);
    for (const auto& o : st.overrides) exprs_.add(o.expr);
    compile(st.effects);
  }
  for (const auto& w : t_.windows) {
    exprs_.add(w.schedule.when);
    for (const auto& ws : w.settings) exprs_.add(ws.expr);
    compile(w.effects);
  }
}

void Workspace::start(const std::vector<double>& values) {
  values_ = values;
  std::copy(values.begin(), values.end(), params_.begin());
  month_ = 0;
  for (std::size_t i = 0; i < t_.vars.size(); ++i) {
    const auto& v = t_.vars[i];
    set(static_cast<int>(i), v.categorical() ? v.initial_state : values[static_cast<std::size_t>(v.initial)]);
  }
}

void Workspace::refresh_indicators(int var) {
  const auto& v = t_.vars[static_cast<std::size_t>(var)];
  const auto off = indicator_offset_[static_cast<std::size_t>(var)];
  for (std::size_t k = 0; k < v.states.size(); ++k)
    indicators_[off + k] = static_cast<double>(k) == state_[static_cast<std::size_t>(var)] ? 1.0 : 0.0;
}

void Workspace::set(int var, double x) {
  const auto& v = t_.vars[static_cast<std::size_t>(var)];
  state_[static_cast<std::size_t>(var)] = std::clamp(x, v.lower, v.upper);
  if (v.categorical()) refresh_indicators(var);
}

void Workspace::apply(const std::vector<Assignment>& as) {
  pending_.resize(as.size());
  for (std::size_t i = 0; i < as.size(); ++i) pending_[i] = as[i].state >= 0 ? as[i].state : eval(as[i].expr);
  for (std::size_t i = 0; i < as.size(); ++i) set(as[i].var, pending_[i]);
}

const std::vector<double>& Workspace::overridden(const std::vector<scenario::Override>& overrides,
                                                 const std::vector<scenario::QuantityId>& recompute) {
  if (overrides.empty()) return values_;
  scratch_ = values_;
  for (const auto& o : overrides) {
    const auto& q = s_.quantities[static_cast<std::size_t>(o.quantity)];
    scratch_[static_cast<std::size_t>(o.quantity)] = std::clamp(eval(o.expr), q.lower, q.upper);
  }
  sampler_.recompute(scratch_, recompute);
  return scratch_;
}

double& Workspace::context(const std::string& name) {
  const auto it = std::find(context_names_.begin(), context_names_.end(), name);
  return context_[static_cast<std::size_t>(it - context_names_.begin())];
}

}  // namespace statecraft::timeline::detail
