// Saltelli (2010) first-order and Jansen (1999) total indices with percentile bootstrap intervals.

#include "statecraft/sensitivity/indices.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "statecraft/ensemble/forecast.hpp"
#include "statecraft/error.hpp"
#include "statecraft/random.hpp"

namespace statecraft::sensitivity {
namespace {

constexpr std::uint32_t kBootstrapStream = static_cast<std::uint32_t>(StreamId::kUser) + 12;

struct Estimate {
  double mean = 0, variance = 0;
  std::vector<double> first, total;
};

/// The estimators on the rows `rows` (repeats allowed) of y.
Estimate estimate_on(std::size_t groups, const std::vector<double>& y, const std::vector<std::size_t>& rows) {
  const std::size_t w = groups + 2;
  const double n = static_cast<double>(rows.size());
  Estimate e;
  for (std::size_t r : rows) e.mean += y[r * w] + y[r * w + 1];
  e.mean /= 2 * n;
  for (std::size_t r : rows) {
    const double da = y[r * w] - e.mean, db = y[r * w + 1] - e.mean;
    e.variance += da * da + db * db;
  }
  e.variance /= 2 * n;
  e.first.assign(groups, 0.0);
  e.total.assign(groups, 0.0);
  if (!(e.variance > 0)) return e;
  for (std::size_t g = 0; g < groups; ++g) {
    double s = 0, t = 0;
    for (std::size_t r : rows) {
      // Centred on the mean: the same estimators, with far less variance when the mean is
      // large compared with the spread (the products of the first-order sum).
      const double ya = y[r * w] - e.mean, yb = y[r * w + 1] - e.mean, yab = y[r * w + 2 + g] - e.mean;
      s += yb * (yab - ya);
      t += (ya - yab) * (ya - yab);
    }
    e.first[g] = s / n / e.variance;
    e.total[g] = t / (2 * n) / e.variance;
  }
  return e;
}

Interval interval(double estimate, std::vector<double> reps, double level) {
  std::sort(reps.begin(), reps.end());
  const double tail = (1 - level) / 2;
  return {estimate, ensemble::quantile_sorted(reps, tail), ensemble::quantile_sorted(reps, 1 - tail)};
}

}  // namespace

Indices estimate_indices(std::size_t groups, const std::vector<double>& y, const Bootstrap& bootstrap) {
  const std::size_t w = groups + 2;
  if (groups == 0 || y.size() % w != 0) throw UsageError("Sobol' indices: outputs do not fill whole design rows");
  const std::size_t n = y.size() / w;
  if (n < 2) throw UsageError(fmt::format("Sobol' indices: at least 2 design rows are needed, found {}", n));
  if (!std::all_of(y.begin(), y.end(), [](double v) { return std::isfinite(v); }))
    throw UsageError("Sobol' indices: an output is not a finite number");
  if (!(bootstrap.level > 0 && bootstrap.level < 1)) throw UsageError("Sobol' indices: the level must be in (0, 1)");
  std::vector<std::size_t> rows(n);
  for (std::size_t r = 0; r < n; ++r) rows[r] = r;
  const Estimate full = estimate_on(groups, y, rows);
  Indices out;
  out.mean = full.mean;
  out.variance = full.variance;
  out.rows = n;
  out.constant = !(full.variance > 1e-14 * (1 + full.mean * full.mean));
  std::vector<std::vector<double>> first(groups), total(groups);
  for (std::size_t b = 0; b < bootstrap.replicates && !out.constant; ++b) {
    RandomStream rng(bootstrap.seed, b, kBootstrapStream);
    for (auto& r : rows) r = static_cast<std::size_t>(rng.below(n));
    const Estimate e = estimate_on(groups, y, rows);
    for (std::size_t g = 0; g < groups; ++g) {
      first[g].push_back(e.first[g]);
      total[g].push_back(e.total[g]);
    }
  }
  for (std::size_t g = 0; g < groups; ++g) {
    if (out.constant) {
      out.groups.push_back({});
      continue;
    }
    if (bootstrap.replicates == 0) {
      out.groups.push_back(
          {{full.first[g], full.first[g], full.first[g]}, {full.total[g], full.total[g], full.total[g]}});
      continue;
    }
    out.groups.push_back({interval(full.first[g], std::move(first[g]), bootstrap.level),
                          interval(full.total[g], std::move(total[g]), bootstrap.level)});
  }
  return out;
}

}  // namespace statecraft::sensitivity
