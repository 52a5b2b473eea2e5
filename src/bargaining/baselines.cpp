// Baseline forecasts: unweighted mean, compromise model, weighted median, Nash bargaining.
// The span functions (baselines.hpp) are the core; the problem functions (models.hpp) validate a
// BargainingProblem and call them.
//
// Compromise model: the capability x salience weighted mean of positions (van den Bos 1991;
// Achen 2006, "Institutional realism and bargaining models", in Thomson et al., The European
// Union Decides, ch. 4, who derives it as the first-order approximation of an asymmetric Nash
// bargaining solution with quadratic losses).
// Nash bargaining solution: Nash (1950); asymmetric form with bargaining weights: Kalai (1977).

#include "statecraft/bargaining/baselines.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <span>
#include <string>
#include <vector>

#include "statecraft/bargaining/models.hpp"
#include "statecraft/error.hpp"

namespace statecraft::bargaining {

namespace {

void check_dim(const BargainingProblem& p, std::size_t k) {
  validate(p);
  if (k >= p.dimensions.size())
    throw UsageError("dimension " + std::to_string(k) + " out of range (problem has " +
                     std::to_string(p.dimensions.size()) + ")");
}

double weight(const Actor& a, std::size_t k) { return a.capability * a.salience[k]; }

void check_inputs(std::span<const double> c, std::span<const double> x, std::span<const double> s, const char* who) {
  if (c.size() != x.size() || s.size() != x.size()) {
    throw UsageError(std::string(who) + ": capability, position and salience differ in length");
  }
  if (x.empty()) throw UsageError(std::string(who) + ": no actors");
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!std::isfinite(c[i]) || !std::isfinite(x[i]) || !std::isfinite(s[i]) || c[i] < 0 || s[i] < 0) {
      throw UsageError(std::string(who) + ": actor " + std::to_string(i) +
                       " has a negative or non-finite capability, position or salience");
    }
  }
}

/// One dimension of a validated problem as three parallel arrays.
struct Columns {
  std::vector<double> c, x, s;
  Columns(const BargainingProblem& p, std::size_t k) {
    for (const Actor& a : p.actors) {
      c.push_back(a.capability);
      x.push_back(a.position[k]);
      s.push_back(a.salience[k]);
    }
  }
};

}  // namespace

double mean_position(const BargainingProblem& p, std::size_t k) {
  check_dim(p, k);
  return mean_position(Columns(p, k).x);
}

double compromise_position(const BargainingProblem& p, std::size_t k) {
  check_dim(p, k);
  const Columns col(p, k);
  return compromise(col.c, col.x, col.s);
}

double weighted_median_position(const BargainingProblem& p, std::size_t k) {
  check_dim(p, k);
  const Columns col(p, k);
  return weighted_median(col.c, col.x, col.s);
}

double mean_position(std::span<const double> position) {
  if (position.empty()) throw UsageError("mean_position: no actors");
  return std::accumulate(position.begin(), position.end(), 0.0) / static_cast<double>(position.size());
}

double compromise(std::span<const double> capability, std::span<const double> position,
                  std::span<const double> salience) {
  check_inputs(capability, position, salience, "compromise");
  double den = 0.0;
  for (std::size_t i = 0; i < position.size(); ++i) den += capability[i] * salience[i];
  if (den <= 0.0) throw UsageError("compromise: every capability × salience weight is zero");
  if (!std::isfinite(den)) throw UsageError("compromise: the total capability × salience weight overflows");
  // Weights divided by their total first, so that weight x position cannot overflow.
  double num = 0.0;
  for (std::size_t i = 0; i < position.size(); ++i) num += (capability[i] * salience[i] / den) * position[i];
  return num;
}

double weighted_median(std::span<const double> capability, std::span<const double> position,
                       std::span<const double> salience) {
  check_inputs(capability, position, salience, "weighted_median");
  const std::size_t n = position.size();
  // The actors by position, ties in index order (a stable sort: the order is unique, positions
  // being finite). Small problems sort by insertion on the stack, without allocating.
  constexpr std::size_t kSmall = 32;
  std::array<std::size_t, kSmall> small{};
  std::vector<std::size_t> large;
  if (n > kSmall) large.resize(n);
  const std::span<std::size_t> order = n > kSmall ? std::span<std::size_t>(large) : std::span(small.data(), n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  if (n > kSmall) {
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return position[a] < position[b]; });
  } else {
    for (std::size_t i = 1; i < n; ++i) {
      const std::size_t key = order[i];
      std::size_t j = i;
      for (; j > 0 && position[key] < position[order[j - 1]]; --j) order[j] = order[j - 1];
      order[j] = key;
    }
  }
  double total = 0.0;
  for (std::size_t i = 0; i < n; ++i) total += capability[i] * salience[i];
  if (total <= 0.0) throw UsageError("weighted_median: every capability × salience weight is zero");
  // Smallest position whose cumulative weight reaches half the total: against any other
  // position it holds at least half the weighted vote, i.e. the weighted Condorcet winner.
  double cum = 0.0;
  for (std::size_t k = 0; k < n; ++k) {
    cum += capability[order[k]] * salience[order[k]];
    if (cum >= 0.5 * total * (1.0 - 1e-12)) return position[order[k]];
  }
  return position[order[n - 1]];
}

double nash_bargaining_position(const BargainingProblem& p, std::size_t k) {
  check_dim(p, k);
  const double lo = p.scale_min;
  const double hi = p.scale_max;
  // Objective: sum_i w_i log(D_i - |x - x_i|), D_i = distance from x_i to its farther scale end
  // (the disagreement outcome is the actor's worst point). Each term is strictly concave, so
  // golden-section search on [lo, hi] finds the unique maximum.
  auto f = [&](double x) {
    double s = 0.0;
    for (const Actor& a : p.actors) {
      const double w = weight(a, k);
      if (w <= 0.0) continue;
      const double xi = a.position[k];
      const double d = std::max(xi - lo, hi - xi);
      const double g = d - std::abs(x - xi);
      if (g <= 0.0) return -HUGE_VAL;
      s += w * std::log(g);
    }
    return s;
  };
  const double phi = (std::sqrt(5.0) - 1.0) / 2.0;
  double a = lo;
  double b = hi;
  double c = b - phi * (b - a);
  double d = a + phi * (b - a);
  double fc = f(c);
  double fd = f(d);
  for (int it = 0; it < 200 && (b - a) > 1e-12 * (hi - lo); ++it) {
    if (fc >= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - phi * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + phi * (b - a);
      fd = f(d);
    }
  }
  return 0.5 * (a + b);
}

}  // namespace statecraft::bargaining
