#include "scenario/detail/yaml_reader.hpp"

#include <fmt/format.h>
#include <iconv.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <limits>
#include <set>

namespace statecraft::scenario::detail {
namespace {

std::string truncate(const std::string& s, std::size_t n = 40) {
  std::string out;
  for (char c : s.substr(0, n)) out += (static_cast<unsigned char>(c) < 32 || c == 127) ? '?' : c;
  if (s.size() > n) out += "...";
  return out;
}

std::uint32_t fnv1a(const std::string& s) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : s) {
    h ^= c;
    h *= 16777619u;
  }
  return h == 0 ? 1 : h;
}

std::string fmt_num(double x) { return fmt::format("{:g}", x); }

}  // namespace

std::optional<std::size_t> first_invalid_utf8(const std::string& text) {
  iconv_t cd = iconv_open("UTF-32LE", "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) throw InternalError("iconv cannot decode UTF-8");
  char* in = const_cast<char*>(text.data());  // iconv's signature; it does not write the input
  std::size_t left = text.size();
  std::array<char, 4096> buf{};
  std::optional<std::size_t> bad;
  while (left > 0) {
    char* out = buf.data();
    std::size_t room = buf.size();
    if (iconv(cd, &in, &left, &out, &room) == static_cast<std::size_t>(-1) && errno != E2BIG) {
      bad = static_cast<std::size_t>(in - text.data());
      break;
    }
  }
  iconv_close(cd);
  return bad;
}

bool is_identifier(const std::string& s) {
  if (s.empty() || s.size() > 64 || !std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

std::optional<double> parse_number(const std::string& raw) {
  std::string s = raw;
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return std::numeric_limits<double>::quiet_NaN();
  if (s == ".inf" || s == ".Inf" || s == ".INF" || s == "+.inf" || s == "+.Inf" || s == "+.INF")
    return std::numeric_limits<double>::infinity();
  if (s == "-.inf" || s == "-.Inf" || s == "-.INF") return -std::numeric_limits<double>::infinity();
  if (!s.empty() && s[0] == '+') s.erase(0, 1);
  if (s.empty()) return std::nullopt;
  // Digits, sign, point and exponent only: "nan", "inf" and hex are not YAML numbers.
  for (char c : s) {
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == 'e' || c == 'E' || c == '+' ||
          c == '_'))
      return std::nullopt;
  }
  s.erase(std::remove(s.begin(), s.end(), '_'), s.end());
  double v = 0;
  const auto* end = s.data() + s.size();
  const auto res = std::from_chars(s.data(), end, v);
  if (res.ec == std::errc::result_out_of_range) {
    return s[0] == '-' ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  }
  if (res.ec != std::errc() || res.ptr != end) return std::nullopt;
  return v;
}

Location Reader::where(const YAML::Node& node) const {
  Location loc{file_, 0, 0};
  if (node.IsDefined()) {
    const auto m = node.Mark();
    if (m.line >= 0) {
      loc.line = m.line + 1;
      loc.column = m.column + 1;
    }
  }
  return loc;
}

void Reader::problem(const Location& at, const std::string& path, const std::string& found,
                     const std::string& expected) {
  problems_.push_back(Diagnostic{at, path, found, expected});
}

void Reader::problem(const YAML::Node& at, const std::string& path, const std::string& found,
                     const std::string& expected) {
  problem(where(at), path, found, expected);
}

void Reader::warning(const YAML::Node& at, const std::string& path, const std::string& found,
                     const std::string& expected) {
  out_.warnings.push_back(Diagnostic{where(at), path, found, expected});
}

std::string Reader::describe(const YAML::Node& node) {
  if (!node.IsDefined()) return "nothing";
  switch (node.Type()) {
    case YAML::NodeType::Null:
      return "nothing (null)";
    case YAML::NodeType::Scalar:
      return "'" + truncate(node.Scalar()) + "'";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a mapping";
    default:
      return "nothing";
  }
}

bool Reader::spend(const YAML::Node& at, std::size_t n) {
  if (budget_ >= n) {
    budget_ -= n;
    return true;
  }
  budget_ = 0;
  if (!budget_reported_) {
    budget_reported_ = true;
    problem(at, "", "more than 2000000 YAML nodes (aliases included)", "a scenario of reasonable size");
  }
  return false;
}

bool Reader::expect_map(const YAML::Node& node, const std::string& path) {
  if (node.IsMap()) return true;
  problem(node, path, describe(node), "a mapping");
  return false;
}

bool Reader::expect_seq(const YAML::Node& node, const std::string& path) {
  if (node.IsSequence()) return true;
  problem(node, path, describe(node), "a list");
  return false;
}

void Reader::check_keys(const YAML::Node& node, const std::string& path, std::initializer_list<const char*> allowed,
                        std::initializer_list<const char*> required) {
  if (!node.IsMap()) return;
  std::set<std::string> seen;
  for (const auto& kv : node) {
    if (!spend(kv.first)) return;
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
    if (!kv.first.IsScalar()) {
      problem(kv.first, path, "a non-text key", "a field name");
      continue;
    }
    if (!seen.insert(key).second) {
      problem(kv.first, path.empty() ? key : path + "." + key, "a duplicate key '" + truncate(key) + "'",
              "each key once");
      continue;
    }
    if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; })) {
      std::string names;
      for (const char* a : allowed) names += (names.empty() ? "" : ", ") + std::string(a);
      problem(kv.first, path.empty() ? key : path + "." + key, "unknown key '" + truncate(key) + "'",
              "one of " + names);
    }
  }
  for (const char* r : required) {
    if (!node[r].IsDefined() || node[r].IsNull()) {
      problem(node, path.empty() ? r : path + "." + r, "nothing", std::string("a value for '") + r + "'");
    }
  }
}

std::string Reader::string_field(const YAML::Node& map, const char* key, const std::string& path, bool required) {
  const YAML::Node v = map[key];
  const std::string p = path + "." + key;
  if (!v.IsDefined() || v.IsNull()) {
    if (required) problem(map, p, "nothing", "a text value");
    return {};
  }
  if (!v.IsScalar()) {
    problem(v, p, describe(v), "a text value");
    return {};
  }
  return v.Scalar();
}

std::string Reader::id_field(const YAML::Node& map, const char* key, const std::string& path, bool required) {
  std::string s = string_field(map, key, path, required);
  if (!s.empty() && !is_identifier(s)) {
    problem(map[key], path + "." + key, "'" + truncate(s) + "'",
            "an identifier (a letter, then letters, digits or '_', at most 64 characters)");
    return {};
  }
  return s;
}

std::string Reader::date_field(const YAML::Node& map, const char* key, const std::string& path, bool required) {
  std::string s = string_field(map, key, path, required);
  if (s.empty()) return s;
  int y = 0, m = 0, d = 0;
  bool ok = s.size() == 10 && s[4] == '-' && s[7] == '-';
  if (ok) {
    for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
      ok = ok && std::isdigit(static_cast<unsigned char>(s[static_cast<std::size_t>(i)]));
  }
  if (ok) {
    y = std::stoi(s.substr(0, 4));
    m = std::stoi(s.substr(5, 2));
    d = std::stoi(s.substr(8, 2));
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    ok = y >= 1800 && m >= 1 && m <= 12 && d >= 1 && d <= kDays[m - 1] &&
         !(m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
  }
  if (!ok) {
    problem(map[key], path + "." + key, "'" + truncate(s) + "'", "a date YYYY-MM-DD");
    return {};
  }
  return s;
}

long long Reader::int_field(const YAML::Node& map, const char* key, const std::string& path, bool required,
                            long long lo, long long hi, long long fallback) {
  const YAML::Node v = map[key];
  const std::string p = path + "." + key;
  const std::string expected = fmt::format("an integer in [{}, {}]", lo, hi);
  if (!v.IsDefined() || v.IsNull()) {
    if (required) problem(map, p, "nothing", expected);
    return fallback;
  }
  if (!v.IsScalar()) {
    problem(v, p, describe(v), expected);
    return fallback;
  }
  const std::string& s = v.Scalar();
  long long x = 0;
  const auto res = std::from_chars(s.data(), s.data() + s.size(), x);
  if (res.ec != std::errc() || res.ptr != s.data() + s.size() || x < lo || x > hi) {
    problem(v, p, "'" + truncate(s) + "'", expected);
    return fallback;
  }
  return x;
}

std::vector<std::string> Reader::id_list(const YAML::Node& node, const std::string& path) {
  std::vector<std::string> out;
  if (!node.IsDefined() || node.IsNull()) return out;
  auto one = [&](const YAML::Node& n, const std::string& p) {
    if (!n.IsScalar() || !is_identifier(n.Scalar())) {
      problem(n, p, describe(n), "an identifier");
      return;
    }
    out.push_back(n.Scalar());
  };
  if (node.IsSequence()) {
    std::size_t i = 0;
    for (const auto& n : node) {
      if (!spend(n)) break;
      one(n, fmt::format("{}[{}]", path, i++));
    }
  } else {
    one(node, path);
  }
  return out;
}

std::optional<double> Reader::literal(const YAML::Node& node, const std::string& path) {
  if (!node.IsDefined() || node.IsNull()) {
    problem(node, path, "nothing", "a number");
    return std::nullopt;
  }
  if (!node.IsScalar()) {
    problem(node, path, describe(node), "a number");
    return std::nullopt;
  }
  const auto v = parse_number(node.Scalar());
  if (!v) {
    problem(node, path, describe(node), "a number");
    return std::nullopt;
  }
  if (!std::isfinite(*v)) {
    problem(node, path, node.Scalar(), "a finite number");
    return std::nullopt;
  }
  return v;
}

QuantityId Reader::number(const YAML::Node& node, const std::string& path, Range range, const std::string& name,
                          bool need_source) {
  Quantity q;
  q.path = path;
  q.name = name;
  q.where = where(node);
  q.lower = range.lower;
  q.upper = range.upper;
  q.stream = fnv1a(path);
  const std::size_t errors_before = problems_.size();

  if (!node.IsDefined() || node.IsNull()) {
    problem(node, path, "nothing", "a number, an expression or a distribution");
    return kNoQuantity;
  }
  if (node.IsSequence()) {
    problem(node, path, "a list", "a number, an expression or a distribution");
    return kNoQuantity;
  }
  bool has_source = false;
  if (node.IsScalar()) {
    if (!number_scalar(node, path, range, q)) return kNoQuantity;
  } else if (node.IsMap()) {
    if (!number_mapping(node, path, range, q, has_source)) return kNoQuantity;
  } else {
    problem(node, path, describe(node), "a number, an expression or a distribution");
    return kNoQuantity;
  }
  if (need_source && !has_source && q.kind != Quantity::Kind::kExpression) {
    problem(node, path + ".source", "no source", "a source id for this number");
  }
  if (problems_.size() != errors_before) return kNoQuantity;
  out_.quantities.push_back(std::move(q));
  return static_cast<QuantityId>(out_.quantities.size() - 1);
}

bool Reader::number_scalar(const YAML::Node& node, const std::string& path, const Range& range, Quantity& q) {
  const auto v = parse_number(node.Scalar());
  if (v && node.Tag() != "!") {
    if (!std::isfinite(*v)) {
      problem(node, path, node.Scalar(), "a finite number");
      return false;
    }
    q.kind = Quantity::Kind::kFixed;
    q.value = *v;
    if (q.value < q.lower || q.value > q.upper) problem(node, path, fmt_num(q.value), range.what);
  } else {
    q.kind = Quantity::Kind::kExpression;
    q.expr = node.Scalar();
    if (q.expr.empty()) problem(node, path, "an empty text", "a number or an expression");
  }
  return true;
}

bool Reader::number_mapping(const YAML::Node& node, const std::string& path, const Range& range, Quantity& q,
                            bool& has_source) {
  const bool is_dist = node["dist"].IsDefined();
  const bool is_value = node["value"].IsDefined();
  const bool is_expr = node["expr"].IsDefined();
  if (int(is_dist) + int(is_value) + int(is_expr) != 1) {
    problem(node, path,
            "a mapping with " + std::string(is_dist || is_value || is_expr ? "more than one of" : "none of") +
                " dist/value/expr",
            "exactly one of 'dist', 'value' or 'expr'");
    return false;
  }
  if (node["source"].IsDefined()) {
    q.sources = id_list(node["source"], path + ".source");
    has_source = !q.sources.empty();
  }
  q.unit = string_field(node, "unit", path, false);
  q.note = string_field(node, "note", path, false);
  q.group = string_field(node, "group", path, false);
  if (q.unit == "probability" || q.unit == "share") {
    q.lower = std::max(q.lower, 0.0);
    q.upper = std::min(q.upper, 1.0);
  } else if (q.unit == "score") {
    q.lower = std::max(q.lower, 0.0);
    q.upper = std::min(q.upper, 100.0);
  }
  std::string unit_note = range.what;
  if (!q.unit.empty() && (q.lower != range.lower || q.upper != range.upper)) {
    unit_note = fmt::format("a number in [{:g}, {:g}] (unit {})", q.lower, q.upper, q.unit);
  }
  if (is_value) {
    check_keys(node, path, {"value", "source", "unit", "note", "group"}, {});
    if (auto v = literal(node["value"], path + ".value")) {
      q.kind = Quantity::Kind::kFixed;
      q.value = *v;
      if (q.value < q.lower || q.value > q.upper) problem(node["value"], path + ".value", fmt_num(q.value), unit_note);
    }
    return true;
  }
  if (is_expr) {
    check_keys(node, path, {"expr", "source", "unit", "note", "group"}, {});
    q.kind = Quantity::Kind::kExpression;
    q.expr = string_field(node, "expr", path, true);
    q.where = where(node["expr"]);
    if (q.expr.empty()) problem(node["expr"], path + ".expr", "nothing", "an expression");
    return true;
  }
  return number_distribution(node, path, unit_note, q);
}

bool Reader::number_distribution(const YAML::Node& node, const std::string& path, const std::string& unit_note,
                                 Quantity& q) {
  const YAML::Node d = node["dist"];
  const std::string kind = d.IsScalar() ? d.Scalar() : std::string();
  q.kind = Quantity::Kind::kRandom;
  const std::size_t before = problems_.size();
  try {
    if (!distribution(kind, node, path, q.dist)) return false;
  } catch (const UsageError& e) {
    // Distribution messages read "<family> needs <expected>, found <found>".
    const std::string msg = e.what();
    const auto cut = msg.find(", found ");
    const auto needs = msg.find(" needs ");
    if (cut != std::string::npos && needs != std::string::npos && needs < cut) {
      problem(node, path, msg.substr(cut + 8), kind + " parameters with " + msg.substr(needs + 7, cut - needs - 7));
    } else {
      problem(node, path, msg, "possible " + kind + " parameters");
    }
  }
  if (problems_.size() == before && q.dist) {
    const double lo = q.dist->support_min();
    const double hi = q.dist->support_max();
    if (lo < q.lower || hi > q.upper) {
      problem(node, path, fmt::format("{} with support [{:g}, {:g}]", q.dist->describe(), lo, hi), unit_note);
    }
  }
  return true;
}

bool Reader::distribution(const std::string& kind, const YAML::Node& node, const std::string& path,
                          std::optional<Distribution>& dist) {
  auto lit = [&](const char* key) { return literal(node[key], path + "." + key); };
  auto opt = [&](const char* key, double fallback) -> std::optional<double> {
    if (!node[key].IsDefined()) return fallback;
    return literal(node[key], path + "." + key);
  };
  if (kind == "uniform") {
    check_keys(node, path, {"dist", "min", "max", "source", "unit", "note", "group"}, {"min", "max"});
    auto a = lit("min"), b = lit("max");
    if (a && b) dist = Distribution::uniform(*a, *b);
  } else if (kind == "triangular") {
    check_keys(node, path, {"dist", "min", "mode", "max", "source", "unit", "note", "group"}, {"min", "mode", "max"});
    auto a = lit("min"), m = lit("mode"), b = lit("max");
    if (a && m && b) dist = Distribution::triangular(*a, *m, *b);
  } else if (kind == "normal") {
    check_keys(node, path, {"dist", "mean", "sd", "lower", "upper", "source", "unit", "note", "group"}, {"mean", "sd"});
    auto m = lit("mean"), s = lit("sd");
    auto lo = opt("lower", -std::numeric_limits<double>::infinity());
    auto hi = opt("upper", std::numeric_limits<double>::infinity());
    if (m && s && lo && hi) dist = Distribution::normal(*m, *s, *lo, *hi);
  } else if (kind == "beta") {
    check_keys(node, path, {"dist", "alpha", "beta", "source", "unit", "note", "group"}, {"alpha", "beta"});
    auto a = lit("alpha"), b = lit("beta");
    if (a && b) dist = Distribution::beta(*a, *b);
  } else if (kind == "lognormal") {
    check_keys(node, path, {"dist", "mu", "sigma", "source", "unit", "note", "group"}, {"mu", "sigma"});
    auto m = lit("mu"), s = lit("sigma");
    if (m && s) dist = Distribution::lognormal(*m, *s);
  } else if (kind == "discrete") {
    return discrete_distribution(node, path, dist);
  } else {
    problem(node["dist"], path + ".dist", describe(node["dist"]),
            "one of uniform, triangular, normal, beta, lognormal, discrete");
  }
  return true;
}

bool Reader::discrete_distribution(const YAML::Node& node, const std::string& path, std::optional<Distribution>& dist) {
  check_keys(node, path, {"dist", "values", "weights", "source", "unit", "note", "group"}, {"values", "weights"});
  std::vector<double> vals, wts;
  bool ok = true;
  for (const char* key : {"values", "weights"}) {
    const YAML::Node list = node[key];
    if (!list.IsDefined()) continue;
    if (!expect_seq(list, path + "." + key)) {
      ok = false;
      continue;
    }
    std::size_t i = 0;
    for (const auto& item : list) {
      if (!spend(item)) return false;
      auto v = literal(item, fmt::format("{}.{}[{}]", path, key, i++));
      if (!v)
        ok = false;
      else
        (std::string(key) == "values" ? vals : wts).push_back(*v);
    }
  }
  if (ok && node["values"].IsDefined() && node["weights"].IsDefined())
    dist = Distribution::discrete(std::move(vals), std::move(wts));
  return true;
}

}  // namespace statecraft::scenario::detail
