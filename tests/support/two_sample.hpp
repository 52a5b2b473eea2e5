// Two-sample tests for comparing the distributions of a statistic under two update orders:
// Kolmogorov-Smirnov (asymptotic Kolmogorov distribution with Stephens' small-sample factor,
// Stephens 1970; as in Numerical Recipes' kstwo) and Mann-Whitney U (normal approximation with
// the tie correction and a continuity correction; Hollander & Wolfe, Nonparametric Statistical
// Methods). Both return two-sided p-values; samples with only ties give p = 1.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace statecraft::testing {

/// P(K > lambda) for the Kolmogorov distribution: 2 sum_{j>=1} (-1)^(j-1) exp(-2 j^2 lambda^2).
inline double kolmogorov_q(double lambda) {
  if (lambda < 0.3) return 1.0;  // the series converges slowly here, and Q is 1 to 1e-9
  double sum = 0, sign = 1;
  for (int j = 1; j <= 100; ++j) {
    const double term = sign * std::exp(-2.0 * j * j * lambda * lambda);
    sum += term;
    if (std::abs(term) < 1e-12) break;
    sign = -sign;
  }
  return std::clamp(2 * sum, 0.0, 1.0);
}

/// Two-sided p-value of the two-sample Kolmogorov-Smirnov test.
inline double ks_p_value(std::vector<double> a, std::vector<double> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  const double na = static_cast<double>(a.size()), nb = static_cast<double>(b.size());
  std::size_t i = 0, j = 0;
  double d = 0;
  while (i < a.size() && j < b.size()) {
    const double x = std::min(a[i], b[j]);  // step both ECDFs past every copy of x
    while (i < a.size() && a[i] == x) ++i;
    while (j < b.size() && b[j] == x) ++j;
    d = std::max(d, std::abs(static_cast<double>(i) / na - static_cast<double>(j) / nb));
  }
  const double en = std::sqrt(na * nb / (na + nb));
  return kolmogorov_q((en + 0.12 + 0.11 / en) * d);
}

/// Two-sided p-value of the Mann-Whitney U test.
inline double mann_whitney_p_value(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<std::pair<double, int>> all;
  for (double x : a) all.emplace_back(x, 0);
  for (double x : b) all.emplace_back(x, 1);
  std::sort(all.begin(), all.end());
  const double n = static_cast<double>(all.size());
  double rank_sum_a = 0, ties = 0;  // ties: sum of t^3 - t over the groups of equal values
  for (std::size_t i = 0; i < all.size();) {
    std::size_t k = i;
    while (k < all.size() && all[k].first == all[i].first) ++k;
    const double t = static_cast<double>(k - i), mid_rank = (static_cast<double>(i + k) + 1) / 2;
    for (std::size_t m = i; m < k; ++m)
      if (all[m].second == 0) rank_sum_a += mid_rank;
    ties += t * t * t - t;
    i = k;
  }
  const double na = static_cast<double>(a.size()), nb = static_cast<double>(b.size());
  const double u = rank_sum_a - na * (na + 1) / 2;
  const double var = na * nb / 12 * ((n + 1) - ties / (n * (n - 1)));
  if (var <= 0) return 1.0;
  const double z = std::max(0.0, std::abs(u - na * nb / 2) - 0.5) / std::sqrt(var);
  return std::erfc(z / std::sqrt(2.0));
}

}  // namespace statecraft::testing
