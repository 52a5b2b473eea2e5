// The HTML page of a what-if comparison (statecraft/report/compare_html.hpp): the variants, a
// table of every question under each, and dot-and-interval charts of the probabilities and of
// the paired differences from the baseline.

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "report/html_page.hpp"
#include "report/json_checker.hpp"
#include "statecraft/report/compare_html.hpp"
#include "statecraft/report/html_report.hpp"

namespace statecraft::report {
namespace {

using html::escape;
using html::pct;
using html::spec;

std::string points(double d) { return fmt::format("{:+.1f}", 100.0 * d); }

std::string when(const json& q) {
  const std::string date = q["date"].get<std::string>();
  return date.empty() ? "" : (q["by"].get<bool>() ? "by " : "in ") + escape(date);
}

/// One row per question and variant (the baseline first), for both charts.
spec answer_rows(const json& doc) {
  spec rows = spec::array();
  for (const auto& q : doc["questions"]) {
    const auto add = [&](const json& a, bool baseline) {
      spec r = {{"question", q["id"]},   {"text", q["text"]},     {"variant", a["variant"]},
                {"p", a["probability"]}, {"lo", a["wilson_low"]}, {"hi", a["wilson_high"]}};
      if (!baseline) {
        const auto& d = a["difference"];
        r["d"] = d["estimate"], r["dlo"] = d["low"], r["dhi"] = d["high"];
      }
      rows.push_back(std::move(r));
    };
    add(q["baseline"], true);
    for (const auto& a : q["variants"]) add(a, false);
  }
  return rows;
}

spec variant_order(const json& doc) {
  spec order = spec::array({"baseline"});
  for (const auto& v : doc["variants"]) order.push_back(v["name"]);
  return order;
}

/// Dots at `value`, rules from `lo` to `hi`, a row per question, offset by variant.
spec dot_interval_chart(spec rows, const spec& order, const char* value, const char* lo, const char* hi,
                        const char* title, bool differences) {
  spec x = {{"field", value},
            {"type", "quantitative"},
            {"title", title},
            {"axis", {{"format", differences ? "+.1~%" : ".0%"}}}};
  if (!differences) x["scale"] = {{"domain", {0, 1}}};
  // The same colour for a variant in both charts; the baseline grey, and absent from the differences.
  static const char* kPalette[] = {"#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b",
                                   "#eeca3b", "#b279a2", "#ff9da6", "#9d755d"};
  spec range = spec::array({"#7f7f7f"});
  for (std::size_t k = 1; k < order.size(); ++k) range.push_back(kPalette[(k - 1) % std::size(kPalette)]);
  spec shown_in_legend = order;
  if (differences) shown_in_legend.erase(0);
  spec colour = {{"field", "variant"},
                 {"type", "nominal"},
                 {"title", nullptr},
                 {"scale", {{"domain", order}, {"range", range}}},
                 {"legend", {{"orient", "top"}, {"values", shown_in_legend}}}};
  spec tooltip = spec::array({{{"field", "text"}, {"title", "question"}},
                              {{"field", "variant"}},
                              {{"field", value}, {"format", differences ? "+.1%" : ".1%"}},
                              {{"field", lo}, {"title", "95% low"}, {"format", differences ? "+.1%" : ".1%"}},
                              {{"field", hi}, {"title", "95% high"}, {"format", differences ? "+.1%" : ".1%"}}});
  // The zero line spans the whole height: the question and variant go on the other layers only.
  const spec shared = {{"y", {{"field", "question"}, {"type", "nominal"}, {"title", nullptr}, {"sort", nullptr}}},
                       {"yOffset", {{"field", "variant"}, {"sort", order}}},
                       {"color", colour},
                       {"tooltip", tooltip}};
  spec rule = {{"mark", {{"type", "rule"}, {"strokeWidth", 2}}},
               {"encoding", {{"x", {{"field", lo}, {"type", "quantitative"}}}, {"x2", {{"field", hi}}}}}};
  spec dot = {{"mark", {{"type", "point"}, {"filled", true}, {"size", 55}}}, {"encoding", {{"x", x}}}};
  rule["encoding"].update(shared);
  dot["encoding"].update(shared);
  spec layers = spec::array({std::move(rule), std::move(dot)});
  if (differences)
    layers.insert(layers.begin(), spec{{"data", {{"values", spec::array({{{"zero", 0}}})}}},
                                       {"mark", {{"type", "rule"}, {"color", "#888"}}},
                                       {"encoding", {{"x", {{"field", "zero"}, {"type", "quantitative"}}}}}});
  const std::size_t shown = order.size() - (differences ? 1 : 0);  // the baseline has no difference
  spec chart = {{"width", 560},
                {"height", {{"step", std::max<std::size_t>(14, 8 * shown)}}},
                {"data", {{"values", std::move(rows)}}}};
  if (differences) chart["transform"] = spec::array({{{"filter", "datum.variant !== 'baseline'"}}});
  chart["layer"] = std::move(layers);
  return chart;
}

void variants_section(html::Page& page, const json& doc) {
  page << "<section id=\"variants\"><h2>Variants</h2>\n<dl>\n<dt>baseline</dt><dd>The scenario as written.</dd>\n";
  for (const auto& v : doc["variants"])
    page << fmt::format("<dt>{}</dt><dd>{}</dd>\n", escape(v["name"].get<std::string>()), escape(v.value("note", "")));
  page << "</dl></section>\n";
}

void table(html::Page& page, const json& doc) {
  page << "<table class=\"comparison\"><thead><tr><th>Question</th><th>When</th><th>Variant</th><th>Probability</th>"
          "<th>95% interval</th><th>Difference (points)</th><th>Paired 95% interval</th></tr></thead><tbody>\n";
  for (const auto& q : doc["questions"]) {
    const auto& b = q["baseline"];
    const std::size_t rows = 1 + q["variants"].size();
    page << fmt::format(
        "<tr><td rowspan=\"{}\">{}</td><td rowspan=\"{}\" class=\"nowrap\">{}</td><td>baseline</td><td "
        "class=\"num\">{}</td>"
        "<td class=\"num\">{} – {}</td><td></td><td></td></tr>\n",
        rows, escape(q["text"].get<std::string>()), rows, when(q), pct(b["probability"].get<double>()),
        pct(b["wilson_low"].get<double>()), pct(b["wilson_high"].get<double>()));
    for (const auto& a : q["variants"]) {
      const auto& d = a["difference"];
      page << fmt::format(
          "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{} – {}</td><td class=\"num\">{}</td>"
          "<td class=\"num\">[{}, {}]</td></tr>\n",
          escape(a["variant"].get<std::string>()), pct(a["probability"].get<double>()),
          pct(a["wilson_low"].get<double>()), pct(a["wilson_high"].get<double>()), points(d["estimate"].get<double>()),
          points(d["low"].get<double>()), points(d["high"].get<double>()));
    }
  }
  page << "</tbody></table>\n";
}

void questions_section(html::Page& page, const json& doc) {
  page << "<section id=\"differences\"><h2>What changes</h2>\n<p class=\"note\">Each variant's probability less the "
          "baseline's, "
          "with a paired 95% interval: every run draws each number from the same random stream (common random "
          "numbers), so the "
          "difference is measured draw by draw and is far more precise than the two probabilities' own intervals "
          "suggest.</p>\n";
  const spec order = variant_order(doc);
  if (!doc["questions"].empty())
    page.chart(dot_interval_chart(answer_rows(doc), order, "d", "dlo", "dhi",
                                  "difference from the baseline (paired 95% interval)", true),
               "chart wide");
  page << "</section>\n<section id=\"probabilities\"><h2>Probabilities under each variant</h2>\n";
  if (doc["questions"].empty())
    page << "<p>None of the questions can be answered by the models available yet.</p>\n";
  else
    page.chart(dot_interval_chart(answer_rows(doc), order, "p", "lo", "hi", "probability (95% Wilson interval)", false),
               "chart wide");
  table(page, doc);
  page << "</section>\n";
}

}  // namespace

bool is_comparison_document(const nlohmann::ordered_json& doc) {
  return doc.is_object() && doc.contains("provenance") && doc["provenance"].is_object() &&
         doc["provenance"].value("tool", "") == "statecraft compare";
}

void check_comparison_document(const nlohmann::ordered_json& doc, const std::string& file) {
  const Checker c(file);
  c.is(doc, Type::object, "");
  c.member(doc, "provenance", Type::object, "", true);
  c.member(doc, "scenario", Type::string, "", true);
  c.member(doc, "draws", Type::number_unsigned, "", true);
  c.each(doc, "variants", "", true, [&](const json& v, const std::string& p) {
    c.member(v, "name", Type::string, p, true);
    c.strings(v, {"note"}, p);
  });
  const auto answer = [&](const json& a, const std::string& p, bool difference) {
    c.member(a, "variant", Type::string, p, true);
    for (const char* k : {"probability", "wilson_low", "wilson_high"}) c.member(a, k, kNumber, p, true);
    if (!difference) return;
    const json* d = c.member(a, "difference", Type::object, p, true);
    for (const char* k : {"estimate", "low", "high"}) c.member(*d, k, kNumber, p + ".difference", true);
  };
  c.each(doc, "questions", "", true, [&](const json& q, const std::string& p) {
    for (const char* k : {"id", "text", "date"}) c.member(q, k, Type::string, p, true);
    c.member(q, "by", Type::boolean, p, true);
    answer(*c.member(q, "baseline", Type::object, p, true), p + ".baseline", false);
    c.each(q, "variants", p, true, [&](const json& a, const std::string& ap) { answer(a, ap, true); });
  });
}

std::string comparison_html(const nlohmann::ordered_json& doc, const nlohmann::ordered_json& rendered_by) {
  require_html();
  html::Page page;
  const auto& p = doc["provenance"];
  page << "<header><h1>" << escape(doc["scenario"].get<std::string>()) << "</h1>\n<p class=\"meta\">"
       << fmt::format("what-if comparison · {} draws per variant with common random numbers · seed {}",
                      doc["draws"].get<std::size_t>(), escape(p.contains("seed") ? p["seed"].dump() : "?"))
       << "</p></header>\n";
  variants_section(page, doc);
  questions_section(page, doc);
  html::provenance_section(page, doc, rendered_by);
  return html::document(page, doc["scenario"].get<std::string>() + " — statecraft what-if comparison", p, rendered_by);
}

}  // namespace statecraft::report
