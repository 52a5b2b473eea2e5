#include "scenario/detail/expression.hpp"

#include <muParser.h>

#include <algorithm>
#include <array>
#include <deque>
#include <optional>
#include <string>

namespace statecraft::scenario::detail {
namespace {

struct Collected {
  std::vector<std::string> names;
  std::deque<double> storage;  // stable addresses for muparser's variable pointers
};

double* collect_var(const char* name, void* user) {
  auto* c = static_cast<Collected*>(user);
  if (std::find(c->names.begin(), c->names.end(), name) == c->names.end()) c->names.emplace_back(name);
  c->storage.push_back(1.0);
  return &c->storage.back();
}

/// Offset of the first assignment operator: an '=' that is not part of ==, <=, >= or !=.
std::optional<std::size_t> find_assignment(const std::string& expr) {
  for (std::size_t i = 0; i < expr.size(); ++i) {
    if (expr[i] != '=') continue;
    if (i + 1 < expr.size() && expr[i + 1] == '=') {
      ++i;  // ==
      continue;
    }
    const char before = i > 0 ? expr[i - 1] : '\0';
    if (before == '<' || before == '>' || before == '!') continue;
    return (before == '+' || before == '-' || before == '*' || before == '/') ? i - 1 : i;
  }
  return std::nullopt;
}

}  // namespace

ExpressionCheck check_expression(const std::string& expr) {
  ExpressionCheck out;
  if (const auto at = find_assignment(expr)) {
    out.error = "an assignment at position " + std::to_string(*at + 1) + "; expressions may not change parameters";
    out.error_pos = static_cast<int>(*at);
    out.pure = false;
    return out;
  }
  Collected collected;
  try {
    mu::Parser p;
    p.SetVarFactory(collect_var, &collected);
    p.SetExpr(expr);
    p.Eval();  // forces a full parse; variables are created by the factory with value 1
    if (p.GetNumResults() != 1) {
      out.error = "a list of " + std::to_string(p.GetNumResults()) + " comma-separated results";
      out.pure = false;
      return out;
    }
    out.names = collected.names;
  } catch (const mu::Parser::exception_type& e) {
    out.error = e.GetMsg();
    out.error_pos = std::max(0, e.GetPos());
  }
  return out;
}

bool is_builtin_name(const std::string& name) {
  static const std::array<const char*, 24> kNames = {"sin",  "cos",   "tan",   "asin",  "acos", "atan",  "sinh", "cosh",
                                                     "tanh", "asinh", "acosh", "atanh", "log2", "log10", "log",  "ln",
                                                     "exp",  "sqrt",  "sign",  "rint",  "abs",  "min",   "max",  "sum"};
  if (name == "avg" || name == "_pi" || name == "_e") return true;
  return std::find(kNames.begin(), kNames.end(), name) != kNames.end();
}

}  // namespace statecraft::scenario::detail
