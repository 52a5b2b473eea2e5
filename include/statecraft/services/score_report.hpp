#pragma once
/// @file score_report.hpp
/// Renders the scores of a hindcast (services::score) for people and for programs; both start
/// with the provenance. Kept in services, beside the result it renders: report/ sits below
/// services and may not include its headers.

#include <string>

#include "statecraft/services/score.hpp"

namespace statecraft::services {

/// Terminal report: the score table (statecraft and the reference forecasters), each question's
/// forecasts beside its outcome, and statecraft's reliability table.
std::string score_text(const ScoreResult& r);

/// JSON report (deterministic: the same result gives the same bytes).
std::string score_json(const ScoreResult& r);

}  // namespace statecraft::services
