#include "statecraft/services/overrides.hpp"

#include "statecraft/error.hpp"

namespace statecraft::services {

std::vector<std::pair<std::string, std::string>> parse_sets(const std::vector<std::string>& sets) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& kv : sets) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == kv.size())
      throw UsageError("--set " + printable(kv) +
                       ": expected NAME=VALUE (a parameter and a number, expression or YAML mapping)");
    out.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
  }
  return out;
}

std::vector<std::string> set_strings(const scenario::Overrides& o) {
  std::vector<std::string> out;
  for (const auto& [name, value] : o.set) out.push_back(name + "=" + value);
  return out;
}

}  // namespace statecraft::services
