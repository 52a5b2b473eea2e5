#pragma once
/// @file compare_html.hpp
/// A what-if comparison (services::comparison_json, parsed) as one self-contained HTML page that
/// works offline: the variants with their notes, each question's probability under the baseline
/// and each variant, and each variant's paired difference from the baseline with its 95%
/// interval, as a table and as dot-and-interval charts; then the provenance. Every text from the
/// scenario is escaped.

#include <nlohmann/json.hpp>
#include <string>

namespace statecraft::report {

/// Whether `doc` is a comparison (its provenance names `statecraft compare`) rather than a forecast.
bool is_comparison_document(const nlohmann::ordered_json& doc);

/// Checks that `doc` has the shape of a comparison as far as the page reads it.
/// @throws FormatError (exit 65) naming `file` and the JSON path of the first problem.
void check_comparison_document(const nlohmann::ordered_json& doc, const std::string& file);

/// The page; `rendered_by` as in forecast_html. @throws IoError (66) without the chart libraries.
std::string comparison_html(const nlohmann::ordered_json& doc, const nlohmann::ordered_json& rendered_by = nullptr);

}  // namespace statecraft::report
