#pragma once
/// @file forecast_report.hpp
/// Renders a forecast for people (terminal text, key judgments first) and for programs (JSON).
/// Both start with the provenance: version, git commit, scenario SHA-256, seed, draws.

#include <string>

#include "statecraft/ensemble/forecast.hpp"

namespace statecraft::report {

/// Terminal report: provenance, key judgments (questions by probability with ICD 203 words and
/// Wilson intervals), questions not yet modelled, issue forecasts with 90% intervals.
std::string forecast_text(const ensemble::ForecastResult& r);

/// Where the time went: CPU seconds per model and part of the timeline, and the wall time.
/// Not part of the JSON (which must not depend on the machine).
std::string forecast_timing(const ensemble::ForecastResult& r);

/// JSON report (deterministic: the same result gives the same bytes).
std::string forecast_json(const ensemble::ForecastResult& r);

}  // namespace statecraft::report
