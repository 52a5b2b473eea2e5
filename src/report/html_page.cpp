// Escaping and the page under construction (src/report/html_page.hpp).

#include "report/html_page.hpp"

#include <fmt/format.h>

namespace statecraft::report::html {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string script_json(const spec& value) {
  // Outside strings JSON has no <, > or &, so escaping them everywhere only touches strings.
  const std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '<')
      out += "\\u003c";
    else if (c == '>')
      out += "\\u003e";
    else if (c == '&')
      out += "\\u0026";
    else
      out += c;
  }
  return out;
}

std::string pct(double p) {
  return (p > 0 && p < 0.01) ? fmt::format("{:.2f}%", 100.0 * p) : fmt::format("{:.1f}%", 100.0 * p);
}

void Page::chart(spec vega_lite, std::string_view css_class) {
  const std::string id = fmt::format("chart-{}", charts_.size() + 1);
  body_ += fmt::format("<div class=\"{}\" id=\"{}\" data-chart></div>\n", css_class, id);
  charts_[id] = std::move(vega_lite);
}

}  // namespace statecraft::report::html
