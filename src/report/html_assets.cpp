// The chart libraries of the HTML report, when this build embeds them (STATECRAFT_HTML_LIBRARIES
// is set by src/report/CMakeLists.txt when web/node_modules was present at configure time).

#include "report/html_assets.hpp"

#if STATECRAFT_HTML_LIBRARIES
namespace statecraft::embedded {
extern const std::string_view vega_js, vega_lite_js, vega_embed_js;
}  // namespace statecraft::embedded
#endif

namespace statecraft::report::html {

const ChartLibraries* chart_libraries() {
#if STATECRAFT_HTML_LIBRARIES
  static const ChartLibraries libraries{embedded::vega_js, embedded::vega_lite_js, embedded::vega_embed_js,
                                        STATECRAFT_HTML_LIBRARY_VERSIONS};
  return &libraries;
#else
  return nullptr;
#endif
}

}  // namespace statecraft::report::html
