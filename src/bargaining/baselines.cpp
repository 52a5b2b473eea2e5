// Baseline forecasts: unweighted mean, compromise model, weighted median, Nash bargaining.
//
// Compromise model: the capability x salience weighted mean of positions (van den Bos 1991;
// Achen 2006, "Institutional realism and bargaining models", in Thomson et al., The European
// Union Decides, ch. 4, who derives it as the first-order approximation of an asymmetric Nash
// bargaining solution with quadratic losses).
// Nash bargaining solution: Nash (1950); asymmetric form with bargaining weights: Kalai (1977).

#include <algorithm>
#include <cmath>
#include <numeric>

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

}  // namespace

double mean_position(const BargainingProblem& p, std::size_t k) {
  check_dim(p, k);
  double s = 0.0;
  for (const Actor& a : p.actors) s += a.position[k];
  return s / static_cast<double>(p.actors.size());
}

double compromise_position(const BargainingProblem& p, std::size_t k) {
  check_dim(p, k);
  double num = 0.0;
  double den = 0.0;
  for (const Actor& a : p.actors) {
    num += weight(a, k) * a.position[k];
    den += weight(a, k);
  }
  return num / den;  // den > 0 guaranteed by validate()
}

double weighted_median_position(const BargainingProblem& p, std::size_t k) {
  check_dim(p, k);
  std::vector<std::size_t> idx(p.actors.size());
  std::iota(idx.begin(), idx.end(), std::size_t{0});
  std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
    return p.actors[a].position[k] < p.actors[b].position[k];
  });
  double total = 0.0;
  for (const Actor& a : p.actors) total += weight(a, k);
  // Smallest position whose cumulative weight reaches half the total: against any other
  // position it holds at least half the weighted vote, i.e. the weighted Condorcet winner.
  double cum = 0.0;
  for (std::size_t i : idx) {
    cum += weight(p.actors[i], k);
    if (cum >= 0.5 * total * (1.0 - 1e-12)) return p.actors[i].position[k];
  }
  return p.actors[idx.back()].position[k];
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
