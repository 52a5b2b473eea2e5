// The HTML report's sections on what stands behind the numbers: the header, the games'
// equilibria in words, the society windows, every parameter with its sources, and provenance.

#include <fmt/format.h>

#include "report/html_page.hpp"

namespace statecraft::report::html {
namespace {

std::string text(const json& j, const char* key) { return escape(j.value(key, "")); }

std::string joined(const json& list, const char* sep, const char* link_prefix = nullptr) {
  std::string out;
  for (const auto& x : list) {
    const std::string s = escape(x.get<std::string>());
    out += (out.empty() ? "" : sep) + (link_prefix ? fmt::format("<a href=\"#{}{}\">{}</a>", link_prefix, s, s) : s);
  }
  return out;
}

/// A link only for web addresses: anything else (javascript:, data:) is shown as text.
std::string url_cell(const json& s) {
  const std::string url = s.value("url", "");
  if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0) return escape(url);
  return fmt::format("<a href=\"{}\" rel=\"noreferrer\">{}</a>", escape(url), escape(url));
}

/// The sources of a parameter as links to the sources table; "derived" for an expression without its own.
std::string sources_cell(const json& p) {
  const json sources = p.value("sources", json::array());
  if (sources.empty() && p.value("value", "").rfind("= ", 0) == 0) return "derived";
  return joined(sources, ", ", "source-");
}

template <class Json>
std::string value_text(const Json& v) {
  return v.is_string() ? v.template get<std::string>() : v.dump();
}

template <class Json>
void provenance_table(Page& page, const Json& p) {
  page << "<table class=\"kv\"><tbody>\n";
  for (const auto& [k, v] : p.items())
    page << fmt::format("<tr><th>{}</th><td>{}</td></tr>\n", escape(k), escape(value_text(v)));
  page << "</tbody></table>\n";
}

}  // namespace

void header_section(Page& page, const json& doc) {
  const auto& s = doc["scenario"];
  const auto& p = doc["provenance"];
  page << "<header><h1>" << text(s, "name") << "</h1>\n<p class=\"meta\">"
       << fmt::format("as of {} · horizon {} months · {} draws · seed {} · {} uncertain numbers", text(s, "as_of"),
                      s.value("horizon_months", 0), escape(value_text(p.value("draws", json("?")))),
                      escape(value_text(p.value("seed", json("?")))), s.value("uncertain_numbers", 0))
       << "<br>models: " << joined(doc.value("models", json::array()), ", ") << "</p></header>\n";
}

void games_section(Page& page, const json& doc) {
  if (!doc.contains("games")) return;
  page << "<section id=\"games\"><h2>Games: the equilibrium at the central values</h2>\n<p class=\"note\">Each game "
          "solved once "
          "with every number at its central value; the forecast re-solves it on every draw.</p>\n<dl>\n";
  for (const auto& g : doc["games"]) {
    page << fmt::format("<dt>{} <span class=\"small\">({}; players {}; {})</span></dt><dd>{}</dd>\n", text(g, "title"),
                        text(g, "id"), joined(g.value("players", json::array()), ", "), text(g, "method"),
                        text(g, "equilibrium"));
  }
  page << "</dl></section>\n";
}

void society_section(Page& page, const json& doc) {
  if (!doc.contains("society_windows")) return;
  page << "<section id=\"society\"><h2>Society windows</h2>\n<p class=\"note\">When a window opens in a draw, the "
          "agent-based "
          "model of the population runs on that month's state; what it finds flows back through the state variables "
          "below "
          "(their charts are in the timeline).</p>\n<ul>\n";
  for (const auto& w : doc["society_windows"]) {
    const std::string when = w.value("when", "");
    page << fmt::format("<li><b>{}</b> opens when <code>{}</code>; writes {}</li>\n", text(w, "id"),
                        when.empty() ? "scheduled" : escape(when),
                        joined(w.value("writes", json::array()), ", ", "series-"));
  }
  page << "</ul>\n";
  if (doc.contains("society_snapshot")) society_snapshot(page, doc["society_snapshot"]);
  page << "</section>\n";
}

void sources_section(Page& page, const json& doc) {
  if (!doc.contains("parameters") && !doc.contains("sources")) return;
  page << "<section id=\"sources\"><h2>The numbers and their sources</h2>\n";
  if (doc.contains("parameters")) {
    page << "<table class=\"params\"><thead><tr><th>Parameter</th><th>Value or "
            "distribution</th><th>Unit</th><th>Sources</th>"
            "<th>Note</th></tr></thead><tbody>\n";
    for (const auto& p : doc["parameters"])
      page << fmt::format(
          "<tr><td><code>{}</code></td><td><code>{}</code></td><td>{}</td><td>{}</td><td "
          "class=\"small\">{}</td></tr>\n",
          text(p, "id"), text(p, "value"), text(p, "unit"), sources_cell(p), text(p, "note"));
    page << "</tbody></table>\n";
  }
  if (doc.contains("sources")) {
    page << "<h3>Sources</h3>\n<table class=\"sources\"><tbody>\n";
    for (const auto& s : doc["sources"])
      page << fmt::format(
          "<tr id=\"source-{}\"><td><code>{}</code></td><td>{}<br><span class=\"small\">{} {} {}</span></td></tr>\n",
          text(s, "id"), text(s, "id"), text(s, "title"), text(s, "outlet"), text(s, "date"), url_cell(s));
    page << "</tbody></table>\n";
  }
  page << "</section>\n";
}

void provenance_section(Page& page, const json& doc, const spec& rendered_by) {
  page << "<section id=\"provenance\"><h2>Provenance</h2>\n";
  provenance_table(page, doc["provenance"]);
  if (!rendered_by.is_null()) {
    page << "<h3>Rendered by</h3>\n";
    provenance_table(page, rendered_by);
  }
  page << "</section>\n";
}

}  // namespace statecraft::report::html
