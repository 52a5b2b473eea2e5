#include "statecraft/bargaining/baselines.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "statecraft/error.hpp"

namespace statecraft::bargaining {
namespace {

void check_inputs(std::span<const double> c, std::span<const double> x, std::span<const double> s,
                  const char* who) {
  if (c.size() != x.size() || s.size() != x.size()) {
    throw UsageError(std::string(who) + ": capability, position and salience differ in length");
  }
  if (x.empty()) throw UsageError(std::string(who) + ": no actors");
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!std::isfinite(c[i]) || !std::isfinite(x[i]) || !std::isfinite(s[i]) || c[i] < 0 ||
        s[i] < 0) {
      throw UsageError(std::string(who) + ": actor " + std::to_string(i) +
                       " has a negative or non-finite capability, position or salience");
    }
  }
}

}  // namespace

double mean_position(std::span<const double> position) {
  if (position.empty()) throw UsageError("mean_position: no actors");
  return std::accumulate(position.begin(), position.end(), 0.0) /
         static_cast<double>(position.size());
}

double compromise(std::span<const double> capability, std::span<const double> position,
                  std::span<const double> salience) {
  check_inputs(capability, position, salience, "compromise");
  double num = 0.0;
  double den = 0.0;
  for (std::size_t i = 0; i < position.size(); ++i) {
    const double w = capability[i] * salience[i];
    num += w * position[i];
    den += w;
  }
  if (den <= 0.0) throw UsageError("compromise: every capability × salience weight is zero");
  return num / den;
}

double weighted_median(std::span<const double> capability, std::span<const double> position,
                       std::span<const double> salience) {
  check_inputs(capability, position, salience, "weighted_median");
  const std::size_t n = position.size();
  // Sort by position (stable, ties by input order) and walk the cumulative weight.
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return position[a] < position[b]; });
  double total = 0.0;
  for (std::size_t i = 0; i < n; ++i) total += capability[i] * salience[i];
  if (total <= 0.0) throw UsageError("weighted_median: every capability × salience weight is zero");
  const double half = 0.5 * total;
  double cum = 0.0;
  for (std::size_t k = 0; k < n; ++k) {
    cum += capability[order[k]] * salience[order[k]];
    if (cum >= half) {
      const double x = position[order[k]];
      if (std::abs(cum - half) <= 1e-12 * total) {
        // Exactly half the weight at or below x: the median is any point up to the next
        // distinct position; report the midpoint.
        for (std::size_t j = k + 1; j < n; ++j) {
          if (position[order[j]] > x && capability[order[j]] * salience[order[j]] > 0) {
            return 0.5 * (x + position[order[j]]);
          }
        }
      }
      return x;
    }
  }
  return position[order[n - 1]];
}

}  // namespace statecraft::bargaining
