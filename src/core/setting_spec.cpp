// The declaration of a module's named settings (see setting_spec.hpp).

#include "statecraft/setting_spec.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace statecraft {

SettingSpec SettingSpec::make(std::string name, Type type, double lower, double upper, double fallback,
                              std::string doc) {
  SettingSpec s;
  s.name = std::move(name);
  s.type = type;
  s.lower = lower;
  s.upper = upper;
  s.fallback = fallback;
  s.doc = std::move(doc);
  s.expected = fmt::format("{} in [{:g}, {:g}]", type == Type::kWhole ? "a whole number" : "a number", lower, upper);
  return s;
}

bool SettingSpec::allows(double v) const {
  if (!(std::isfinite(v) && v >= lower && v <= upper)) return false;
  return type != Type::kWhole || v == std::floor(v);
}

const SettingSpec* find_setting(const std::vector<SettingSpec>& specs, const std::string& name) {
  const auto it = std::find_if(specs.begin(), specs.end(), [&](const SettingSpec& s) { return s.name == name; });
  return it == specs.end() ? nullptr : &*it;
}

}  // namespace statecraft
