#include "scenario/detail/groups.hpp"

namespace statecraft::scenario::detail {
namespace {

struct Grouper {
  Scenario& s;

  void set(QuantityId id, const std::vector<std::string>& mechanisms) {
    if (id == kNoQuantity || mechanisms.empty()) return;
    Quantity& q = s.quantities[static_cast<std::size_t>(id)];
    if (q.kind == Quantity::Kind::kRandom && q.group.empty()) q.group = mechanisms.front();
  }

  void rule(const Rule& r, const std::vector<std::string>& mechanisms) {
    set(r.threshold, mechanisms);
    for (const auto& c : r.children) rule(c, mechanisms);
  }
};

}  // namespace

void assign_default_groups(Scenario& s) {
  Grouper g{s};
  for (const auto& is : s.issues) {
    g.set(is.status_quo, is.mechanisms);
    for (const auto& st : is.stances) {
      g.set(st.position, is.mechanisms);
      g.set(st.salience, is.mechanisms);
    }
  }
  for (const auto& game : s.games) {
    for (const auto& node : game.nodes) {
      for (QuantityId id : node.payoffs) g.set(id, game.mechanisms);
      for (QuantityId id : node.probabilities) g.set(id, game.mechanisms);
    }
    for (QuantityId id : game.payoffs) g.set(id, game.mechanisms);
  }
  for (const auto& q : s.questions) g.rule(q.rule, q.mechanisms);
  for (auto& q : s.quantities) {
    if (q.kind != Quantity::Kind::kRandom || !q.group.empty()) continue;
    q.group = q.name.empty() ? q.path.substr(0, q.path.find_first_of(".[")) : q.name;
  }
}

}  // namespace statecraft::scenario::detail
