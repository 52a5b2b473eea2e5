// The HTML report's page: provenance in a comment at the top, the style, the sections in order,
// the chart specifications as inert JSON, and the chart libraries inlined so that the file
// needs no network.

#include "statecraft/report/html_report.hpp"

#include <fmt/format.h>

#include "report/html_assets.hpp"
#include "report/html_page.hpp"
#include "statecraft/error.hpp"

namespace statecraft::report {
namespace {

constexpr const char* kStyle = R"(
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;margin:0 auto;max-width:1180px;padding:0 24px 48px}
h1{margin:24px 0 4px;font-size:26px}h2{margin-top:36px;border-bottom:2px solid #4c78a8;padding-bottom:4px}
.meta,.note,.small{color:#555}.small{font-size:13px}.note{font-size:14px}
table{border-collapse:collapse;margin:10px 0;width:100%}th,td{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}table.kv th{width:14em;font-weight:600}
.grid{display:flex;flex-wrap:wrap;gap:8px 18px}figure{margin:0}.chart{min-height:60px}
.nowrap{white-space:nowrap}.chart-error{color:#b00020;font-weight:600}code{font-size:13px;word-break:break-word}dt{font-weight:600;margin-top:10px}
)";

// Draws every chart container from its specification; a chart that fails says so in its place
// (and on the console, which the browser test watches).
constexpr const char* kDraw = R"(
(function () {
  var specs = JSON.parse(document.getElementById('statecraft-charts').textContent);
  var pending = Object.keys(specs).map(function (id) {
    var el = document.getElementById(id);
    return vegaEmbed(el, specs[id], {mode: 'vega-lite', renderer: 'svg', actions: false})
      .catch(function (e) { el.textContent = 'This chart could not be drawn: ' + e; el.className += ' chart-error'; console.error(e); });
  });
  Promise.all(pending).then(function () { document.body.setAttribute('data-charts-drawn', String(pending.length)); });
})();
)";

std::string comment_safe(std::string text) {
  for (std::size_t at = text.find("--"); at != std::string::npos; at = text.find("--", at)) text.replace(at, 2, "- -");
  return text;
}

/// The provenance as '#'-free lines inside an HTML comment, first thing in the file.
std::string provenance_comment(const nlohmann::ordered_json& p, const nlohmann::ordered_json& rendered_by) {
  std::string lines;
  const auto line = [&](const std::string& key, const auto& v) {
    lines += printable(key + " " + (v.is_string() ? v.template get<std::string>() : v.dump())) + "\n";
  };
  for (const auto& [k, v] : p.items()) line(k, v);
  if (!rendered_by.is_null())
    for (const auto& [k, v] : rendered_by.items()) line("rendered_by." + k, v);
  return "<!--\n" + comment_safe(lines) + "-->\n";
}

std::string script(std::string_view library) {
  // The builds hold no "</script"; a source-map comment would point at a file the page lacks.
  const auto map = library.rfind("//# sourceMappingURL=");
  if (map != std::string_view::npos) library = library.substr(0, map);
  return fmt::format("<script>{}</script>\n", library);
}

}  // namespace

bool html_available() { return html::chart_libraries() != nullptr; }

void require_html() {
  if (!html_available())
    throw IoError(
        ExitCode::kNoInput,
        "--html: this statecraft was built without the chart libraries (web/node_modules was missing at configure "
        "time); run `npm ci` in web/ (or `make deps`), then configure and build again");
}

std::string forecast_html(const nlohmann::ordered_json& doc, const nlohmann::ordered_json& rendered_by) {
  require_html();
  html::Page page;
  html::header_section(page, doc);
  html::key_judgments_section(page, doc);
  html::diagnostics_section(page, doc);
  html::timeline_section(page, doc);
  html::monthly_probability_section(page, doc);
  html::sensitivity_section(page, doc);
  html::issues_section(page, doc);
  html::games_section(page, doc);
  html::society_section(page, doc);
  html::sources_section(page, doc);
  html::provenance_section(page, doc, rendered_by);
  return html::document(page, doc["scenario"].value("name", "forecast") + " — statecraft forecast", doc["provenance"],
                        rendered_by);
}

namespace html {

std::string document(Page& page, const std::string& title, const json& provenance, const json& rendered_by) {
  require_html();
  const auto* libs = chart_libraries();
  page << "<p class=\"small\">Charts drawn by " << escape(libs->versions) << ", inlined in this file.</p>\n";
  std::string out = provenance_comment(provenance, rendered_by);
  out += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n";
  out += "<title>" + escape(title) + "</title>\n";
  out += fmt::format("<style>{}</style>\n</head><body>\n", kStyle);
  out += page.body();
  out += "<script type=\"application/json\" id=\"statecraft-charts\">" + script_json(page.charts()) + "</script>\n";
  out += script(libs->vega) + script(libs->vega_lite) + script(libs->vega_embed);
  out += fmt::format("<script>{}</script>\n</body></html>\n", kDraw);
  return out;
}

}  // namespace html

}  // namespace statecraft::report
