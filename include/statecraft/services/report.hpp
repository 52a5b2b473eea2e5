#pragma once
/// @file report.hpp
/// Reports of a saved run: the JSON that `statecraft forecast --json` or `statecraft compare
/// --json` wrote, read back, checked and rendered (today as the HTML report).

#include <nlohmann/json.hpp>
#include <string>

namespace statecraft::services {

/// A forecast document read from `path` (a file written by `forecast --json`), parsed and checked
/// for the shape the reports read; `sha256` receives the SHA-256 of its bytes when given.
/// @throws IoError (66 missing or unreadable), FormatError (65: not JSON, with FILE:LINE:COL, or
/// not a forecast, with the JSON path of the problem).
nlohmann::ordered_json read_forecast_document(const std::string& path, std::string* sha256 = nullptr);

/// The HTML report of the forecast (report::forecast_html) or the comparison
/// (report::comparison_html, when the provenance names `statecraft compare`) saved in `path`,
/// with the provenance of `statecraft report` beside the run's own. @throws as
/// read_forecast_document (or the comparison's check), and IoError (66) when this build has no
/// chart libraries.
std::string html_report(const std::string& path);

}  // namespace statecraft::services
