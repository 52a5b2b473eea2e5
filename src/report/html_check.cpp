// The shape check of a forecast document before the HTML report reads it: every field the page
// reads has the type it expects, so that a hand-edited or foreign JSON file is a located error
// (FILE: json.path: found X, expected Y), never a crash or a half-written page.

#include <fmt/format.h>

#include "report/json_checker.hpp"
#include "statecraft/error.hpp"
#include "statecraft/report/html_report.hpp"

namespace statecraft::report {
namespace {

void check_question(const Checker& c, const json& q, const std::string& p) {
  c.member(q, "id", Type::string, p, true);
  c.member(q, "text", Type::string, p, true);
  c.strings(q, {"kind", "by", "in", "likelihood"}, p);
  c.array_member(q, "probability_by_month", kNumber, p);
  if (!c.member(q, "modelled", Type::boolean, p, true)->get<bool>()) return;
  c.member(q, "probability", kNumber, p, true);
  c.member(q, "wilson95", Type::array, p, true);
  c.array_of(q["wilson95"], kNumber, p + ".wilson95", 2);
  c.each(q, "drivers", p, false, [&](const json& d, const std::string& dp) {
    c.member(d, "group", Type::string, dp, true);
    c.member(d, "total_index", kNumber, dp, true);
    c.member(d, "low", kNumber, dp, true);
    c.member(d, "high", kNumber, dp, true);
  });
}

void check_issue(const Checker& c, const json& i, const std::string& p) {
  c.member(i, "id", Type::string, p, true);
  c.strings(i, {"question", "low", "high"}, p);
  const json* models = c.member(i, "models", Type::object, p, true);
  for (const auto& [name, m] : models->items()) {
    const std::string mp = p + ".models." + name;
    c.is(m, Type::object, mp);
    for (const char* k : {"p05", "p50", "p95"}) c.member(m, k, kNumber, mp, true);
  }
}

void check_series(const Checker& c, const json& s, const std::string& p, std::size_t months) {
  c.member(s, "name", Type::string, p, true);
  if (s.contains("states")) {
    c.array_of(s["states"], Type::string, p + ".states");
    c.member(s, "share", Type::array, p, true);
    c.array_of(s["share"], Type::array, p + ".share", months);
    for (std::size_t m = 0; m < months; ++m)
      c.array_of(s["share"][m], kNumber, fmt::format("{}.share[{}]", p, m), s["states"].size());
    return;
  }
  for (const char* k : {"p05", "p25", "p50", "p75", "p95"}) {
    c.member(s, k, Type::array, p, true);
    c.array_of(s[k], kNumber, p + "." + k, months);
  }
}

void check_timeline(const Checker& c, const json& doc) {
  const json* t = c.member(doc, "timeline", Type::object, "timeline");
  if (t == nullptr) return;
  c.member(*t, "months", Type::array, "timeline", true);
  c.array_of((*t)["months"], Type::string, "timeline.months");
  if ((*t)["months"].empty()) c.fail("timeline.months", "no month", "at least one month");
  const std::size_t months = (*t)["months"].size();
  c.each(*t, "series", "timeline", true, [&](const json& s, const std::string& p) { check_series(c, s, p, months); });
}

void check_facts(const Checker& c, const json& doc) {
  c.each(doc, "parameters", "", false, [&](const json& x, const std::string& p) {
    c.strings(x, {"id", "path", "value", "unit", "note"}, p);
    c.array_member(x, "sources", Type::string, p);
  });
  c.each(doc, "sources", "", false, [&](const json& x, const std::string& p) {
    c.strings(x, {"id", "title", "outlet", "date", "url", "note"}, p);
  });
  c.each(doc, "games", "", false, [&](const json& x, const std::string& p) {
    c.strings(x, {"id", "title", "method", "equilibrium"}, p);
    c.array_member(x, "players", Type::string, p);
  });
  c.each(doc, "society_windows", "", false, [&](const json& x, const std::string& p) {
    c.strings(x, {"id", "when"}, p);
    c.array_member(x, "writes", Type::string, p);
  });
}

/// The society snapshot: a grid of `height` rows of `width` letters, and counts by step.
void check_snapshot(const Checker& c, const json& doc) {
  const json* s = c.member(doc, "society_snapshot", Type::object, "society_snapshot");
  if (s == nullptr) return;
  const std::string p = "society_snapshot";
  for (const char* k : {"window", "month"}) c.member(*s, k, Type::string, p, true);
  for (const char* k : {"draw", "seed"}) c.member(*s, k, Type::number_unsigned, p, true);
  for (const char* k : {"width", "height", "peak_step"}) c.member(*s, k, Type::number_unsigned, p, true);
  c.member(*s, "grid", Type::array, p, true);
  c.array_of((*s)["grid"], Type::string, p + ".grid", (*s)["height"].get<std::size_t>());
  const auto width = (*s)["width"].get<std::size_t>();
  for (std::size_t y = 0; y < (*s)["grid"].size(); ++y)
    if ((*s)["grid"][y].get<std::string>().size() != width)
      c.fail(fmt::format("{}.grid[{}]", p, y), fmt::format("{} cells", (*s)["grid"][y].get<std::string>().size()),
             fmt::format("{} cells", width));
  const json* series = c.member(*s, "series", Type::object, p, true);
  c.member(*series, "step", Type::array, p + ".series", true);
  const std::size_t steps = (*series)["step"].size();
  if (steps == 0) c.fail(p + ".series.step", "no step", "at least one step");
  for (const char* k : {"step", "quiet", "active", "jailed", "cops_loyal", "cops_defected"}) {
    c.member(*series, k, Type::array, p + ".series", true);
    c.array_of((*series)[k], kNumber, p + ".series." + k, steps);
  }
}

void check_sensitivity(const Checker& c, const json& doc) {
  const json* s = c.member(doc, "sensitivity", Type::object, "sensitivity");
  if (s == nullptr) return;
  c.each(*s, "questions", "sensitivity", true, [&](const json& q, const std::string& p) {
    c.member(q, "id", Type::string, p, true);
    c.strings(q, {"text"}, p);
    c.each(q, "tornado", p, false, [&](const json& t, const std::string& tp) {
      c.member(t, "parameter", Type::string, tp, true);
      for (const char* k : {"low", "high", "base"}) c.member(t, k, kNumber, tp, true);
    });
    c.each(q, "sobol", p, false, [&](const json& g, const std::string& gp) {
      c.member(g, "group", Type::string, gp, true);
      for (const char* k : {"first", "total"}) c.member(g, k, kNumber, gp);
      for (const char* k : {"first_ci", "total_ci"}) c.array_member(g, k, kNumber, gp, 2);
    });
  });
}

}  // namespace

void check_forecast_document(const nlohmann::ordered_json& doc, const std::string& file) {
  const Checker c(file);
  c.is(doc, Type::object, "");
  c.member(doc, "provenance", Type::object, "", true);
  const json* s = c.member(doc, "scenario", Type::object, "", true);
  c.strings(*s, {"name", "as_of"}, "scenario");
  for (const char* k : {"horizon_months", "uncertain_numbers"}) c.member(*s, k, kNumber, "scenario");
  c.array_member(doc, "models", Type::string, "");
  c.each(doc, "questions", "", true, [&](const json& q, const std::string& p) { check_question(c, q, p); });
  c.each(doc, "issues", "", true, [&](const json& i, const std::string& p) { check_issue(c, i, p); });
  check_timeline(c, doc);
  check_facts(c, doc);
  check_snapshot(c, doc);
  check_sensitivity(c, doc);
}

}  // namespace statecraft::report
