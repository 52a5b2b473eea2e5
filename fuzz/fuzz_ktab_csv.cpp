// libFuzzer target: the KTAB CSV reader, and the models on whatever it accepts. Any input must
// either parse or throw a statecraft::Error; a parsed problem either runs or is rejected by
// validate() with a ScenarioError. Crashes, hangs and sanitizer reports are bugs.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "statecraft/bargaining/models.hpp"
#include "statecraft/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace bg = statecraft::bargaining;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const bg::BargainingProblem p = bg::parse_ktab_csv(text, "fuzz.csv");
    if (p.actors.size() <= 8 && p.dimensions.size() <= 3) {
      bg::SmpOptions o;
      o.max_turns = 4;
      o.parallel = false;
      (void)bg::run_smp(p, o);
      bg::BdmOptions b;
      b.max_rounds = 4;
      (void)bg::run_bdm(p, 0, b);
      (void)bg::nash_bargaining_position(p, 0);
      (void)bg::weighted_median_position(p, 0);
    }
  } catch (const statecraft::Error&) {
    // rejected input: the expected outcome for malformed files
  }
  return 0;
}
