// libFuzzer target: the .efg parser must either return a game or throw FormatError, and a parsed
// game must survive a write/read round trip unchanged and its labels must be valid JSON strings
// (the reader rejects invalid UTF-8, which the JSON writer of `solve --json` cannot encode).

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "statecraft/error.hpp"
#include "statecraft/games/gambit_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto g = statecraft::games::parse_efg(text, "fuzz.efg");
    const auto back = statecraft::games::parse_efg(statecraft::games::write_efg(g), "round-trip.efg");
    if (!(back == g)) __builtin_trap();
    nlohmann::json j = {{"title", g.title()}, {"players", g.players()}};
    (void)j.dump();  // throws (and the fuzzer reports it) on invalid UTF-8
  } catch (const statecraft::FormatError&) {
  } catch (const statecraft::UsageError&) {
  }
  return 0;
}
