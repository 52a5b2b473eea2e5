#pragma once
/// @file provenance.hpp
/// Where an output came from, enough to reproduce it: the command, the version and commit of
/// statecraft, the input and its SHA-256, and the settings that decide the numbers (seed,
/// draws, ...). Every command writes it at the head of every output through this one writer:
/// as a JSON object, or as '#'-prefixed lines for text, CSV and Markdown.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace statecraft {

struct Provenance {
  std::string command;  ///< e.g. "forecast"
  std::string version, git_commit;
  std::string input, input_sha256;  ///< input file (or "-" for none) and the SHA-256 of its bytes
  std::vector<std::pair<std::string, nlohmann::ordered_json>> settings;  ///< in the order given

  /// Provenance of `command` on `input` with this build's version and commit.
  static Provenance of(std::string command, std::string input, std::string input_sha256);
  /// Adds a setting (kept in order); returns *this.
  Provenance& with(std::string key, nlohmann::ordered_json value);

  /// {"tool": "statecraft <command>", "version", "git_commit", "input", "input_sha256", settings...}
  [[nodiscard]] nlohmann::ordered_json json() const;
  /// "<prefix>statecraft <version> (commit <c>) <command>\n<prefix>input <file> sha256 <h>\n"
  /// and one "<prefix><key> <value>" line per setting.
  [[nodiscard]] std::string lines(std::string_view prefix = "# ") const;
};

}  // namespace statecraft
