#include "sensitivity/scenario_model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace statecraft::sensitivity {
namespace {

using Lenses = std::vector<std::unique_ptr<ensemble::Lens>>;

/// Names of the outputs of `lenses`, each with a stride of 1, or 2 for a costly lens's outputs (a
/// question whose stride comes out as 2 reads a costly lens).
void layout(const Lenses& lenses, std::map<std::string, std::size_t>& index, std::vector<std::size_t>& stride) {
  index.clear();
  stride.clear();
  for (const auto& l : lenses)
    for (const auto& o : l->outputs()) {
      index.emplace(o, stride.size());
      stride.push_back(l->max_draws() > 0 ? 2 : 1);
    }
}

}  // namespace

ScenarioModel::ScenarioModel(const scenario::Scenario& s) : s_(s) {
  // The bargaining lens (the only costly one, marked by max_draws() > 0) runs only if a question
  // reads it: the design needs every lens on every point, and the key issue output is the
  // compromise model's.
  lenses_ = ensemble::default_lenses(s, 1);
  std::map<std::string, std::size_t> index;
  std::vector<std::size_t> stride;
  layout(lenses_, index, stride);
  bool costly_read = false;
  {
    std::vector<ensemble::QuestionForecast> probe;
    const ensemble::QuestionSet qs(s, index, stride, probe);
    for (const auto& q : qs.questions) costly_read = costly_read || q.stride > 1;
  }
  if (costly_read) {
    lenses_ = ensemble::default_lenses(s, 0);  // on every point
  } else {
    std::erase_if(lenses_, [](const auto& l) { return l->max_draws() > 0; });
  }
  layout(lenses_, index, stride);
  std::fill(stride.begin(), stride.end(), 1);
  for (const auto& l : lenses_) {
    lens_offset_.push_back(n_outs_);
    n_outs_ += l->outputs().size();
  }
  questions_ = std::make_unique<ensemble::QuestionSet>(s, index, stride, identity_);
  for (const auto& q : questions_->questions)
    outputs_.push_back({s.questions[q.question].id, "question", s.questions[q.question].text});
  for (const auto& is : s.issues) {
    key_index_.push_back(index.at("issue." + is.id + ".compromise"));
    outputs_.push_back({is.id, "issue", is.question});
  }
  for (const auto& v : s.timeline.vars) {
    if (!v.states.empty()) continue;  // categorical: its questions speak for it
    key_index_.push_back(index.at(fmt::format("timeline.{}@{}", v.name, s.meta.horizon_months)));
    outputs_.push_back({v.name, "series",
                        fmt::format("{} at {}", v.name, scenario::month_label(s.meta.as_of, s.meta.horizon_months))});
  }
  for (std::size_t i = 0; i < s.quantities.size(); ++i)
    if (s.quantities[i].kind == scenario::Quantity::Kind::kRandom)
      inputs_.push_back(static_cast<scenario::QuantityId>(i));
}

std::unique_ptr<ScenarioModel::Scratch> ScenarioModel::scratch() const {
  auto w = std::make_unique<Scratch>(s_);
  w->shares.assign(s_.quantities.size(), 0.5);
  w->outs.assign(n_outs_, 0.0);
  w->monthly.assign(static_cast<std::size_t>(s_.meta.horizon_months) + 1, 0);
  return w;
}

void ScenarioModel::evaluate(Scratch& w, const double* shares, std::uint64_t seed, std::uint64_t draw,
                             double* y) const {
  for (std::size_t j = 0; j < inputs_.size(); ++j) w.shares[static_cast<std::size_t>(inputs_[j])] = shares[j];
  w.sampler.sample_at(w.shares, w.values);
  for (std::size_t l = 0; l < lenses_.size(); ++l)
    lenses_[l]->evaluate(w.values, seed, draw, w.outs.data() + lens_offset_[l]);
  std::size_t o = 0;
  for (std::size_t k = 0; k < questions_->questions.size(); ++k)
    y[o++] = questions_->answer(k, w.outs.data(), w.values, w.monthly.data()) ? 1.0 : 0.0;
  for (std::size_t i : key_index_) y[o++] = w.outs[i];
}

}  // namespace statecraft::sensitivity
