#pragma once
// One thread's working memory for running timelines: the variables expressions read (the draw's
// parameters, the state, `month`, and the names some contexts add), the compiled expressions, a
// sampler to recompute the scenario's numbers under overrides, and the agents' model settings.

#include <cstdint>
#include <string>
#include <vector>

#include "statecraft/random.hpp"
#include "statecraft/scenario/sampler.hpp"
#include "statecraft/scenario/scenario.hpp"
#include "timeline/expression_table.hpp"

namespace statecraft::timeline::detail {

class Workspace {
 public:
  explicit Workspace(const scenario::Scenario& s);

  /// Starts a draw: parameters from `values`, the state at its initial values.
  void start(const std::vector<double>& values);
  void set_month(int m) { month_ = m; }
  [[nodiscard]] int month() const { return static_cast<int>(month_); }

  [[nodiscard]] double eval(const std::string& e) const { return exprs_.eval(e); }
  /// True when `when` is empty or evaluates to non-zero.
  [[nodiscard]] bool holds(const std::string& when) const { return when.empty() || eval(when) != 0.0; }
  /// Applies assignments simultaneously: every right-hand side is evaluated first.
  void apply(const std::vector<scenario::Assignment>& as);
  /// Sets a variable (clamped to its bounds; categorical: a state index).
  void set(int var, double x);
  [[nodiscard]] double get(int var) const { return state_[static_cast<std::size_t>(var)]; }

  /// The draw's numbers with `overrides` evaluated on the state and the expressions `recompute`
  /// (which depend on them) re-evaluated.
  const std::vector<double>& overridden(const std::vector<scenario::Override>& overrides,
                                        const std::vector<scenario::QuantityId>& recompute);
  [[nodiscard]] const std::vector<double>& values() const { return values_; }

  /// Slot of a context name (`forecast`, a society window output).
  double& context(const std::string& name);

 private:
  void compile_all();
  void compile(const std::vector<scenario::Assignment>& as);
  void refresh_indicators(int var);

  const scenario::Scenario& s_;
  const scenario::Timeline& t_;
  std::vector<double> params_;      // per quantity id (only named parameters are bound)
  std::vector<double> state_;       // per state variable
  std::vector<double> indicators_;  // per (categorical variable, state)
  std::vector<std::size_t> indicator_offset_;
  double month_ = 0;
  std::vector<double> context_;
  std::vector<std::string> context_names_;
  std::vector<double> values_, scratch_;
  std::vector<double> pending_;
  scenario::Sampler sampler_;
  ExpressionTable exprs_;
};

}  // namespace statecraft::timeline::detail
