// Variants: named what-ifs in the scenario, and one-off parameter settings. An override takes the
// place of the parameter's node in the YAML tree before the parameters are read, so it is read
// and checked as the parameter itself would be, under the parameter's path (hence the same
// random stream) and with the parameter's source and unit unless it gives its own.

#include "scenario/detail/variants.hpp"

#include <fmt/format.h>

namespace statecraft::scenario::detail {
namespace {

/// The override as a parameter's mapping: a bare number or expression becomes {value|expr: it};
/// the original's source and unit are kept unless the override gives them.
YAML::Node as_parameter(const YAML::Node& original, const YAML::Node& override_node) {
  // reset() rebinds a handle; `m = other` would instead overwrite the node m refers to.
  YAML::Node m;
  if (override_node.IsMap()) {
    m.reset(override_node);
  } else {
    m.reset(YAML::Node(YAML::NodeType::Map));
    const bool number = override_node.IsScalar() && parse_number(override_node.Scalar()).has_value();
    m[number ? "value" : "expr"] = override_node;
  }
  for (const char* key : {"source", "unit"})
    if (!m[key].IsDefined() && original.IsMap() && original[key].IsDefined()) m[key] = original[key];
  return m;
}

void replace(const YAML::Node& params, const std::string& name, const YAML::Node& override_node) {
  const YAML::Node original = params[name];
  YAML::Node m = as_parameter(original, override_node);
  YAML::Node slot = params[name];
  slot = m;
}

std::string names_of(const YAML::Node& map) {
  std::string out;
  if (map.IsMap())
    for (const auto& kv : map) out += (out.empty() ? "" : ", ") + kv.first.as<std::string>("?");
  return out.empty() ? "none" : out;
}

void apply_variant(const std::string& file, const YAML::Node& root, const std::string& variant) {
  const YAML::Node variants = root["variants"];
  if (!variants.IsMap() || !variants[variant].IsDefined())
    throw UsageError(
        fmt::format("{}: no variant '{}'; its variants: {}", printable(file), printable(variant), names_of(variants)));
  const YAML::Node ps = variants[variant]["parameters"];
  const YAML::Node params = root["parameters"];
  if (!ps.IsMap() || !params.IsMap()) return;  // read_variants reports it
  for (const auto& kv : ps) {
    const std::string name = kv.first.as<std::string>("");
    if (params[name].IsDefined()) replace(params, name, kv.second);  // else read_variants reports it
  }
}

void apply_set(Reader& r, const YAML::Node& root, const std::string& name, const std::string& value) {
  const YAML::Node params = root["parameters"];
  if (!params.IsMap() || !params[name].IsDefined())
    throw UsageError(
        fmt::format("--set {}: {} has no parameter '{}'", printable(name), printable(r.file()), printable(name)));
  YAML::Node v;
  try {
    v = YAML::Load(value);
  } catch (const YAML::Exception& e) {
    throw UsageError(fmt::format("--set {}={}: not a number, an expression or a YAML mapping ({})", printable(name),
                                 printable(value), e.msg));
  }
  // Checked on its own first, so that a mistake is located in the option rather than the file.
  Scenario scratch;
  Reader check("--set " + name, scratch);
  check.number(as_parameter(params[name], v), "parameters." + name, Reader::Range{}, name, true);
  if (!check.problems().empty()) throw ScenarioError(check.problems());
  replace(params, name, v);
}

}  // namespace

void apply_overrides(Reader& r, const YAML::Node& root, const Overrides& o) {
  if (!o.variant.empty()) apply_variant(r.file(), root, o.variant);
  for (const auto& [name, value] : o.set) apply_set(r, root, name, value);
}

void read_variants(Reader& r, const YAML::Node& variants, const YAML::Node& params) {
  if (!variants.IsDefined() || !r.expect_map(variants, "variants")) return;
  for (const auto& kv : variants) {
    if (!r.spend(kv.first)) return;
    Variant v;
    v.name = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
    v.where = r.where(kv.first);
    const std::string path = "variants." + v.name;
    if (!is_identifier(v.name))
      r.problem(kv.first, path, Reader::describe(kv.first), "a variant name (a letter, then letters, digits or '_')");
    if (!r.expect_map(kv.second, path)) continue;
    r.check_keys(kv.second, path, {"note", "source", "parameters"}, {"note", "parameters"});
    v.note = r.string_field(kv.second, "note", path, true);
    const YAML::Node ps = kv.second["parameters"];
    if (ps.IsDefined() && r.expect_map(ps, path + ".parameters")) {
      if (ps.size() == 0) r.problem(ps, path + ".parameters", "an empty mapping", "at least one parameter to override");
      for (const auto& p : ps) {
        const std::string name = p.first.IsScalar() ? p.first.Scalar() : std::string();
        const std::string ppath = path + ".parameters." + name;
        if (!params.IsMap() || !params[name].IsDefined()) {
          r.problem(p.first, ppath, "'" + name + "', not a parameter of the scenario",
                    "the id of a parameter under `parameters`");
          continue;
        }
        Scenario scratch;
        Reader check(r.file(), scratch);
        check.number(as_parameter(params[name], p.second), ppath, Reader::Range{}, name, true);
        for (auto& d : check.problems()) r.problems().push_back(std::move(d));
        v.parameters.push_back(name);
      }
    }
    r.out().variants.push_back(std::move(v));
  }
}

}  // namespace statecraft::scenario::detail
