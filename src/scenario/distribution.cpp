#include "statecraft/scenario/distribution.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "statecraft/error.hpp"

namespace statecraft::scenario {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

double phi(double z) { return std::exp(-0.5 * z * z) / std::sqrt(2.0 * std::numbers::pi); }
double big_phi(double z) { return 0.5 * std::erfc(-z / std::numbers::sqrt2); }

void require(bool ok, const std::string& what) {
  if (!ok) throw UsageError(what);
}

bool finite(double x) { return std::isfinite(x); }

// Terms of the moments of N(mean, sd²) truncated to [lower, upper], with α, β the standardised
// bounds: Z = Φ(β) − Φ(α), φ(α), φ(β), αφ(α), βφ(β) (Johnson, Kotz & Balakrishnan 1994, 13.10).
struct Truncation {
  double z, pa, pb, ta, tb;
};
Truncation truncation(double mean, double sd, double lower, double upper) {
  const double al = std::isfinite(lower) ? (lower - mean) / sd : -kInf;
  const double be = std::isfinite(upper) ? (upper - mean) / sd : kInf;
  const double pa = std::isfinite(al) ? phi(al) : 0.0;
  const double pb = std::isfinite(be) ? phi(be) : 0.0;
  return {big_phi(be) - big_phi(al), pa, pb, std::isfinite(al) ? al * pa : 0.0, std::isfinite(be) ? be * pb : 0.0};
}

}  // namespace

Distribution Distribution::uniform(double min, double max) {
  require(finite(min) && finite(max), "uniform bounds must be finite");
  require(min < max, fmt::format("uniform needs min < max, found min {} and max {}", min, max));
  Distribution d;
  d.kind_ = DistKind::kUniform;
  d.a_ = min;
  d.b_ = max;
  return d;
}

Distribution Distribution::triangular(double min, double mode, double max) {
  require(finite(min) && finite(mode) && finite(max), "triangular parameters must be finite");
  require(min < max, fmt::format("triangular needs min < max, found {} and {}", min, max));
  require(min <= mode && mode <= max,
          fmt::format("triangular needs min <= mode <= max, found mode {} outside [{}, {}]", mode, min, max));
  Distribution d;
  d.kind_ = DistKind::kTriangular;
  d.a_ = min;
  d.b_ = mode;
  d.c_ = max;
  return d;
}

Distribution Distribution::normal(double mean, double sd, double lower, double upper) {
  require(finite(mean) && finite(sd), "normal mean and sd must be finite");
  require(sd > 0, fmt::format("normal needs sd > 0, found {}", sd));
  require(!std::isnan(lower) && !std::isnan(upper), "normal bounds must be numbers");
  require(lower < upper, fmt::format("normal needs lower < upper, found {} and {}", lower, upper));
  const double mass = big_phi((upper - mean) / sd) - big_phi((lower - mean) / sd);
  require(mass > 1e-9, fmt::format("normal needs a truncation window holding probability mass, "
                                   "found [{}, {}] for mean {} and sd {}",
                                   lower, upper, mean, sd));
  Distribution d;
  d.kind_ = DistKind::kNormal;
  d.a_ = mean;
  d.b_ = sd;
  d.c_ = lower;
  d.d_ = upper;
  return d;
}

Distribution Distribution::beta(double alpha, double beta_) {
  require(finite(alpha) && finite(beta_), "beta parameters must be finite");
  require(alpha > 0 && beta_ > 0, fmt::format("beta needs alpha > 0 and beta > 0, found {} and {}", alpha, beta_));
  Distribution d;
  d.kind_ = DistKind::kBeta;
  d.a_ = alpha;
  d.b_ = beta_;
  return d;
}

Distribution Distribution::lognormal(double mu, double sigma) {
  require(finite(mu) && finite(sigma), "lognormal parameters must be finite");
  require(sigma > 0, fmt::format("lognormal needs sigma > 0, found {}", sigma));
  require(mu + sigma * sigma < 700, fmt::format("lognormal needs mu + sigma^2 < 700, found {}", mu + sigma * sigma));
  Distribution d;
  d.kind_ = DistKind::kLognormal;
  d.a_ = mu;
  d.b_ = sigma;
  return d;
}

Distribution Distribution::discrete(std::vector<double> values, std::vector<double> weights) {
  require(!values.empty(), "discrete needs at least one value, found none");
  require(values.size() == weights.size(),
          fmt::format("discrete needs as many weights as values, found {} values and {} weights", values.size(),
                      weights.size()));
  double total = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    require(finite(values[i]), "discrete needs finite values, found a non-finite one");
    require(finite(weights[i]) && weights[i] >= 0, fmt::format("discrete needs weights >= 0, found {}", weights[i]));
    total += weights[i];
  }
  require(total > 0, "discrete needs weights with a positive sum, found a zero sum");
  Distribution d;
  d.kind_ = DistKind::kDiscrete;
  d.cumulative_.resize(weights.size());
  double cum = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    cum += weights[i] / total;
    d.cumulative_[i] = cum;
  }
  d.cumulative_.back() = 1.0;
  d.values_ = std::move(values);
  return d;
}

double Distribution::sample(RandomStream& rng) const {
  switch (kind_) {
    case DistKind::kUniform:
      return a_ + (b_ - a_) * rng.uniform();
    case DistKind::kTriangular: {
      // Inverse CDF of the triangular distribution.
      const double u = rng.uniform();
      const double f = (b_ - a_) / (c_ - a_);
      if (u < f) return a_ + std::sqrt(u * (c_ - a_) * (b_ - a_));
      return c_ - std::sqrt((1 - u) * (c_ - a_) * (c_ - b_));
    }
    case DistKind::kNormal: {
      const bool truncated = std::isfinite(c_) || std::isfinite(d_);
      if (!truncated) return a_ + b_ * rng.normal();
      // Rejection while the window holds at least 5% of the mass, else inverse CDF by bisection
      // on the window (robust in the far tails).
      const double lo = big_phi((c_ - a_) / b_);
      const double hi = big_phi((d_ - a_) / b_);
      if (hi - lo > 0.05) {
        for (;;) {
          const double x = a_ + b_ * rng.normal();
          if (x >= c_ && x <= d_) return x;
        }
      }
      const double target = lo + (hi - lo) * rng.uniform_open();
      double zl = std::isfinite(c_) ? (c_ - a_) / b_ : -40.0;
      double zh = std::isfinite(d_) ? (d_ - a_) / b_ : 40.0;
      for (int it = 0; it < 200; ++it) {
        const double zm = 0.5 * (zl + zh);
        if (big_phi(zm) < target)
          zl = zm;
        else
          zh = zm;
      }
      return std::clamp(a_ + b_ * 0.5 * (zl + zh), c_, d_);
    }
    case DistKind::kBeta: {
      const double x = rng.gamma(a_);
      const double y = rng.gamma(b_);
      const double s = x + y;
      return s > 0 ? x / s : (a_ >= b_ ? 1.0 : 0.0);
    }
    case DistKind::kLognormal:
      return std::exp(a_ + b_ * rng.normal());
    case DistKind::kDiscrete: {
      const double u = rng.uniform();
      const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), u);
      const auto k = static_cast<std::size_t>(
          std::min<std::ptrdiff_t>(it - cumulative_.begin(), static_cast<std::ptrdiff_t>(values_.size()) - 1));
      return values_[k];
    }
  }
  return 0.0;
}

double Distribution::mean() const {
  switch (kind_) {
    case DistKind::kUniform:
      return 0.5 * (a_ + b_);
    case DistKind::kTriangular:
      return (a_ + b_ + c_) / 3.0;
    case DistKind::kNormal: {
      const auto t = truncation(a_, b_, c_, d_);
      return a_ + b_ * (t.pa - t.pb) / t.z;
    }
    case DistKind::kBeta:
      return a_ / (a_ + b_);
    case DistKind::kLognormal:
      return std::exp(a_ + 0.5 * b_ * b_);
    case DistKind::kDiscrete: {
      double m = 0, prev = 0;
      for (std::size_t i = 0; i < values_.size(); ++i) {
        m += values_[i] * (cumulative_[i] - prev);
        prev = cumulative_[i];
      }
      return m;
    }
  }
  return 0.0;
}

double Distribution::variance() const {
  switch (kind_) {
    case DistKind::kUniform:
      return (b_ - a_) * (b_ - a_) / 12.0;
    case DistKind::kTriangular:
      return (a_ * a_ + b_ * b_ + c_ * c_ - a_ * b_ - a_ * c_ - b_ * c_) / 18.0;
    case DistKind::kNormal: {
      const auto t = truncation(a_, b_, c_, d_);
      const double r = (t.pa - t.pb) / t.z;
      return b_ * b_ * (1 + (t.ta - t.tb) / t.z - r * r);
    }
    case DistKind::kBeta: {
      const double s = a_ + b_;
      return a_ * b_ / (s * s * (s + 1));
    }
    case DistKind::kLognormal:
      return (std::exp(b_ * b_) - 1) * std::exp(2 * a_ + b_ * b_);
    case DistKind::kDiscrete: {
      const double m = mean();
      double v = 0, prev = 0;
      for (std::size_t i = 0; i < values_.size(); ++i) {
        v += (values_[i] - m) * (values_[i] - m) * (cumulative_[i] - prev);
        prev = cumulative_[i];
      }
      return v;
    }
  }
  return 0.0;
}

double Distribution::support_min() const {
  switch (kind_) {
    case DistKind::kUniform:
    case DistKind::kTriangular:
      return a_;
    case DistKind::kNormal:
      return c_;
    case DistKind::kBeta:
    case DistKind::kLognormal:
      return 0.0;
    case DistKind::kDiscrete: {
      double lo = kInf;
      for (std::size_t i = 0; i < values_.size(); ++i) {
        const double w = cumulative_[i] - (i ? cumulative_[i - 1] : 0.0);
        if (w > 0) lo = std::min(lo, values_[i]);
      }
      return lo;
    }
  }
  return -kInf;
}

double Distribution::support_max() const {
  switch (kind_) {
    case DistKind::kUniform:
      return b_;
    case DistKind::kTriangular:
      return c_;
    case DistKind::kNormal:
      return d_;
    case DistKind::kBeta:
      return 1.0;
    case DistKind::kLognormal:
      return kInf;
    case DistKind::kDiscrete: {
      double hi = -kInf;
      for (std::size_t i = 0; i < values_.size(); ++i) {
        const double w = cumulative_[i] - (i ? cumulative_[i - 1] : 0.0);
        if (w > 0) hi = std::max(hi, values_[i]);
      }
      return hi;
    }
  }
  return kInf;
}

const char* Distribution::name(DistKind kind) {
  switch (kind) {
    case DistKind::kUniform:
      return "uniform";
    case DistKind::kTriangular:
      return "triangular";
    case DistKind::kNormal:
      return "normal";
    case DistKind::kBeta:
      return "beta";
    case DistKind::kLognormal:
      return "lognormal";
    case DistKind::kDiscrete:
      return "discrete";
  }
  return "?";
}

std::string Distribution::describe() const {
  switch (kind_) {
    case DistKind::kUniform:
      return fmt::format("uniform({:g}, {:g})", a_, b_);
    case DistKind::kTriangular:
      return fmt::format("triangular({:g}, {:g}, {:g})", a_, b_, c_);
    case DistKind::kNormal:
      if (std::isfinite(c_) || std::isfinite(d_))
        return fmt::format("normal({:g}, {:g}) on [{:g}, {:g}]", a_, b_, c_, d_);
      return fmt::format("normal({:g}, {:g})", a_, b_);
    case DistKind::kBeta:
      return fmt::format("beta({:g}, {:g})", a_, b_);
    case DistKind::kLognormal:
      return fmt::format("lognormal({:g}, {:g})", a_, b_);
    case DistKind::kDiscrete:
      return fmt::format("discrete({} values)", values_.size());
  }
  return "?";
}

}  // namespace statecraft::scenario
