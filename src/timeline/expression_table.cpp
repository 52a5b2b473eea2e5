#include "timeline/expression_table.hpp"

#include <cmath>

#include "statecraft/error.hpp"

namespace statecraft::timeline::detail {

double* ExpressionTable::lookup(const char* name, void* self) {
  auto* t = static_cast<ExpressionTable*>(self);
  const auto it = t->slots_.find(name);
  // The loader checked every name; an unknown one here is a bug.
  if (it == t->slots_.end()) throw InternalError(std::string("timeline: unbound name '") + name + "'");
  return it->second;
}

void ExpressionTable::add(const std::string& text) {
  if (text.empty() || parsers_.count(&text)) return;
  auto p = std::make_unique<mu::Parser>();
  p->SetVarFactory(&ExpressionTable::lookup, this);
  try {
    p->SetExpr(text);
    p->Eval();  // parse now, so that the month loop only evaluates bytecode
  } catch (const mu::Parser::exception_type& e) {
    throw InternalError("timeline: expression '" + text + "' did not compile: " + e.GetMsg());
  }
  parsers_.emplace(&text, std::move(p));
}

double ExpressionTable::eval(const std::string& text) const {
  const auto it = parsers_.find(&text);
  if (it == parsers_.end()) throw InternalError("timeline: expression '" + text + "' was not compiled");
  double v = 0;
  try {
    v = it->second->Eval();
  } catch (const mu::Parser::exception_type& e) {
    throw ScenarioError(
        {Diagnostic{Location{}, "timeline", "'" + text + "' (" + e.GetMsg() + ")", "an expression that evaluates"}});
  }
  if (!std::isfinite(v))
    throw ScenarioError(
        {Diagnostic{Location{}, "timeline", "'" + text + "' evaluated to a non-finite number on the draw's state",
                    "a finite value"}});
  return v;
}

}  // namespace statecraft::timeline::detail
