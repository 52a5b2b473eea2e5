#pragma once
/// @file sampler.hpp
/// Draws the values of every quantity of a scenario for one Monte Carlo draw. The values of draw
/// d depend only on (seed, d) and each quantity's path, never on threads or evaluation order.

#include <cstdint>
#include <memory>
#include <vector>

#include "statecraft/scenario/scenario.hpp"

namespace statecraft::scenario {

/// Evaluates a scenario's quantities. Holds compiled expressions; NOT thread-safe: use one
/// Sampler per thread (construction is cheap compared with thousands of draws).
class Sampler {
 public:
  explicit Sampler(const Scenario& scenario);
  ~Sampler();
  Sampler(const Sampler&) = delete;
  Sampler& operator=(const Sampler&) = delete;

  /// Fills `values` (resized to the number of quantities) for draw `draw` under `seed`.
  /// @throws ScenarioError when a value leaves its allowed range or an expression is not finite.
  void sample(std::uint64_t seed, std::uint64_t draw, std::vector<double>& values);

  /// Fills `values` for a point of a quasi-random design: random quantity i takes the quantile
  /// `shares[i]` (in (0, 1)) of its distribution; `shares` is indexed by QuantityId and its other
  /// entries are ignored. Expressions are evaluated and checked as in sample().
  /// @throws ScenarioError when a value leaves its allowed range or an expression is not finite.
  void sample_at(const std::vector<double>& shares, std::vector<double>& values);

  /// Fills `values` with every quantity at its central value (fixed values, distribution means,
  /// expressions evaluated on those): the "point" scenario.
  void central(std::vector<double>& values);

  /// Re-evaluates the expressions `ids` (in that order, which must respect dependencies) on
  /// `values` after some of its entries were changed, clamping each to its declared range.
  /// @throws ScenarioError when an expression is not finite.
  void recompute(std::vector<double>& values, const std::vector<QuantityId>& ids);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace statecraft::scenario
