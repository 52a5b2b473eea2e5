#pragma once
/// @file gambit_io.hpp
/// Reading and writing Gambit's file formats: `.nfg` (strategic form, payoff and outcome
/// versions, "NFG 1 R|D") and `.efg` (extensive form, "EFG 2 R|D"). Quoted labels with `\"`
/// escapes, integers, decimals (with optional exponent) and rationals `a/b` are read exactly.
/// Malformed input throws FormatError with FILE:LINE:COL, what was found and what was expected.

#include <string>
#include <string_view>
#include <variant>

#include "statecraft/games/extensive_form.hpp"
#include "statecraft/games/normal_form.hpp"

namespace statecraft::games {

/// Parses `.nfg` text; `file` names the source in error messages. @throws FormatError.
NormalFormGame parse_nfg(std::string_view text, const std::string& file = "<nfg>");
/// Parses `.efg` text. @throws FormatError.
ExtensiveGame parse_efg(std::string_view text, const std::string& file = "<efg>");
/// Writes `.nfg` text (outcome version when the game has outcomes, payoff version otherwise);
/// payoffs as exact integers or rationals.
std::string write_nfg(const NormalFormGame& g);
/// Writes `.efg` text ("EFG 2 R"), nodes in preorder with each infoset and outcome detailed at
/// its first appearance.
std::string write_efg(const ExtensiveGame& g);

/// A game of either kind.
using AnyGame = std::variant<NormalFormGame, ExtensiveGame>;
/// Parses a Gambit file by its header ("NFG" or "EFG"). @throws FormatError.
AnyGame parse_gambit(std::string_view text, const std::string& file = "<game>");
/// Reads and parses a Gambit file from disk. @throws IoError, FormatError.
AnyGame load_gambit(const std::string& path);

/// Quotes a label the way Gambit does: surrounding quotes, `"` escaped as `\"` (and a backslash
/// as `\\`, so that every label, even one ending in a backslash, reads back unchanged).
std::string quote_label(std::string_view s);

}  // namespace statecraft::games
