// The forecast's own sections of the HTML report: key judgments, diagnostics, the timeline's
// fan charts, probabilities by month, the sensitivity where computed, and the issues.

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "report/html_page.hpp"

namespace statecraft::report::html {
namespace {

/// Modelled questions of one kind, most probable first.
json modelled(const json& doc, bool diagnostic) {
  std::vector<json> qs;
  for (const auto& q : doc["questions"])
    if (q["modelled"].get<bool>() && (q.value("kind", "event") != "event") == diagnostic) qs.push_back(q);
  std::stable_sort(qs.begin(), qs.end(), [](const json& a, const json& b) {
    return a["probability"].get<double>() > b["probability"].get<double>();
  });
  return qs;
}

std::string drivers(const json& q) {
  std::string out;
  for (const auto& d : q.value("drivers", json::array()))
    out += fmt::format("{}{} (total index {:.2f} [{:.2f}, {:.2f}])", out.empty() ? "" : ", ",
                       escape(d["group"].get<std::string>()), d["total_index"].get<double>(), d["low"].get<double>(),
                       d["high"].get<double>());
  return out;
}

std::string when(const json& q) {
  if (q.contains("by")) return "by " + escape(q["by"].get<std::string>());
  if (q.contains("in")) return "in " + escape(q["in"].get<std::string>());
  return "";
}

std::string interval(const json& q) {
  return pct(q["wilson95"][0].get<double>()) + " – " + pct(q["wilson95"][1].get<double>());
}

bool constant(const json& s) {
  const double v = s["p50"][0].get<double>();
  for (const char* k : {"p05", "p25", "p50", "p75", "p95"})
    for (const auto& x : s[k])
      if (x.get<double>() != v) return false;
  return true;
}

void series_charts(Page& page, const json& months, const std::vector<const json*>& series) {
  std::string flat;
  page << "<div class=\"grid\">\n";
  for (const json* s : series) {
    const std::string name = (*s)["name"].get<std::string>();
    if (!s->contains("states") && constant(*s)) {
      flat += fmt::format("{}<span id=\"series-{}\">{} = {}</span>", flat.empty() ? "" : "; ", escape(name),
                          escape(name), (*s)["p50"][0].get<double>());
      continue;
    }
    page << fmt::format("<figure id=\"series-{}\">", escape(name));
    page.chart(s->contains("states") ? state_share_chart(months, *s) : fan_chart(months, *s));
    page << "</figure>\n";
  }
  page << "</div>\n";
  if (!flat.empty()) page << "<p class=\"note\">The same in every draw and month: " << flat << ".</p>\n";
}

}  // namespace

void key_judgments_section(Page& page, const json& doc) {
  const json qs = modelled(doc, false);
  page << "<section id=\"key-judgments\"><h2>Key judgments</h2>\n";
  if (qs.empty()) {
    page << "<p>None of the questions can be answered by the models available yet.</p></section>\n";
    return;
  }
  page << "<table class=\"judgments\"><thead><tr><th>Probability</th><th>95% interval</th><th>Likelihood (ICD 203)</th>"
          "<th>When</th><th>Question</th><th>Driven by</th></tr></thead><tbody>\n";
  for (const auto& q : qs)
    page << fmt::format(
        "<tr><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"nowrap\">{}</td><td>{}</td><td "
        "class=\"small\">{}</td></tr>\n",
        pct(q["probability"].get<double>()), interval(q), escape(q.value("likelihood", "")), when(q),
        escape(q["text"].get<std::string>()), drivers(q));
  page << "</tbody></table>\n";
  page.chart(judgments_chart(qs));
  page << "<p class=\"note\">Probabilities are shares of Monte Carlo draws over the scenario's stated uncertainty; the "
          "Wilson "
          "interval measures only the sampling error of the draws, not the model's error.</p></section>\n";
}

void diagnostics_section(Page& page, const json& doc) {
  const json qs = modelled(doc, true);
  std::string missing;
  for (const auto& q : doc["questions"])
    if (!q["modelled"].get<bool>()) missing += fmt::format("<li>{}</li>\n", escape(q["text"].get<std::string>()));
  if (qs.empty() && missing.empty()) return;
  page << "<section id=\"diagnostics\"><h2>Equilibrium diagnostics</h2>\n"
          "<p class=\"note\">Properties of the games as written, not forecasts of events: the share of draws whose "
          "selected "
          "equilibrium plays the move.</p>\n<table><tbody>\n";
  for (const auto& q : qs)
    page << fmt::format(
        "<tr><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"small\">{}</td></tr>\n",
        pct(q["probability"].get<double>()), interval(q), escape(q["text"].get<std::string>()), drivers(q));
  page << "</tbody></table>\n";
  if (!missing.empty())
    page << "<h3>Not yet modelled (no model available produces what they resolve on)</h3><ul>\n"
         << missing << "</ul>\n";
  page << "</section>\n";
}

void timeline_section(Page& page, const json& doc) {
  if (!doc.contains("timeline")) return;
  const auto& t = doc["timeline"];
  std::vector<const json*> state, events;
  for (const auto& s : t["series"])
    (s["name"].get<std::string>().rfind("events.", 0) == 0 ? events : state).push_back(&s);
  page << "<section id=\"timeline\"><h2>Timeline</h2>\n<p class=\"note\">Month by month over the draws: the median "
          "(line), "
          "the middle 50% (dark band) and 90% (light band) of the draws; categorical states as the share of draws in "
          "each.</p>\n";
  series_charts(page, t["months"], state);
  if (!events.empty()) {
    page << "<h3>Event counts (cumulative)</h3>\n";
    series_charts(page, t["months"], events);
  }
  page << "</section>\n";
}

void monthly_probability_section(Page& page, const json& doc) {
  if (!doc.contains("timeline")) return;
  json by = json::array(), in = json::array();
  for (const auto& q : modelled(doc, false))
    if (q.contains("probability_by_month")) (q.contains("by") ? by : in).push_back(q);
  if (by.empty() && in.empty()) return;
  const auto& months = doc["timeline"]["months"];
  page << "<section id=\"by-month\"><h2>Probability by month</h2>\n";
  if (!by.empty())
    page.chart(monthly_probability_chart(months, by, "Cumulative: the event has happened by that month"), "chart wide");
  if (!in.empty()) page.chart(monthly_probability_chart(months, in, "The state holds in that month"), "chart wide");
  page << "</section>\n";
}

void sensitivity_section(Page& page, const json& doc) {
  if (!doc.contains("sensitivity")) return;
  page << "<section id=\"sensitivity\"><h2>Sensitivity</h2>\n";
  for (const auto& q : doc["sensitivity"]["questions"]) {
    page << "<h3>" << escape(q.value("text", q["id"].get<std::string>())) << "</h3>\n";
    if (!q.value("tornado", json::array()).empty()) {
      page << "<p class=\"note\">One at a time: the probability with each parameter at its 5th and 95th percentile, "
              "the others at their central values.</p>\n";
      page.chart(tornado_chart(q["tornado"]), "chart wide");
    }
    if (!q.value("sobol", json::array()).empty()) {
      page << "<p class=\"note\">Sobol' indices by group: the share of the answer's variance due to the group alone "
              "(first-order) and with its interactions (total).</p>\n";
      page.chart(sobol_chart(q["sobol"]), "chart wide");
    }
  }
  page << "</section>\n";
}

void issues_section(Page& page, const json& doc) {
  if (doc["issues"].empty()) return;
  page << "<section id=\"issues\"><h2>Issues by model</h2>\n<p class=\"note\">Where each bargaining model puts the "
          "outcome on "
          "the issue's 0–100 scale: median over the draws and 90% interval.</p>\n";
  page.chart(issues_chart(doc["issues"]), "chart wide");
  page << "<table><thead><tr><th>Issue</th><th>Question</th><th>0 =</th><th>100 =</th></tr></thead><tbody>\n";
  for (const auto& i : doc["issues"])
    page << fmt::format("<tr><td>{}</td><td>{}</td><td class=\"small\">{}</td><td class=\"small\">{}</td></tr>\n",
                        escape(i["id"].get<std::string>()), escape(i.value("question", "")), escape(i.value("low", "")),
                        escape(i.value("high", "")));
  page << "</tbody></table></section>\n";
}

}  // namespace statecraft::report::html
