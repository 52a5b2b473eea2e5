#pragma once
// Reading YAML nodes into scenario values while collecting every problem with its location.

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <limits>
#include <string>
#include <vector>

#include "statecraft/error.hpp"
#include "statecraft/scenario/scenario.hpp"

namespace statecraft::scenario::detail {

/// Collects diagnostics and builds quantities while a scenario is read.
class Reader {
 public:
  Reader(std::string file, Scenario& out) : file_(std::move(file)), out_(out) {}

  /// Location of a node (1-based line and column), or of the enclosing mapping when the node is
  /// missing.
  [[nodiscard]] Location where(const YAML::Node& node) const;
  /// Records a problem.
  void problem(const YAML::Node& at, const std::string& path, const std::string& found, const std::string& expected);
  void problem(const Location& at, const std::string& path, const std::string& found, const std::string& expected);
  /// Records a warning.
  void warning(const YAML::Node& at, const std::string& path, const std::string& found, const std::string& expected);

  /// A short description of what a node holds, for "found ...".
  [[nodiscard]] static std::string describe(const YAML::Node& node);

  /// True if `node` is a mapping; otherwise records "expected a mapping".
  bool expect_map(const YAML::Node& node, const std::string& path);
  /// True if `node` is a list; otherwise records "expected a list".
  bool expect_seq(const YAML::Node& node, const std::string& path);
  /// Reports keys of `node` not in `allowed`, and missing keys of `required`.
  void check_keys(const YAML::Node& node, const std::string& path, std::initializer_list<const char*> allowed,
                  std::initializer_list<const char*> required);

  /// A scalar string field; empty when absent (records a problem if `required`).
  std::string string_field(const YAML::Node& map, const char* key, const std::string& path, bool required);
  /// An identifier field (letter, then letters, digits or '_').
  std::string id_field(const YAML::Node& map, const char* key, const std::string& path, bool required);
  /// A date field YYYY-MM-DD.
  std::string date_field(const YAML::Node& map, const char* key, const std::string& path, bool required);
  /// An integer field in [lo, hi]; `fallback` when absent and not required.
  long long int_field(const YAML::Node& map, const char* key, const std::string& path, bool required, long long lo,
                      long long hi, long long fallback);
  /// A list of identifiers or a single identifier (e.g. `source: a` or `source: [a, b]`).
  std::vector<std::string> id_list(const YAML::Node& node, const std::string& path);
  /// A plain finite number (not a distribution or expression); nullopt after a problem.
  std::optional<double> literal(const YAML::Node& node, const std::string& path);

  /// Range rule for a number.
  struct Range {
    double lower = -std::numeric_limits<double>::infinity();
    double upper = std::numeric_limits<double>::infinity();
    const char* what = "a finite number";
  };
  static Range probability() { return {0.0, 1.0, "a number in [0, 1]"}; }
  static Range score() { return {0.0, 100.0, "a number in [0, 100]"}; }
  static Range non_negative() { return {0.0, std::numeric_limits<double>::infinity(), "a number >= 0"}; }

  /// Reads a number in any form (literal, expression string, distribution mapping or
  /// {value|expr: ...} mapping) into a new quantity; kNoQuantity after a problem.
  /// `name` is the parameter id for named parameters; `need_source` requires a source when the
  /// number is a literal or a distribution.
  QuantityId number(const YAML::Node& node, const std::string& path, Range range, const std::string& name = "",
                    bool need_source = false);

  /// Counts visited nodes; false (after recording a problem) once the budget is exhausted, which
  /// guards against alias bombs and absurdly large inputs.
  bool spend(const YAML::Node& at, std::size_t n = 1);

  [[nodiscard]] const std::string& file() const { return file_; }
  std::vector<Diagnostic>& problems() { return problems_; }
  Scenario& out() { return out_; }

 private:
  // The parts of number(): each records its problems; false when the number must be dropped
  // without further checks (kNoQuantity).
  bool number_scalar(const YAML::Node& node, const std::string& path, const Range& range, Quantity& q);
  bool number_mapping(const YAML::Node& node, const std::string& path, const Range& range, Quantity& q,
                      bool& has_source);
  bool number_distribution(const YAML::Node& node, const std::string& path, const std::string& unit_note, Quantity& q);
  /// The distribution `kind` from its parameters in `node`; throws UsageError for impossible ones.
  bool distribution(const std::string& kind, const YAML::Node& node, const std::string& path,
                    std::optional<Distribution>& dist);
  bool discrete_distribution(const YAML::Node& node, const std::string& path, std::optional<Distribution>& dist);

  std::string file_;
  Scenario& out_;
  std::vector<Diagnostic> problems_;
  std::size_t budget_ = 2'000'000;
  bool budget_reported_ = false;
};

/// True if `s` is an identifier: a letter, then letters, digits or '_'.
bool is_identifier(const std::string& s);

/// Offset of the first byte of `text` that does not belong to well-formed UTF-8 (overlong forms,
/// surrogates and truncated sequences included), checked by iconv; nullopt when all is UTF-8.
std::optional<std::size_t> first_invalid_utf8(const std::string& text);

/// Parses a YAML scalar as a number; nullopt if it is not one. Accepts YAML's .nan/.inf forms
/// (returned as NaN/infinity so that callers can reject them with a clear message).
std::optional<double> parse_number(const std::string& raw);

}  // namespace statecraft::scenario::detail
