#pragma once
// The chart libraries compiled into statecraft for the HTML report (see src/report/CMakeLists.txt):
// the minified builds of Vega, Vega-Lite and Vega-Embed from web/node_modules.

#include <string>
#include <string_view>

namespace statecraft::report::html {

struct ChartLibraries {
  std::string_view vega, vega_lite, vega_embed;
  std::string versions;  ///< "vega 6.4.0, vega-lite 6.5.0, vega-embed 7.3.0"
};

/// The libraries, or nullptr when this build was configured without web/node_modules.
const ChartLibraries* chart_libraries();

}  // namespace statecraft::report::html
