#pragma once
// The forecast's model seen as a function of one point: a scenario's uncertain numbers at given
// quantiles and a draw number for the models' own chance, in; every answered question (0 or 1)
// and every key output, out. It runs the forecast's own lenses and question resolution.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ensemble/questions.hpp"
#include "statecraft/ensemble/lens.hpp"
#include "statecraft/scenario/sampler.hpp"

namespace statecraft::sensitivity {

/// One value the analysis apportions.
struct ModelOutput {
  std::string id, kind, text;  ///< kind: "question", "issue" (compromise) or "series" (at the horizon)
};

class ScenarioModel {
 public:
  explicit ScenarioModel(const scenario::Scenario& s);

  [[nodiscard]] const std::vector<ModelOutput>& outputs() const noexcept { return outputs_; }
  /// Random quantities of the scenario: the inputs, in QuantityId order.
  [[nodiscard]] const std::vector<scenario::QuantityId>& inputs() const noexcept { return inputs_; }
  [[nodiscard]] const scenario::Scenario& scenario() const noexcept { return s_; }

  /// Per-thread scratch space.
  struct Scratch {
    explicit Scratch(const scenario::Scenario& s) : sampler(s) {}
    scenario::Sampler sampler;
    std::vector<double> shares, values, outs;
    std::vector<std::uint32_t> monthly;
  };
  [[nodiscard]] std::unique_ptr<Scratch> scratch() const;

  /// Evaluates the point where input j sits at quantile `shares[j]` (j over inputs()) and the
  /// models' chance is that of `draw` under `seed`; writes outputs().size() values to `y`.
  /// @throws ScenarioError (a value out of its range), UsageError (a model rejects the numbers).
  void evaluate(Scratch& w, const double* shares, std::uint64_t seed, std::uint64_t draw, double* y) const;

 private:
  const scenario::Scenario& s_;
  std::vector<std::unique_ptr<ensemble::Lens>> lenses_;
  std::vector<std::size_t> lens_offset_;
  std::size_t n_outs_ = 0;
  std::vector<ensemble::QuestionForecast> identity_;
  std::unique_ptr<ensemble::QuestionSet> questions_;
  std::vector<std::size_t> key_index_;  // index in the lenses' outputs of each key output
  std::vector<ModelOutput> outputs_;
  std::vector<scenario::QuantityId> inputs_;
};

}  // namespace statecraft::sensitivity
