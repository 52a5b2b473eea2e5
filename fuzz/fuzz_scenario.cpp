// libFuzzer target: the scenario loader must reject any input with a ScenarioError (or accept
// it), never crash, hang or trip a sanitizer; and no message may hold a line break of its own
// (echoed input is escaped, so it cannot forge a "file:line:" line).
#include <cstddef>
#include <cstdint>
#include <string>

#include "statecraft/error.hpp"
#include "statecraft/scenario/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    (void)statecraft::scenario::load_scenario(text, "fuzz.yaml");
  } catch (const statecraft::ScenarioError& e) {
    for (const auto& d : e.problems())
      if (d.to_string().find_first_of("\n\r") != std::string::npos) __builtin_trap();
  }
  return 0;
}
