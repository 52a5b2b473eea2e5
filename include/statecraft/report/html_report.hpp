#pragma once
/// @file html_report.hpp
/// A forecast as one self-contained HTML page that works offline: key judgments first, then fan
/// charts of the timeline, probabilities by month, the sensitivity where computed, the issues
/// per model, the games' equilibria in words, the society windows, every parameter with its
/// sources, and the provenance. Charts are Vega-Lite specifications drawn by the Vega, Vega-Lite
/// and Vega-Embed builds compiled into statecraft (from web/node_modules when it was present at
/// configure time) and inlined into the page. Every text from the scenario is escaped.
///
/// The input is the forecast's JSON document (report::forecast_json, parsed): a forecast just
/// run and one read back from a file are rendered by the same code.
///
/// An optional "sensitivity" section of the document is drawn when present, in this shape:
///   "sensitivity": {"questions": [{"id": "q", "text": "...",
///       "tornado": [{"parameter": "p", "low": 0.31, "high": 0.52, "base": 0.40}, ...],
///       "sobol":   [{"group": "war", "first": 0.21, "first_ci": [0.18, 0.24],
///                    "total": 0.30, "total_ci": [0.27, 0.33]}, ...]}, ...]}
/// where tornado's low/high are the question's probability with the parameter at its 5th and
/// 95th percentile (the others at their central values) and base the probability at the central
/// values; sobol gives first-order and total indices per group with optional intervals.

#include <nlohmann/json.hpp>
#include <string>

namespace statecraft::report {

/// Whether this build holds the chart libraries (else forecast_html throws).
bool html_available();

/// Throws IoError (exit 66) saying how to get the chart libraries when html_available() is false.
/// Commands call it before a run, so that a missing library never costs a long run.
void require_html();

/// Checks that `doc` has the shape of a forecast document as far as the page reads it.
/// @throws FormatError (exit 65) naming `file` and the JSON path of the first problem.
void check_forecast_document(const nlohmann::ordered_json& doc, const std::string& file);

/// The page. `rendered_by` (the provenance of the command that renders, e.g. `statecraft report`)
/// is shown beside the forecast's own when not null. @throws IoError (66) without the libraries.
std::string forecast_html(const nlohmann::ordered_json& doc, const nlohmann::ordered_json& rendered_by = nullptr);

}  // namespace statecraft::report
