#pragma once
// Compiled timeline expressions (muparser) bound to one workspace's variables. Expressions are
// keyed by the address of their text in the (immutable) scenario, so the month loop evaluates
// without parsing or name lookups. Not thread-safe: one table per workspace.

#include <muParser.h>

#include <map>
#include <memory>
#include <string>
#include <unordered_map>

namespace statecraft::timeline::detail {

class ExpressionTable {
 public:
  /// Makes `name` refer to `*slot` in every expression compiled afterwards.
  void bind(const std::string& name, double* slot) { slots_[name] = slot; }
  /// Compiles `text` (kept by address; empty text is ignored).
  void add(const std::string& text);
  /// Value of the compiled expression `text`. @throws ScenarioError when it is not finite.
  [[nodiscard]] double eval(const std::string& text) const;

 private:
  static double* lookup(const char* name, void* self);
  std::map<std::string, double*> slots_;
  std::unordered_map<const std::string*, std::unique_ptr<mu::Parser>> parsers_;
};

}  // namespace statecraft::timeline::detail
