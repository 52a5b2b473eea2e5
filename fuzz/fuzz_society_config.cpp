// Fuzzes the society scenario reader and the mapping to a model configuration: any input must
// either parse or throw a statecraft error; nothing may crash or trip a sanitizer. A scenario the
// loader accepts must give a configuration (validate and simulate accept the same files).

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "statecraft/error.hpp"
#include "statecraft/scenario/society_section.hpp"
#include "statecraft/society/model.hpp"
#include "statecraft/society/society_config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  statecraft::society::SocietyScenario sc;
  try {
    sc = statecraft::scenario::parse_society_scenario(text, "fuzz.yaml");
  } catch (const statecraft::Error&) {
    return 0;
  }
  statecraft::society::Config c;
  try {
    c = statecraft::society::make_config(sc, 0);  // what `simulate FILE` builds
  } catch (const statecraft::UsageError&) {
    __builtin_trap();  // the loader accepted a file simulate would refuse
  }
  try {
    c.width = c.height = std::min(c.width, 60);  // keep each run small
    if (2 * std::max(c.citizen_vision, c.cop_vision) + 1 > c.width) return 0;
    statecraft::society::Model m(c);
    for (int i = 0; i < 3; ++i) m.step();
  } catch (const statecraft::Error&) {
  }
  return 0;
}
