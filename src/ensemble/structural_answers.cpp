#include "ensemble/structural_answers.hpp"

#include <algorithm>
#include <cmath>

namespace statecraft::ensemble {
namespace {

/// The structural choices some timeline step draws from.
std::vector<std::size_t> used_choices(const scenario::Scenario& s) {
  std::vector<std::size_t> out;
  auto add = [&out](int c) {
    if (c >= 0 && std::find(out.begin(), out.end(), static_cast<std::size_t>(c)) == out.end())
      out.push_back(static_cast<std::size_t>(c));
  };
  for (const auto& st : s.timeline.issue_steps) add(st.choice);
  for (const auto& d : s.timeline.decisions) add(d.choice);
  std::sort(out.begin(), out.end());
  return out;
}

/// z with P(Z > z) = tail for a standard normal Z, by bisection on erfc.
double normal_upper_quantile(double tail) {
  double lo = 0, hi = 40;
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (lo + hi);
    (0.5 * std::erfc(mid / std::sqrt(2.0)) > tail ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

/// True when two alternatives' Wilson intervals, widened so that all pairs hold jointly at 95%
/// (Bonferroni over the pairs), do not overlap: the answers differ beyond the Monte Carlo error.
bool beyond_noise(const StructuralAnswers& sa) {
  std::size_t k = 0;
  for (const auto& a : sa.answers) k += a.draws > 0;
  if (k < 2) return false;
  const std::size_t pairs = k * (k - 1) / 2;  // exact: one of k, k - 1 is even
  const double z = normal_upper_quantile(0.025 / static_cast<double>(pairs));
  double top_low = 0, bottom_high = 1;
  for (const auto& a : sa.answers) {
    if (a.draws == 0) continue;
    const auto [lo, hi] = wilson_interval(a.yes, a.draws, z);
    top_low = std::max(top_low, lo);
    bottom_high = std::min(bottom_high, hi);
  }
  return top_low > bottom_high;
}

/// Smallest, largest and weighted standard deviation of the answers with draws (weights
/// renormalised over them), and whether they differ beyond the Monte Carlo error.
void spread(StructuralAnswers& sa) {
  double wsum = 0, mean = 0;
  sa.low = 1;
  sa.high = 0;
  for (const auto& a : sa.answers) {
    if (a.draws == 0) continue;
    sa.low = std::min(sa.low, a.probability);
    sa.high = std::max(sa.high, a.probability);
    wsum += a.weight;
    mean += a.weight * a.probability;
  }
  if (wsum <= 0) {
    sa.low = sa.high = sa.sd = 0;
    return;
  }
  sa.beyond_noise = beyond_noise(sa);
  mean /= wsum;
  double var = 0;
  for (const auto& a : sa.answers)
    if (a.draws > 0) var += a.weight / wsum * (a.probability - mean) * (a.probability - mean);
  sa.sd = std::sqrt(var);
}

StructuralAnswers answers_under(const scenario::StructuralChoice& c, const std::vector<std::size_t>& alt,
                                const unsigned char* yes, std::size_t stride) {
  StructuralAnswers sa{c.id, {}, 0, 0, 0, false};
  for (std::size_t k = 0; k < c.alternatives.size(); ++k)
    sa.answers.push_back(AlternativeAnswer{c.alternatives[k], c.weights[k], 0, 0, 0, 0, 0});
  for (std::size_t d = 0; d < alt.size(); d += stride) {
    auto& a = sa.answers[alt[d]];
    ++a.draws;
    a.yes += yes[d];
  }
  for (auto& a : sa.answers) {
    if (a.draws == 0) continue;
    a.probability = static_cast<double>(a.yes) / static_cast<double>(a.draws);
    std::tie(a.wilson_low, a.wilson_high) = wilson_interval(a.yes, a.draws);
  }
  spread(sa);
  return sa;
}

}  // namespace

void summarise_structural(const scenario::Scenario& s, const QuestionSet& qs, const std::vector<unsigned char>& answers,
                          std::size_t n_draws, std::uint64_t seed, ForecastResult& res) {
  for (std::size_t c : used_choices(s)) {
    const auto& choice = s.structural[c];
    std::vector<std::size_t> alt(n_draws);
    StructuralSummary sum{choice.id, choice.text, choice.alternatives, choice.weights,
                          std::vector<std::size_t>(choice.alternatives.size(), 0)};
    for (std::size_t d = 0; d < n_draws; ++d) {
      alt[d] = scenario::structural_alternative(choice, seed, d);
      ++sum.draws[alt[d]];
    }
    res.structural.push_back(std::move(sum));
    for (std::size_t k = 0; k < qs.questions.size(); ++k) {
      const auto& pq = qs.questions[k];
      if (!pq.on_timeline) continue;
      res.questions[pq.question].structural.push_back(
          answers_under(choice, alt, answers.data() + k * n_draws, pq.stride));
    }
  }
}

}  // namespace statecraft::ensemble
