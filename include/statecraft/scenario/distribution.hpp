#pragma once
/// @file distribution.hpp
/// Probability distributions of uncertain scenario numbers.

#include <string>
#include <vector>

#include "statecraft/random.hpp"

namespace statecraft::scenario {

/// The distribution families of scenario format v1.
enum class DistKind { kUniform, kTriangular, kNormal, kBeta, kLognormal, kDiscrete };

/// A distribution with validated parameters. Construct with the make_* functions, which check
/// the parameters and throw UsageError on impossible ones (the loader reports them located).
class Distribution {
 public:
  /// U(min, max); requires min < max.
  static Distribution uniform(double min, double max);
  /// Triangular(min, mode, max); requires min <= mode <= max and min < max.
  static Distribution triangular(double min, double mode, double max);
  /// N(mean, sd²) truncated to [lower, upper] (±infinity for none); requires sd > 0, lower < upper
  /// and a truncation window holding non-negligible mass (probability > 1e-9).
  static Distribution normal(double mean, double sd, double lower, double upper);
  /// Beta(alpha, beta) on [0, 1]; requires alpha > 0, beta > 0.
  static Distribution beta(double alpha, double beta);
  /// exp(N(mu, sigma²)); requires sigma > 0.
  static Distribution lognormal(double mu, double sigma);
  /// One of `values` with probability proportional to `weights`; same non-zero length, weights
  /// >= 0 with a positive sum.
  static Distribution discrete(std::vector<double> values, std::vector<double> weights);

  [[nodiscard]] DistKind kind() const noexcept { return kind_; }
  /// One draw.
  [[nodiscard]] double sample(RandomStream& rng) const;
  /// The value below which a share `p` of the distribution lies (inverse CDF; the smallest value
  /// with CDF >= p for the discrete family); `p` in (0, 1). Used by quasi-random designs.
  [[nodiscard]] double quantile(double p) const;
  /// Exact mean (of the truncated distribution for a truncated normal).
  [[nodiscard]] double mean() const;
  /// Exact variance.
  [[nodiscard]] double variance() const;
  /// Smallest and largest possible values (may be ±infinity).
  [[nodiscard]] double support_min() const;
  [[nodiscard]] double support_max() const;
  /// A short description, e.g. "triangular(0.2, 0.4, 0.7)".
  [[nodiscard]] std::string describe() const;
  /// The family name as written in a scenario, e.g. "triangular".
  [[nodiscard]] static const char* name(DistKind kind);

 private:
  Distribution() = default;
  DistKind kind_ = DistKind::kUniform;
  double a_ = 0, b_ = 0, c_ = 0, d_ = 0;  // family-specific parameters
  std::vector<double> values_;
  std::vector<double> cumulative_;  // discrete: cumulative normalised weights
};

}  // namespace statecraft::scenario
