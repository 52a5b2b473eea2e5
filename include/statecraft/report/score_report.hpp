#pragma once
/// @file score_report.hpp
/// Renders the scores of a hindcast (services::score) for people and for programs; both start
/// with the provenance.

#include <string>

#include "statecraft/services/score.hpp"

namespace statecraft::report {

/// Terminal report: the score table (statecraft and the reference forecasters), each question's
/// forecasts beside its outcome, and statecraft's reliability table.
std::string score_text(const services::ScoreResult& r);

/// JSON report (deterministic: the same result gives the same bytes).
std::string score_json(const services::ScoreResult& r);

}  // namespace statecraft::report
