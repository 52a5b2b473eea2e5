// Inverse CDFs of the scenario distributions (Boost.Math for the normal and beta families), so
// that a quasi-random point in (0, 1)^k maps to a draw of k independent uncertain numbers.

#include <algorithm>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/normal.hpp>
#include <cmath>

#include "statecraft/error.hpp"
#include "statecraft/scenario/distribution.hpp"

namespace statecraft::scenario {
namespace {

// Quantile of N(mean, sd²) truncated to [lower, upper], working in the upper tail's complement
// when the window lies there so that no precision is lost near 1.
double truncated_normal_quantile(double mean, double sd, double lower, double upper, double p) {
  const boost::math::normal n01;
  const double zl = std::isfinite(lower) ? (lower - mean) / sd : -40.0;
  const double zh = std::isfinite(upper) ? (upper - mean) / sd : 40.0;
  double z = 0;
  if (zl > 0) {
    const double ql = boost::math::cdf(boost::math::complement(n01, zl));
    const double qh = boost::math::cdf(boost::math::complement(n01, zh));
    z = boost::math::quantile(boost::math::complement(n01, ql - p * (ql - qh)));
  } else {
    const double pl = boost::math::cdf(n01, zl), ph = boost::math::cdf(n01, zh);
    z = boost::math::quantile(n01, pl + p * (ph - pl));
  }
  return std::clamp(mean + sd * z, lower, upper);
}

}  // namespace

double Distribution::quantile(double p) const {
  if (!(p > 0 && p < 1)) throw UsageError("a quantile needs a share strictly between 0 and 1");
  switch (kind_) {
    case DistKind::kUniform:
      return a_ + (b_ - a_) * p;
    case DistKind::kTriangular: {
      const double f = (b_ - a_) / (c_ - a_);
      if (p < f) return a_ + std::sqrt(p * (c_ - a_) * (b_ - a_));
      return c_ - std::sqrt((1 - p) * (c_ - a_) * (c_ - b_));
    }
    case DistKind::kNormal:
      return truncated_normal_quantile(a_, b_, c_, d_, p);
    case DistKind::kBeta:
      return boost::math::quantile(boost::math::beta_distribution<>(a_, b_), p);
    case DistKind::kLognormal:
      return std::exp(a_ + b_ * boost::math::quantile(boost::math::normal(), p));
    case DistKind::kDiscrete: {
      const auto it = std::lower_bound(cumulative_.begin(), cumulative_.end(), p);
      const auto k =
          std::min<std::ptrdiff_t>(it - cumulative_.begin(), static_cast<std::ptrdiff_t>(values_.size()) - 1);
      return values_[static_cast<std::size_t>(k)];
    }
  }
  return 0.0;
}

}  // namespace statecraft::scenario
