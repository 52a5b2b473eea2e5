// Newcombe's hybrid score intervals for a difference of proportions, paired and unpaired.

#include "statecraft/ensemble/difference.hpp"

#include <algorithm>
#include <cmath>

#include "statecraft/ensemble/forecast.hpp"

namespace statecraft::ensemble {

Difference paired_difference(const std::vector<signed char>& a, const std::vector<signed char>& b) {
  // Cells of the 2x2 table of (a, b) answers: both yes, a only, b only, neither.
  double both = 0, a_only = 0, b_only = 0, neither = 0;
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] < 0 || b[i] < 0) continue;
    (a[i] ? (b[i] ? both : a_only) : (b[i] ? b_only : neither)) += 1;
  }
  Difference d;
  d.paired = true;
  const double pairs = both + a_only + b_only + neither;
  d.pairs = static_cast<std::size_t>(pairs);
  if (d.pairs == 0) return {0, -1, 1, 0, true};
  const double pa = (both + a_only) / pairs, pb = (both + b_only) / pairs;
  const auto [la, ua] = wilson_interval(static_cast<std::size_t>(both + a_only), d.pairs);
  const auto [lb, ub] = wilson_interval(static_cast<std::size_t>(both + b_only), d.pairs);
  const double den = (both + a_only) * (b_only + neither) * (both + b_only) * (a_only + neither);
  const double phi = den > 0 ? (both * neither - a_only * b_only) / std::sqrt(den) : 0.0;
  d.estimate = pb - pa;
  const double lo = (pb - lb) * (pb - lb) - 2 * phi * (pb - lb) * (ua - pa) + (ua - pa) * (ua - pa);
  const double hi = (ub - pb) * (ub - pb) - 2 * phi * (ub - pb) * (pa - la) + (pa - la) * (pa - la);
  d.low = std::max(-1.0, d.estimate - std::sqrt(std::max(0.0, lo)));
  d.high = std::min(1.0, d.estimate + std::sqrt(std::max(0.0, hi)));
  return d;
}

Difference unpaired_difference(std::size_t yes_a, std::size_t n_a, std::size_t yes_b, std::size_t n_b) {
  Difference d;
  if (n_a == 0 || n_b == 0) return {0, -1, 1, 0, false};
  const double pa = static_cast<double>(yes_a) / static_cast<double>(n_a);
  const double pb = static_cast<double>(yes_b) / static_cast<double>(n_b);
  const auto [la, ua] = wilson_interval(yes_a, n_a);
  const auto [lb, ub] = wilson_interval(yes_b, n_b);
  d.estimate = pb - pa;
  d.low = std::max(-1.0, d.estimate - std::sqrt((pb - lb) * (pb - lb) + (ua - pa) * (ua - pa)));
  d.high = std::min(1.0, d.estimate + std::sqrt((ub - pb) * (ub - pb) + (pa - la) * (pa - la)));
  return d;
}

}  // namespace statecraft::ensemble
