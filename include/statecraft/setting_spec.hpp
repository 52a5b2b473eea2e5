#pragma once
/// @file setting_spec.hpp
/// The declaration of a module's named settings (the `society` section, later the `timeline`):
/// each module declares its settings once (name, type, range, default, one-line doc) and the
/// scenario loader checks a section against that list, so `validate` and the module accept the
/// same files. In core, below both the modules and the scenario loader.

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace statecraft {

/// One setting a module reads from its scenario section.
struct SettingSpec {
  enum class Type {
    kNumber,   ///< a real number in [lower, upper]
    kWhole,    ///< a whole number in [lower, upper]; a literal must be whole, a drawn value is rounded
    kWord,     ///< one of `words`
    kContext,  ///< a mapping of figures (name -> number) the module does not read
  };
  std::string name;
  Type type = Type::kNumber;
  double lower = -std::numeric_limits<double>::infinity();
  double upper = std::numeric_limits<double>::infinity();
  double fallback = std::numeric_limits<double>::quiet_NaN();  ///< default; NaN: from a preset (see doc)
  std::vector<std::string> words;                              ///< kWord: the allowed words
  std::string doc;                                             ///< one line, for docs and messages
  std::string expected;                                        ///< "a number in [lo, hi]", built by make()

  /// A numeric setting (kNumber or kWhole) with its range, default and doc.
  static SettingSpec make(std::string name, Type type, double lower, double upper, double fallback, std::string doc);
  /// True if `v` is allowed (finite, in range and whole where required).
  [[nodiscard]] bool allows(double v) const;
};

/// Finds a setting by name in `specs`; nullptr if there is none.
const SettingSpec* find_setting(const std::vector<SettingSpec>& specs, const std::string& name);

}  // namespace statecraft
