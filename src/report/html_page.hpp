#pragma once
// The pieces of the HTML report (src/report/html_*.cpp): escaping, the page under construction
// with its charts, and one function per section. Internal to the report layer.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace statecraft::report::html {

using json = nlohmann::ordered_json;
using spec = nlohmann::ordered_json;

/// Text for an HTML element or a quoted attribute: & < > " ' escaped.
std::string escape(std::string_view text);

/// JSON for the inside of a <script> element: every <, > and & written as \u escapes, so that
/// neither "</script" nor "<!--" can appear (the JSON parses to the same value).
std::string script_json(const spec& value);

/// A percentage as the terminal report writes it: "46.2%", "0.56%".
std::string pct(double p);

/// The page being written: the body's HTML and the Vega-Lite specification of every chart.
class Page {
 public:
  /// Appends HTML (already escaped where it holds text).
  Page& operator<<(std::string_view html) {
    body_ += html;
    return *this;
  }
  /// Appends a chart container (a div with a fresh id) and records its specification.
  void chart(spec vega_lite, std::string_view css_class = "chart");
  [[nodiscard]] const std::string& body() const { return body_; }
  [[nodiscard]] const spec& charts() const { return charts_; }

 private:
  std::string body_;
  spec charts_ = spec::object();
};

/// The whole file: the provenance (and `rendered_by`'s, when not null) in a comment first, the
/// style, the page's body, its charts' specifications and the chart libraries inlined.
/// @throws IoError (66) without the libraries.
std::string document(Page& page, const std::string& title, const json& provenance, const json& rendered_by);

// Sections, in the order of the page. Each writes nothing when the document has nothing for it.
void header_section(Page& page, const json& doc);
void key_judgments_section(Page& page, const json& doc);
void diagnostics_section(Page& page, const json& doc);
void timeline_section(Page& page, const json& doc);
void monthly_probability_section(Page& page, const json& doc);
void sensitivity_section(Page& page, const json& doc);
void issues_section(Page& page, const json& doc);
void games_section(Page& page, const json& doc);
void society_section(Page& page, const json& doc);
void sources_section(Page& page, const json& doc);
void provenance_section(Page& page, const json& doc, const spec& rendered_by);

// Vega-Lite specifications (src/report/html_charts.cpp).
/// Median line with 50% and 90% bands of a numeric timeline series by month.
spec fan_chart(const json& months, const json& series);
/// Stacked shares of a categorical timeline series by month.
spec state_share_chart(const json& months, const json& series);
/// Probability by month, one line per question in `questions`.
spec monthly_probability_chart(const json& months, const json& questions, const std::string& title);
/// Each issue's median and 90% interval per model, on the 0-100 scale.
spec issues_chart(const json& issues);
/// Key judgments: probability with its 95% Wilson interval, one row per question.
spec judgments_chart(const json& questions);
/// One-at-a-time sensitivity of one question: a bar from low to high per parameter around base.
spec tornado_chart(const json& tornado);
/// First-order and total Sobol' indices per group, with intervals where given.
spec sobol_chart(const json& sobol);

// The society snapshot (src/report/html_society.cpp), from the document's "society_snapshot".
/// The window's grid at its peak: a rectangle per occupied cell, coloured by who is in it.
spec society_grid_chart(const json& snapshot);
/// The window's actives, jailed and defected cops by step, with the peak marked.
spec society_series_chart(const json& snapshot);
/// A heading, a note and the two charts.
void society_snapshot(Page& page, const json& snapshot);

}  // namespace statecraft::report::html
