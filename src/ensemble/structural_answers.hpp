#pragma once
// Structural uncertainty in the forecast (docs/models/timeline.md, "Structural choices"): each
// timeline question's answer on the draws that used each alternative of a structural choice.

#include <cstdint>
#include <vector>

#include "ensemble/questions.hpp"
#include "statecraft/ensemble/forecast.hpp"

namespace statecraft::ensemble {

/// Fills res.structural and, for every timeline question, its answers per alternative of each
/// structural choice a timeline step uses. `answers` is [prepared question][draw] (1 = yes).
void summarise_structural(const scenario::Scenario& s, const QuestionSet& qs, const std::vector<unsigned char>& answers,
                          std::size_t n_draws, std::uint64_t seed, ForecastResult& res);

}  // namespace statecraft::ensemble
