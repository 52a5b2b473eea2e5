// The Vega-Lite specifications of the HTML report's charts. Data are inlined in each
// specification (no URL is ever loaded); months are placed mid-month so that no time zone moves
// a point into the neighbouring month.

#include <algorithm>
#include <cmath>

#include "report/html_page.hpp"

namespace statecraft::report::html {
namespace {

constexpr const char* kBlue = "#4c78a8";
constexpr const char* kDark = "#1f3b63";

/// The month axis: a tick every 1, 2, 3, 6 or 12 months, the fewest that keep to `max_labels`
/// (left to itself, Vega would tick short spans more often than monthly and repeat labels).
spec month_axis(std::size_t months, std::size_t max_labels) {
  int step = 12;
  for (int s : {1, 2, 3, 6, 12})
    if (months <= max_labels * static_cast<std::size_t>(s)) {
      step = s;
      break;
    }
  return {{"field", "month"},
          {"type", "temporal"},
          {"title", nullptr},
          {"axis", {{"format", "%b %Y"}, {"labelAngle", -30}, {"tickCount", {{"interval", "month"}, {"step", step}}}}}};
}

std::string mid_month(const json& label) { return label.get<std::string>() + "-15"; }

/// A 0-100% axis on `field`; no title when `title` is null.
spec percent_axis(const char* field, const char* title) {
  return {{"field", field},
          {"type", "quantitative"},
          {"title", title ? spec(title) : spec(nullptr)},
          {"axis", {{"format", ".0%"}}}};
}

spec band(const char* lo, const char* hi, double opacity) {
  return {{"mark", {{"type", "area"}, {"color", kBlue}, {"opacity", opacity}}},
          {"encoding",
           {{"y", {{"field", lo}, {"type", "quantitative"}, {"title", nullptr}, {"scale", {{"zero", false}}}}},
            {"y2", {{"field", hi}}}}}};
}

}  // namespace

spec fan_chart(const json& months, const json& series) {
  spec rows = spec::array();
  for (std::size_t m = 0; m < months.size(); ++m) {
    spec row = {{"month", mid_month(months[m])}};
    for (const char* k : {"p05", "p25", "p50", "p75", "p95"}) row[k] = series[k][m].get<double>();
    rows.push_back(std::move(row));
  }
  const spec tooltip = spec::array({{{"field", "month"}, {"type", "temporal"}, {"format", "%b %Y"}},
                                    {{"field", "p50"}, {"title", "median"}, {"format", ".3~g"}},
                                    {{"field", "p25"}, {"format", ".3~g"}},
                                    {{"field", "p75"}, {"format", ".3~g"}},
                                    {{"field", "p05"}, {"format", ".3~g"}},
                                    {{"field", "p95"}, {"format", ".3~g"}}});
  spec median = {{"mark", {{"type", "line"}, {"color", kDark}, {"point", {{"size", 12}, {"color", kDark}}}}},
                 {"encoding", {{"y", {{"field", "p50"}, {"type", "quantitative"}}}, {"tooltip", tooltip}}}};
  return {{"title", series["name"].get<std::string>()},
          {"width", 300},
          {"height", 150},
          {"data", {{"values", std::move(rows)}}},
          {"encoding", {{"x", month_axis(months.size(), 6)}}},
          {"layer", spec::array({band("p05", "p95", 0.22), band("p25", "p75", 0.45), std::move(median)})}};
}

spec state_share_chart(const json& months, const json& series) {
  spec rows = spec::array();
  const auto& states = series["states"];
  for (std::size_t m = 0; m < months.size(); ++m)
    for (std::size_t k = 0; k < states.size(); ++k)
      rows.push_back(
          {{"month", mid_month(months[m])}, {"state", states[k]}, {"share", series["share"][m][k]}, {"order", k}});
  spec color = {
      {"field", "state"}, {"type", "nominal"}, {"sort", states}, {"title", nullptr}, {"legend", {{"orient", "right"}}}};
  return {{"title", series["name"].get<std::string>() + " (share of draws)"},
          {"width", 300},
          {"height", 150},
          {"data", {{"values", std::move(rows)}}},
          {"mark", {{"type", "area"}}},
          {"encoding",
           {{"x", month_axis(months.size(), 6)},
            {"y", percent_axis("share", nullptr)},
            {"color", color},
            {"order", {{"field", "order"}}},
            {"tooltip", spec::array({{{"field", "state"}}, {{"field", "share"}, {"format", ".1%"}}})}}}};
}

spec monthly_probability_chart(const json& months, const json& questions, const std::string& title) {
  spec rows = spec::array();
  for (const auto& q : questions) {
    const auto& by_month = q["probability_by_month"];
    for (std::size_t m = 0; m < by_month.size() && m + 1 < months.size(); ++m)
      rows.push_back(
          {{"month", mid_month(months[m + 1])}, {"question", q["id"]}, {"p", by_month[m]}, {"text", q["text"]}});
  }
  spec color = {{"field", "question"},
                {"type", "nominal"},
                {"title", nullptr},
                {"legend", {{"orient", "right"}, {"labelLimit", 260}}}};
  return {{"title", title},
          {"width", 640},
          {"height", 260},
          {"data", {{"values", std::move(rows)}}},
          {"mark", {{"type", "line"}, {"point", {{"size", 10}}}}},
          {"encoding",
           {{"x", month_axis(months.size(), 12)},
            {"y", percent_axis("p", "probability")},
            {"color", color},
            {"tooltip", spec::array({{{"field", "text"}, {"title", "question"}},
                                     {{"field", "month"}, {"type", "temporal"}, {"format", "%b %Y"}},
                                     {{"field", "p"}, {"format", ".1%"}}})}}}};
}

spec issues_chart(const json& issues) {
  static const char* kModels[] = {"compromise", "median", "mean", "bdm", "smp", "nash"};
  spec rows = spec::array();
  for (const auto& i : issues)
    for (const char* m : kModels)
      if (i["models"].contains(m)) {
        const auto& s = i["models"][m];
        rows.push_back({{"issue", i["id"]}, {"model", m}, {"p05", s["p05"]}, {"p50", s["p50"]}, {"p95", s["p95"]}});
      }
  spec y = {{"field", "issue"}, {"type", "nominal"}, {"title", nullptr}, {"sort", nullptr}};
  spec x = {{"field", "p50"},
            {"type", "quantitative"},
            {"title", "position (0-100): median and 90% interval over the draws"},
            {"scale", {{"domain", {0, 100}}}}};
  spec color = {{"field", "model"}, {"type", "nominal"}, {"sort", kModels}, {"title", "model"}};
  spec rule = {{"mark", {{"type", "rule"}, {"strokeWidth", 2}}},
               {"encoding", {{"x", {{"field", "p05"}, {"type", "quantitative"}}}, {"x2", {{"field", "p95"}}}}}};
  spec point = {{"mark", {{"type", "point"}, {"filled", true}, {"size", 50}}}, {"encoding", {{"x", x}}}};
  return {{"width", 640},
          {"height", {{"step", 9}}},
          {"data", {{"values", std::move(rows)}}},
          {"encoding",
           {{"y", y},
            {"yOffset", {{"field", "model"}, {"sort", kModels}}},
            {"color", color},
            {"tooltip", spec::array({{{"field", "issue"}},
                                     {{"field", "model"}},
                                     {{"field", "p50"}, {"title", "median"}, {"format", ".1f"}},
                                     {{"field", "p05"}, {"format", ".1f"}},
                                     {{"field", "p95"}, {"format", ".1f"}}})}}},
          {"layer", spec::array({std::move(rule), std::move(point)})}};
}

spec judgments_chart(const json& questions) {
  spec rows = spec::array();
  for (const auto& q : questions)
    rows.push_back({{"question", q["id"]},
                    {"text", q["text"]},
                    {"p", q["probability"]},
                    {"lo", q["wilson95"][0]},
                    {"hi", q["wilson95"][1]}});
  spec y = {{"field", "question"}, {"type", "nominal"}, {"title", nullptr}, {"sort", nullptr}};
  spec rule = {{"mark", {{"type", "rule"}, {"color", kDark}}},
               {"encoding", {{"x", percent_axis("lo", nullptr)}, {"x2", {{"field", "hi"}}}}}};
  spec x = percent_axis("p", "probability (95% Wilson interval)");
  x["scale"] = {{"domain", {0, 1}}};
  spec point = {{"mark", {{"type", "point"}, {"filled", true}, {"color", kBlue}, {"size", 60}}},
                {"encoding", {{"x", x}}}};
  return {
      {"width", 640},
      {"height", {{"step", 18}}},
      {"data", {{"values", std::move(rows)}}},
      {"encoding",
       {{"y", y},
        {"tooltip", spec::array({{{"field", "text"}, {"title", "question"}}, {{"field", "p"}, {"format", ".1%"}}})}}},
      {"layer", spec::array({std::move(rule), std::move(point)})}};
}

spec tornado_chart(const json& tornado) {
  spec rows = spec::array();
  for (const auto& t : tornado) {
    const double base = t["base"].get<double>(), lo = t["low"].get<double>(), hi = t["high"].get<double>();
    const double span = std::fabs(hi - lo);
    rows.push_back({{"parameter", t["parameter"]},
                    {"setting", "at its 5th percentile"},
                    {"from", base},
                    {"to", lo},
                    {"span", span}});
    rows.push_back({{"parameter", t["parameter"]},
                    {"setting", "at its 95th percentile"},
                    {"from", base},
                    {"to", hi},
                    {"span", span}});
  }
  spec y = {{"field", "parameter"},
            {"type", "nominal"},
            {"title", nullptr},
            {"sort", {{"field", "span"}, {"order", "descending"}}}};
  return {{"width", 520},
          {"height", {{"step", 16}}},
          {"data", {{"values", std::move(rows)}}},
          {"mark", {{"type", "bar"}}},
          {"encoding",
           {{"y", y},
            {"x", percent_axis("from", "probability")},
            {"x2", {{"field", "to"}}},
            {"color", {{"field", "setting"}, {"type", "nominal"}, {"title", nullptr}}},
            {"tooltip", spec::array({{{"field", "parameter"}},
                                     {{"field", "setting"}},
                                     {{"field", "to"}, {"title", "probability"}, {"format", ".1%"}}})}}}};
}

spec sobol_chart(const json& sobol) {
  spec rows = spec::array();
  for (const auto& g : sobol)
    for (const char* index : {"first", "total"}) {
      if (!g.contains(index)) continue;
      spec row = {{"group", g["group"]},
                  {"index", std::string(index) == "first" ? "first-order" : "total"},
                  {"value", g[index]}};
      const std::string ci = std::string(index) + "_ci";
      if (g.contains(ci)) {
        row["lo"] = g[ci][0];
        row["hi"] = g[ci][1];
      }
      rows.push_back(std::move(row));
    }
  spec y = {{"field", "group"}, {"type", "nominal"}, {"title", nullptr}, {"sort", nullptr}};
  spec bar = {{"mark", {{"type", "bar"}}},
              {"encoding",
               {{"x", {{"field", "value"}, {"type", "quantitative"}, {"title", "Sobol' index (share of variance)"}}}}}};
  spec err = {{"mark", {{"type", "rule"}, {"color", "black"}}},
              {"encoding",
               {{"x", {{"field", "lo"}, {"type", "quantitative"}}},
                {"x2", {{"field", "hi"}}},
                {"color", {{"value", "black"}}}}}};
  return {{"width", 520},
          {"height", {{"step", 10}}},
          {"data", {{"values", std::move(rows)}}},
          {"encoding",
           {{"y", y},
            {"yOffset", {{"field", "index"}}},
            {"color", {{"field", "index"}, {"type", "nominal"}, {"title", nullptr}}},
            {"tooltip",
             spec::array({{{"field", "group"}}, {{"field", "index"}}, {{"field", "value"}, {"format", ".3f"}}})}}},
          {"layer", spec::array({std::move(bar), std::move(err)})}};
}

}  // namespace statecraft::report::html
