#pragma once
// Expressions over scenario parameters, evaluated with muparser (a maintained library; no
// home-made parser). Identifier rules follow muparser's defaults.

#include <optional>
#include <string>
#include <vector>

namespace statecraft::scenario::detail {

/// The outcome of checking an expression: the variable names it uses, or a syntax error.
struct ExpressionCheck {
  std::vector<std::string> names;    ///< variables used, in first-use order, without duplicates
  std::optional<std::string> error;  ///< muparser's message when the expression is invalid
  int error_pos = 0;                 ///< 0-based offset of the error in the expression
  bool pure = true;                  ///< false when the error is an assignment or several results
};

/// Parses `expr` without evaluating it and lists the variables it names. Only pure expressions
/// are accepted: muparser's assignment operators (=, +=, -=, *=, /=) would change another
/// parameter, and a comma list would silently keep only its last value.
ExpressionCheck check_expression(const std::string& expr);

/// True if `name` is a built-in function or constant of the expression language.
bool is_builtin_name(const std::string& name);

}  // namespace statecraft::scenario::detail
