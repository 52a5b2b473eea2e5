#include "statecraft/scenario/sampler.hpp"

#include <fmt/format.h>
#include <muParser.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace statecraft::scenario {

struct Sampler::Impl {
  const Scenario& s;
  std::vector<double> vals;                          // bound to the parsers' variables
  std::vector<std::unique_ptr<mu::Parser>> parsers;  // per quantity; null unless an expression

  explicit Impl(const Scenario& sc) : s(sc), vals(sc.quantities.size(), 0.0), parsers(sc.quantities.size()) {
    for (std::size_t i = 0; i < s.quantities.size(); ++i) {
      const Quantity& q = s.quantities[i];
      if (q.kind != Quantity::Kind::kExpression) continue;
      auto p = std::make_unique<mu::Parser>();
      for (std::size_t k = 0; k < q.deps.size(); ++k) {
        const auto d = static_cast<std::size_t>(q.deps[k]);
        p->DefineVar(s.quantities[d].name, &vals[d]);
      }
      p->SetExpr(q.expr);
      parsers[i] = std::move(p);
    }
  }

  double eval(std::size_t i) {
    try {
      return parsers[i]->Eval();
    } catch (const mu::Parser::exception_type& e) {
      const Quantity& q = s.quantities[i];
      throw ScenarioError({Diagnostic{q.where, q.path, "'" + q.expr + "' (" + e.GetMsg() + ")", "a valid expression"}});
    }
  }

  void check(std::size_t i, double v, const std::string& when) const {
    const Quantity& q = s.quantities[i];
    if (std::isfinite(v) && v >= q.lower && v <= q.upper) return;
    std::string expected;
    if (std::isfinite(q.lower) && std::isfinite(q.upper))
      expected = fmt::format("a value in [{:g}, {:g}]", q.lower, q.upper);
    else if (std::isfinite(q.lower))
      expected = fmt::format("a value >= {:g}", q.lower);
    else if (std::isfinite(q.upper))
      expected = fmt::format("a value <= {:g}", q.upper);
    else
      expected = "a finite value";
    if (!q.unit.empty()) expected += " (unit " + q.unit + ")";
    throw ScenarioError({Diagnostic{q.where, q.path, fmt::format("{:g} {}", v, when), expected}});
  }

  /// Every quantity in evaluation order, random ones from `random(quantity, id)`.
  /// `when` names the draw in messages (built only on failure).
  template <class Random, class When>
  void fill(std::vector<double>& values, When when, Random random) {
    for (QuantityId id : s.evaluation_order) {
      const auto i = static_cast<std::size_t>(id);
      const Quantity& q = s.quantities[i];
      double v = 0.0;
      switch (q.kind) {
        case Quantity::Kind::kFixed:
          v = q.value;
          break;
        case Quantity::Kind::kRandom:
          v = random(q, i);
          break;
        case Quantity::Kind::kExpression:
          v = eval(i);
          if (!(std::isfinite(v) && v >= q.lower && v <= q.upper)) check(i, v, when());
          break;
      }
      vals[i] = v;
    }
    values = vals;
  }
};

Sampler::Sampler(const Scenario& scenario) : impl_(std::make_unique<Impl>(scenario)) {}
Sampler::~Sampler() = default;

void Sampler::sample(std::uint64_t seed, std::uint64_t draw, std::vector<double>& values) {
  impl_->fill(
      values, [&] { return fmt::format("in draw {} (seed {})", draw, seed); },
      [&](const Quantity& q, std::size_t) {
        RandomStream rng(seed, draw, StreamId::kParameters, q.stream);
        return q.dist->sample(rng);
      });
}

void Sampler::sample_at(const std::vector<double>& shares, std::vector<double>& values) {
  impl_->fill(
      values, [] { return std::string("at a point of the sensitivity design"); },
      [&](const Quantity& q, std::size_t i) { return q.dist->quantile(shares.at(i)); });
}

void Sampler::central(std::vector<double>& values) {
  auto& m = *impl_;
  for (QuantityId id : m.s.evaluation_order) {
    const auto i = static_cast<std::size_t>(id);
    const Quantity& q = m.s.quantities[i];
    double v = 0.0;
    switch (q.kind) {
      case Quantity::Kind::kFixed:
        v = q.value;
        break;
      case Quantity::Kind::kRandom:
        v = q.dist->mean();
        break;
      case Quantity::Kind::kExpression:
        v = m.eval(i);
        break;
    }
    m.check(i, v, "in the central case");
    m.vals[i] = v;
  }
  values = m.vals;
}

void Sampler::recompute(std::vector<double>& values, const std::vector<QuantityId>& ids) {
  auto& m = *impl_;
  m.vals = values;
  for (QuantityId id : ids) {
    const auto i = static_cast<std::size_t>(id);
    const Quantity& q = m.s.quantities[i];
    const double v = m.eval(i);
    if (!std::isfinite(v)) m.check(i, v, "when recomputed on the timeline's state");
    m.vals[i] = std::clamp(v, q.lower, q.upper);
    values[i] = m.vals[i];
  }
}

}  // namespace statecraft::scenario
