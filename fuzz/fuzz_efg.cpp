// libFuzzer target: the .efg parser must either return a game or throw FormatError, and a parsed
// game must survive a write/read round trip unchanged.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "statecraft/error.hpp"
#include "statecraft/games/gambit_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto g = statecraft::games::parse_efg(text, "fuzz.efg");
    const auto back = statecraft::games::parse_efg(statecraft::games::write_efg(g), "round-trip.efg");
    if (!(back == g)) __builtin_trap();
  } catch (const statecraft::FormatError&) {
  } catch (const statecraft::UsageError&) {
  }
  return 0;
}
