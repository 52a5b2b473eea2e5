// libFuzzer target: the scenario loader must reject any input with a ScenarioError (or accept
// it), never crash, hang or trip a sanitizer.
#include <cstddef>
#include <cstdint>
#include <string>

#include "statecraft/error.hpp"
#include "statecraft/scenario/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    (void)statecraft::scenario::load_scenario(text, "fuzz.yaml");
  } catch (const statecraft::ScenarioError&) {
  }
  return 0;
}
