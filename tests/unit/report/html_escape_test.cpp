// Escaping in the HTML report: text from a scenario is inert in an element, an attribute, and in
// the JSON inside a <script> element.

#include <gtest/gtest.h>

#include "report/html_page.hpp"

namespace html = statecraft::report::html;

TEST(HtmlEscape, MarkupBecomesText) {
  EXPECT_EQ(html::escape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
  EXPECT_EQ(html::escape("plain text, 95%"), "plain text, 95%");
}

TEST(HtmlEscape, ScriptJsonCannotCloseTheScriptOrOpenAComment) {
  const html::spec value = {{"name", "</script><script>x()</script><!-- --> & </SCRIPT"}, {"n", 1.5}};
  const std::string out = html::script_json(value);
  EXPECT_EQ(out.find('<'), std::string::npos) << out;
  EXPECT_EQ(out.find('>'), std::string::npos) << out;
  EXPECT_EQ(out.find('&'), std::string::npos) << out;
  EXPECT_EQ(html::spec::parse(out), value);  // the same value for the page's JSON.parse
}

TEST(HtmlEscape, ChartsGetFreshContainers) {
  html::Page page;
  page.chart({{"mark", "point"}});
  page.chart({{"mark", "line"}}, "chart wide");
  EXPECT_NE(page.body().find("<div class=\"chart\" id=\"chart-1\" data-chart></div>"), std::string::npos);
  EXPECT_NE(page.body().find("<div class=\"chart wide\" id=\"chart-2\" data-chart></div>"), std::string::npos);
  EXPECT_EQ(page.charts()["chart-2"]["mark"], "line");
}
