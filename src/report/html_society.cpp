// The society snapshot of the HTML report: one window's grid at its peak of protest (a Vega-Lite
// raster of the occupied cells) and its counts step by step, from the forecast document's
// "society_snapshot" (services::society_snapshot).

#include <fmt/format.h>

#include <algorithm>

#include "report/html_page.hpp"

namespace statecraft::report::html {
namespace {

struct CellKind {
  char letter;
  const char* name;
  const char* colour;  // as `statecraft simulate --snapshot` draws them
};
constexpr CellKind kKinds[] = {{'q', "quiet", "#3ca046"},
                               {'a', "active", "#dc1e1e"},
                               {'j', "jailed", "#787878"},
                               {'c', "loyal cop", "#285ae6"},
                               {'d', "defected cop", "#f0c828"}};

spec colour_scale() {
  spec domain = spec::array(), range = spec::array();
  for (const auto& k : kKinds) domain.push_back(k.name), range.push_back(k.colour);
  return {{"field", "kind"},
          {"type", "nominal"},
          {"title", nullptr},
          {"scale", {{"domain", domain}, {"range", range}}},
          {"legend", {{"orient", "bottom"}, {"direction", "horizontal"}}}};
}

spec axis_range(const char* field, int cells, bool reverse) {
  return {{"field", field},
          {"type", "quantitative"},
          {"axis", nullptr},
          {"scale", {{"domain", {0, cells}}, {"reverse", reverse}, {"nice", false}}}};
}

}  // namespace

spec society_grid_chart(const json& snap) {
  const int w = snap["width"].get<int>(), h = snap["height"].get<int>();
  spec rows = spec::array();
  const auto& grid = snap["grid"];
  for (std::size_t y = 0; y < grid.size(); ++y) {
    const auto row = grid[y].get<std::string>();
    for (std::size_t x = 0; x < row.size(); ++x) {
      const auto* k =
          std::find_if(std::begin(kKinds), std::end(kKinds), [&](const CellKind& c) { return c.letter == row[x]; });
      if (k != std::end(kKinds)) rows.push_back({{"x", x}, {"y", y}, {"x2", x + 1}, {"y2", y + 1}, {"kind", k->name}});
    }
  }
  const int px = std::clamp(360 / std::max({w, h, 1}), 2, 12);
  return {{"title", fmt::format("Day {} of the window: the grid at its peak", snap["peak_step"].get<int>())},
          {"width", w * px},
          {"height", h * px},
          {"data", {{"values", std::move(rows)}}},
          {"mark", {{"type", "rect"}}},
          {"encoding",
           {{"x", axis_range("x", w, false)},
            {"x2", {{"field", "x2"}}},
            {"y", axis_range("y", h, true)},
            {"y2", {{"field", "y2"}}},
            {"color", colour_scale()}}},
          {"config", {{"view", {{"fill", "#111111"}, {"stroke", nullptr}}}}}};
}

spec society_series_chart(const json& snap) {
  static const std::pair<const char*, const char*> kShown[] = {
      {"active", "active"}, {"jailed", "jailed"}, {"cops_defected", "defected cops"}};
  spec rows = spec::array();
  const auto& s = snap["series"];
  for (std::size_t i = 0; i < s["step"].size(); ++i)
    for (const auto& [key, label] : kShown)
      rows.push_back({{"step", s["step"][i]}, {"count", s[key][i]}, {"kind", label}});
  spec lines = {
      {"mark", {{"type", "line"}}},
      {"encoding",
       {{"x", {{"field", "step"}, {"type", "quantitative"}, {"title", "day of the window"}}},
        {"y",
         {{"field", "count"},
          {"type", "quantitative"},
          {"title", "agents"},
          {"axis", {{"format", "d"}, {"tickMinStep", 1}}},
          {"scale", {{"domainMin", 0}}}}},
        {"color",
         {{"field", "kind"},
          {"type", "nominal"},
          {"title", nullptr},
          {"scale",
           {{"domain", {"active", "jailed", "defected cops"}}, {"range", {"#dc1e1e", "#787878", "#f0c828"}}}}}},
        {"tooltip", spec::array({{{"field", "step"}}, {{"field", "kind"}}, {{"field", "count"}}})}}}};
  spec peak = {{"data", {{"values", spec::array({{{"step", snap["peak_step"]}}})}}},
               {"mark", {{"type", "rule"}, {"strokeDash", {4, 3}}, {"color", "#555"}}},
               {"encoding", {{"x", {{"field", "step"}, {"type", "quantitative"}}}}}};
  return {{"title", "The window's run, day by day"},
          {"width", 360},
          {"height", 200},
          {"data", {{"values", std::move(rows)}}},
          {"layer", spec::array({std::move(lines), std::move(peak)})}};
}

void society_snapshot(Page& page, const json& snap) {
  const auto& s = snap["series"];
  const auto citizens = s["quiet"][0].get<double>() + s["active"][0].get<double>() + s["jailed"][0].get<double>();
  const auto peak = static_cast<std::size_t>(snap["peak_step"].get<int>());
  const double active = peak < s["active"].size() ? s["active"][peak].get<double>() : 0.0;
  page
      << fmt::format("<h3 id=\"society-snapshot\">A window at the central values: <code>{}</code> opening in {}</h3>\n",
                     escape(snap["window"].get<std::string>()), escape(snap["month"].get<std::string>()))
      << fmt::format(
             "<p class=\"note\">Of the first windows (at most 15) that opened in the timeline run with every number at "
             "its central value (its chance events still drawn), the one with the median peak of protest, from draw "
             "{}. "
             "Its agent-based run ({} citizens on a {}×{} grid, seed {}) is shown on day {}, its peak: {} active ({} "
             "of "
             "the citizens).</p>\n",
             snap["draw"].get<std::uint64_t>(), citizens, snap["width"].get<int>(), snap["height"].get<int>(),
             snap["seed"].get<std::uint64_t>(), peak, active, pct(citizens > 0 ? active / citizens : 0.0))
      << "<div class=\"grid\"><figure>";
  page.chart(society_grid_chart(snap));
  page << "</figure><figure>";
  page.chart(society_series_chart(snap));
  page << "</figure></div>\n";
}

}  // namespace statecraft::report::html
