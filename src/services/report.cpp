#include "statecraft/services/report.hpp"

#include <algorithm>

#include "statecraft/error.hpp"
#include "statecraft/io.hpp"
#include "statecraft/provenance.hpp"
#include "statecraft/report/compare_html.hpp"
#include "statecraft/report/html_report.hpp"

namespace statecraft::services {
namespace {

/// Line and column (1-based) of byte `offset` (1-based, as nlohmann reports it) of `text`.
Location locate(const std::string& file, const std::string& text, std::size_t offset) {
  const std::size_t end = std::min(text.size(), offset == 0 ? 0 : offset - 1);
  Location at{file, 1, 1};
  for (std::size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++at.line;
      at.column = 1;
    } else {
      ++at.column;
    }
  }
  return at;
}

/// nlohmann's reason without its "[json.exception...] parse error at line L, column C: " prefix.
std::string reason(const std::string& what) {
  const auto col = what.find("column");
  const auto colon = what.find(": ", col == std::string::npos ? 0 : col);
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

/// The JSON document in `path`, parsed (not checked).
nlohmann::ordered_json read_document(const std::string& path, std::string* sha256) {
  const std::string text = read_file(path);
  if (sha256 != nullptr) *sha256 = sha256_hex(text);
  nlohmann::ordered_json doc;
  try {
    doc = nlohmann::ordered_json::parse(text);
  } catch (const nlohmann::ordered_json::parse_error& e) {
    throw FormatError(Diagnostic{locate(path, text, e.byte), "", "text that is not JSON (" + reason(e.what()) + ")",
                                 "the JSON written by `statecraft forecast --json` or `statecraft compare --json`"});
  }
  return doc;
}

}  // namespace

nlohmann::ordered_json read_forecast_document(const std::string& path, std::string* sha256) {
  auto doc = read_document(path, sha256);
  report::check_forecast_document(doc, path);
  return doc;
}

std::string html_report(const std::string& path) {
  report::require_html();
  std::string sha256;
  auto doc = read_document(path, &sha256);
  const auto rendered_by = Provenance::of("report", path, sha256).json();
  if (report::is_comparison_document(doc)) {
    report::check_comparison_document(doc, path);
    return report::comparison_html(doc, rendered_by);
  }
  report::check_forecast_document(doc, path);
  return report::forecast_html(doc, rendered_by);
}

}  // namespace statecraft::services
