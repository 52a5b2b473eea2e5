// Subgame-perfect equilibrium of perfect-information games by backward induction (Kuhn 1953;
// Selten 1965): the value of a node is its outcome plus, at a chance node, the probability-
// weighted values of its children, and at a decision node the child value best for the mover.
// Exact rational arithmetic throughout.

#include <functional>

#include "statecraft/error.hpp"
#include "statecraft/games/solvers.hpp"

namespace statecraft::games {

EfgSolution backward_induction(const ExtensiveGame& g) {
  if (!g.is_perfect_information())
    throw UsageError("backward induction needs a game of perfect information; use --method seq or qre");
  const auto& nodes = g.nodes();
  const std::size_t np = g.num_players();
  EfgSolution sol;
  sol.method = "spe";
  BehaviorProfile prof(g.infosets().size());
  for (std::size_t h = 0; h < g.infosets().size(); ++h) {
    const auto& is = g.infosets()[h];
    prof[h] = is.player == 0 ? is.probs : std::vector<Rational>(is.actions.size(), Rational(0));
  }
  std::size_t ties = 0;
  // Post-order traversal without recursion (trees may be deep).
  std::vector<std::vector<Rational>> value(nodes.size());
  const auto pre = g.preorder();
  for (auto it = pre.rbegin(); it != pre.rend(); ++it) {
    const std::size_t n = *it;
    const Node& nd = nodes[n];
    std::vector<Rational> v(np, Rational(0));
    if (nd.kind == NodeKind::kChance) {
      const auto& h = g.infosets()[nd.infoset];
      for (std::size_t a = 0; a < nd.children.size(); ++a)
        for (std::size_t p = 0; p < np; ++p) v[p] += h.probs[a] * value[nd.children[a]][p];
    } else if (nd.kind == NodeKind::kPersonal) {
      const std::size_t mover = g.infosets()[nd.infoset].player - 1;
      std::size_t best = 0;
      for (std::size_t a = 1; a < nd.children.size(); ++a)
        if (value[nd.children[a]][mover] > value[nd.children[best]][mover]) best = a;
      for (std::size_t a = 0; a < nd.children.size(); ++a)
        if (a != best && value[nd.children[a]][mover] == value[nd.children[best]][mover]) {
          ++ties;
          break;
        }
      v = value[nd.children[best]];
      prof[nd.infoset][best] = 1;
    }
    if (nd.outcome)
      for (std::size_t p = 0; p < np; ++p) v[p] += g.outcomes()[nd.outcome - 1].payoffs[p];
    value[n] = std::move(v);
    for (std::size_t c : nd.children) {
      value[c].clear();
      value[c].shrink_to_fit();
    }
  }
  EfgEquilibrium e;
  e.exact = true;
  e.payoffs = value[0];
  for (const auto& q : e.payoffs) e.payoffs_d.push_back(q.get_d());
  for (const auto& v : prof) {
    std::vector<double> d;
    d.reserve(v.size());
    for (const auto& q : v) d.push_back(q.get_d());
    e.profile_d.push_back(std::move(d));
  }
  e.profile = std::move(prof);
  sol.equilibria.push_back(std::move(e));
  sol.complete = ties == 0;
  sol.message = ties == 0 ? "unique subgame-perfect equilibrium (no ties)"
                          : std::to_string(ties) +
                                " decision nodes with ties (first best action taken); other "
                                "subgame-perfect equilibria exist";
  return sol;
}

}  // namespace statecraft::games
