// Extensive-form games: tree construction, queries, reduced normal form (Kuhn 1953) and
// expected payoffs of behaviour profiles.

#include "statecraft/games/extensive_form.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "statecraft/error.hpp"

namespace statecraft::games {

ExtensiveGame::ExtensiveGame(std::vector<std::string> players, std::string title)
    : title_(std::move(title)), players_(std::move(players)) {
  nodes_.emplace_back();
}

std::size_t ExtensiveGame::add_outcome(std::string label, std::vector<Rational> payoffs) {
  if (payoffs.size() != players_.size())
    throw UsageError("outcome '" + label + "' has " + std::to_string(payoffs.size()) + " payoffs, expected " +
                     std::to_string(players_.size()));
  outcomes_.push_back({std::move(label), std::move(payoffs)});
  return outcomes_.size();
}

std::size_t ExtensiveGame::add_outcome(std::string label, const std::vector<double>& payoffs) {
  std::vector<Rational> r;
  r.reserve(payoffs.size());
  for (double v : payoffs) r.push_back(to_rational(v));
  return add_outcome(std::move(label), std::move(r));
}

std::size_t ExtensiveGame::next_number(std::size_t player) {
  if (max_number_.size() <= players_.size()) max_number_.resize(players_.size() + 1, 0);
  return ++max_number_[player];
}

void ExtensiveGame::set_infoset_number(std::size_t infoset, std::size_t number) {
  Infoset& h = infosets_.at(infoset);
  h.number = number;
  if (max_number_.size() <= players_.size()) max_number_.resize(players_.size() + 1, 0);
  max_number_[h.player] = std::max(max_number_[h.player], number);
}

std::size_t ExtensiveGame::add_infoset(std::size_t player, std::string label, std::vector<std::string> actions) {
  if (player == 0 || player > players_.size())
    throw UsageError("infoset player " + std::to_string(player) + " out of range 1.." +
                     std::to_string(players_.size()));
  if (actions.empty()) throw UsageError("infoset '" + label + "' has no action");
  Infoset h;
  h.player = player;
  h.number = next_number(player);
  h.label = std::move(label);
  h.actions = std::move(actions);
  infosets_.push_back(std::move(h));
  return infosets_.size() - 1;
}

std::size_t ExtensiveGame::add_chance_infoset(std::string label, std::vector<std::string> actions,
                                              std::vector<Rational> probs, bool check_sum) {
  if (actions.empty() || actions.size() != probs.size())
    throw UsageError("chance infoset '" + label + "': one probability per action needed");
  Rational s = 0;
  for (const auto& p : probs) {
    if (p < 0) throw UsageError("chance infoset '" + label + "': negative probability " + p.get_str());
    s += p;
  }
  if (check_sum && s != 1)
    throw UsageError("chance infoset '" + label + "': probabilities sum to " + s.get_str() + ", expected 1");
  Infoset h;
  h.player = 0;
  h.number = next_number(0);
  h.label = std::move(label);
  h.actions = std::move(actions);
  h.probs = std::move(probs);
  infosets_.push_back(std::move(h));
  return infosets_.size() - 1;
}

std::size_t ExtensiveGame::add_chance_infoset(std::string label, std::vector<std::string> actions,
                                              const std::vector<double>& probs) {
  std::vector<Rational> r;
  double s = 0;
  for (double v : probs) {
    r.push_back(to_rational(v));
    s += v;
  }
  if (std::fabs(s - 1.0) > 1e-12) throw UsageError("chance infoset '" + label + "': probabilities do not sum to 1");
  if (!r.empty()) {
    Rational rest = 1;
    for (std::size_t i = 0; i + 1 < r.size(); ++i) rest -= r[i];
    r.back() = rest;
  }
  return add_chance_infoset(std::move(label), std::move(actions), std::move(r));
}

std::vector<std::size_t> ExtensiveGame::set_infoset(std::size_t node, std::size_t infoset) {
  if (node >= nodes_.size()) throw UsageError("set_infoset: node out of range");
  if (infoset >= infosets_.size()) throw UsageError("set_infoset: infoset out of range");
  if (nodes_[node].kind != NodeKind::kTerminal) throw UsageError("set_infoset: node already has an infoset");
  auto& h = infosets_[infoset];
  nodes_[node].kind = h.player == 0 ? NodeKind::kChance : NodeKind::kPersonal;
  nodes_[node].infoset = infoset;
  h.members.push_back(node);
  std::vector<std::size_t> kids;
  for (std::size_t a = 0; a < h.actions.size(); ++a) {
    Node c;
    c.parent = node;
    c.parent_action = a;
    nodes_.push_back(std::move(c));
    kids.push_back(nodes_.size() - 1);
  }
  nodes_[node].children = kids;
  return kids;
}

void ExtensiveGame::set_outcome(std::size_t node, std::size_t outcome) {
  if (node >= nodes_.size() || outcome > outcomes_.size()) throw UsageError("set_outcome: index out of range");
  nodes_[node].outcome = outcome;
}

void ExtensiveGame::set_node_label(std::size_t node, std::string label) { nodes_.at(node).label = std::move(label); }

std::vector<std::size_t> ExtensiveGame::player_infosets(std::size_t player) const {
  std::vector<std::size_t> r;
  for (std::size_t i = 0; i < infosets_.size(); ++i)
    if (infosets_[i].player == player) r.push_back(i);
  std::stable_sort(r.begin(), r.end(),
                   [&](std::size_t a, std::size_t b) { return infosets_[a].number < infosets_[b].number; });
  return r;
}

std::vector<std::size_t> ExtensiveGame::preorder() const {
  std::vector<std::size_t> out, stack{0};
  out.reserve(nodes_.size());
  while (!stack.empty()) {
    const std::size_t n = stack.back();
    stack.pop_back();
    out.push_back(n);
    const auto& ch = nodes_[n].children;
    for (auto it = ch.rbegin(); it != ch.rend(); ++it) stack.push_back(*it);
  }
  return out;
}

bool ExtensiveGame::is_perfect_information() const {
  for (const auto& h : infosets_)
    if (h.player != 0 && h.members.size() > 1) return false;
  return true;
}

bool ExtensiveGame::has_perfect_recall() const {
  // Perfect recall: all nodes of an infoset share the player's own sequence of (infoset, action)
  // choices on the path from the root (Kuhn 1953).
  auto own_seq = [&](std::size_t node, std::size_t player) {
    std::vector<std::pair<std::size_t, std::size_t>> seq;
    std::size_t n = node;
    while (nodes_[n].parent != static_cast<std::size_t>(-1)) {
      const auto& par = nodes_[nodes_[n].parent];
      if (par.kind == NodeKind::kPersonal && infosets_[par.infoset].player == player)
        seq.emplace_back(par.infoset, nodes_[n].parent_action);
      n = nodes_[n].parent;
    }
    return seq;
  };
  for (const auto& h : infosets_) {
    if (h.player == 0 || h.members.size() < 2) continue;
    const auto first = own_seq(h.members[0], h.player);
    for (std::size_t k = 1; k < h.members.size(); ++k)
      if (own_seq(h.members[k], h.player) != first) return false;
  }
  return true;
}

std::vector<Rational> ExtensiveGame::path_payoffs(std::size_t node) const {
  std::vector<Rational> u(players_.size(), Rational(0));
  for (std::size_t n = node; n != static_cast<std::size_t>(-1); n = nodes_[n].parent)
    if (nodes_[n].outcome != 0)
      for (std::size_t p = 0; p < u.size(); ++p) u[p] += outcomes_[nodes_[n].outcome - 1].payoffs[p];
  return u;
}

bool operator==(const ExtensiveGame& a, const ExtensiveGame& b) {
  if (a.title_ != b.title_ || a.players_ != b.players_) return false;
  // Compare trees structurally in preorder (node ids may differ).
  const auto pa = a.preorder(), pb = b.preorder();
  if (pa.size() != pb.size()) return false;
  std::map<std::size_t, std::size_t> hmap;
  for (std::size_t k = 0; k < pa.size(); ++k) {
    const Node& x = a.nodes_[pa[k]];
    const Node& y = b.nodes_[pb[k]];
    if (x.kind != y.kind || x.label != y.label || x.children.size() != y.children.size()) return false;
    if ((x.outcome == 0) != (y.outcome == 0)) return false;
    if (x.outcome != 0) {
      const auto& ox = a.outcomes_[x.outcome - 1];
      const auto& oy = b.outcomes_[y.outcome - 1];
      if (ox.label != oy.label || ox.payoffs != oy.payoffs) return false;
    }
    if (x.kind != NodeKind::kTerminal) {
      auto [it, fresh] = hmap.emplace(x.infoset, y.infoset);
      if (!fresh && it->second != y.infoset) return false;
      const Infoset& hx = a.infosets_[x.infoset];
      const Infoset& hy = b.infosets_[y.infoset];
      if (hx.player != hy.player || hx.label != hy.label || hx.actions != hy.actions || hx.probs != hy.probs ||
          hx.members.size() != hy.members.size())
        return false;
    }
  }
  return true;
}

namespace {

constexpr std::size_t kFree = static_cast<std::size_t>(-1);  // no action: the set is not reached

// The player's own (infoset, action) choices on the path to `node`.
std::vector<std::pair<std::size_t, std::size_t>> own_sequence(const ExtensiveGame& g, std::size_t node,
                                                              std::size_t player) {
  const auto& nodes = g.nodes();
  std::vector<std::pair<std::size_t, std::size_t>> seq;
  for (std::size_t n = node; nodes[n].parent != static_cast<std::size_t>(-1); n = nodes[n].parent) {
    const auto& par = nodes[nodes[n].parent];
    if (par.kind == NodeKind::kPersonal && g.infosets()[par.infoset].player == player)
      seq.emplace_back(par.infoset, nodes[n].parent_action);
  }
  return seq;
}

// A player's reduced strategies: an action (or kFree) per information set of `infosets`.
struct PlayerPlans {
  std::vector<std::size_t> infosets;
  std::vector<std::vector<std::size_t>> plans;
};

// Enumerates the reduced strategies of one player: actions are chosen only at the information
// sets that the choices made so far do not exclude. Stops past `max_plans`.
class PlanEnumerator {
 public:
  PlanEnumerator(const ExtensiveGame& g, std::size_t player, const std::vector<std::size_t>& first_pos,
                 std::size_t max_plans)
      : g_(g), max_plans_(max_plans), assign_(g.infosets().size(), kFree) {
    // Infosets ordered by their first node in preorder, so that (under perfect recall) an
    // infoset's own predecessors are assigned before it.
    auto hs = g.player_infosets(player);
    std::stable_sort(hs.begin(), hs.end(), [&](std::size_t a, std::size_t b) { return first_pos[a] < first_pos[b]; });
    out_.infosets = hs;
    seqs_.resize(hs.size());
    for (std::size_t k = 0; k < hs.size(); ++k)
      for (std::size_t m : g.infosets()[hs[k]].members) seqs_[k].push_back(own_sequence(g, m, player));
    cur_.assign(hs.size(), kFree);
  }

  PlayerPlans run() {
    extend(0);
    if (out_.plans.empty()) out_.plans.emplace_back();
    return std::move(out_);
  }

 private:
  // Some member of infoset k is on a path that the assigned actions allow.
  [[nodiscard]] bool reachable(std::size_t k) const {
    if (g_.infosets()[out_.infosets[k]].members.empty()) return true;
    for (const auto& seq : seqs_[k]) {
      bool ok = true;
      for (auto [h, a] : seq)
        if (assign_[h] != kFree && assign_[h] != a) {
          ok = false;
          break;
        }
      if (ok) return true;
    }
    return false;
  }

  void extend(std::size_t k) {
    if (out_.plans.size() > max_plans_) return;
    if (k == out_.infosets.size()) {
      out_.plans.push_back(cur_);
      return;
    }
    if (!reachable(k)) {
      cur_[k] = kFree;
      extend(k + 1);
      return;
    }
    const std::size_t h = out_.infosets[k];
    for (std::size_t a = 0; a < g_.infosets()[h].actions.size(); ++a) {
      assign_[h] = a;
      cur_[k] = a;
      extend(k + 1);
    }
    assign_[h] = kFree;
    cur_[k] = kFree;
  }

  const ExtensiveGame& g_;
  std::size_t max_plans_;
  PlayerPlans out_;
  std::vector<std::vector<std::vector<std::pair<std::size_t, std::size_t>>>> seqs_;  // per infoset, per member
  std::vector<std::size_t> assign_, cur_;
};

// "a/b/*": the plan's action at each of its information sets, "*" where it has none.
std::vector<std::string> plan_labels(const ExtensiveGame& g, const PlayerPlans& pp) {
  std::vector<std::string> labels;
  for (const auto& plan : pp.plans) {
    std::string lab;
    for (std::size_t k = 0; k < plan.size(); ++k) {
      if (k) lab += "/";
      lab += plan[k] == kFree ? std::string("*") : g.infosets()[pp.infosets[k]].actions[plan[k]];
    }
    labels.push_back(lab.empty() ? std::string("-") : lab);
  }
  return labels;
}

// Expected payoffs when every personal information set h plays act[h]: a depth-first walk
// weighting outcomes by chance probabilities.
std::vector<Rational> play_payoffs(const ExtensiveGame& g, const std::vector<std::size_t>& act) {
  const auto& nodes = g.nodes();
  const std::size_t np = g.num_players();
  std::vector<Rational> u(np, Rational(0));
  std::vector<std::pair<std::size_t, Rational>> stack{{0, Rational(1)}};
  while (!stack.empty()) {
    auto [n, w] = stack.back();
    stack.pop_back();
    const auto& nd = nodes[n];
    if (nd.outcome)
      for (std::size_t p = 0; p < np; ++p) u[p] += w * g.outcomes()[nd.outcome - 1].payoffs[p];
    if (nd.kind == NodeKind::kChance) {
      const auto& h = g.infosets()[nd.infoset];
      for (std::size_t a = 0; a < nd.children.size(); ++a)
        if (h.probs[a] != 0) stack.emplace_back(nd.children[a], w * h.probs[a]);
    } else if (nd.kind == NodeKind::kPersonal) {
      const std::size_t a = act[nd.infoset];
      STATECRAFT_ASSERT(a != kFree, "reduced strategy reaches an unassigned information set");
      stack.emplace_back(nd.children[a], w);
    }
  }
  return u;
}

}  // namespace

NormalFormGame reduced_normal_form(const ExtensiveGame& g, const ReductionOptions& options) {
  const auto& nodes = g.nodes();
  const std::size_t np = g.num_players();
  if (np == 0) throw UsageError("reduced normal form: the game has no players");
  const auto order = g.preorder();
  std::vector<std::size_t> first_pos(g.infosets().size(), order.size());
  for (std::size_t k = 0; k < order.size(); ++k) {
    const auto& nd = nodes[order[k]];
    if (nd.kind != NodeKind::kTerminal) first_pos[nd.infoset] = std::min(first_pos[nd.infoset], k);
  }
  std::vector<PlayerPlans> plans;
  std::vector<std::vector<std::string>> labels;
  std::size_t cells = 1;
  for (std::size_t p = 0; p < np; ++p) {
    plans.push_back(PlanEnumerator(g, p + 1, first_pos, options.max_cells).run());
    const std::size_t count = plans[p].plans.size();
    if (count > options.max_cells || cells > options.max_cells / count)
      throw UsageError("reduced normal form would exceed " + std::to_string(options.max_cells) + " cells");
    cells *= count;
    labels.push_back(plan_labels(g, plans[p]));
  }
  if (cells * std::max<std::size_t>(1, nodes.size()) > options.max_cells * 64)
    throw UsageError("reduced normal form too expensive to compute (" + std::to_string(cells) + " cells)");
  NormalFormGame nf(g.players(), labels, g.title());
  std::vector<std::size_t> act(g.infosets().size(), kFree);
  for (std::size_t c = 0; c < nf.num_cells(); ++c) {
    const auto prof = nf.cell_profile(c);
    for (std::size_t p = 0; p < np; ++p)
      for (std::size_t k = 0; k < plans[p].infosets.size(); ++k) act[plans[p].infosets[k]] = plans[p].plans[prof[p]][k];
    const auto u = play_payoffs(g, act);
    for (std::size_t p = 0; p < np; ++p) nf.set_payoff(c, p, u[p]);
  }
  return nf;
}

namespace {
template <class T>
std::vector<T> expected_impl(const ExtensiveGame& g, const std::vector<std::vector<T>>& b, auto conv) {
  const auto& nodes = g.nodes();
  if (b.size() != g.infosets().size()) throw UsageError("behaviour profile: one vector per infoset needed");
  std::vector<T> u(g.num_players(), T(0));
  std::vector<std::pair<std::size_t, T>> stack{{0, T(1)}};
  while (!stack.empty()) {
    auto [n, w] = stack.back();
    stack.pop_back();
    const auto& nd = nodes[n];
    if (nd.outcome)
      for (std::size_t p = 0; p < u.size(); ++p) u[p] += w * conv(g.outcomes()[nd.outcome - 1].payoffs[p]);
    if (nd.kind == NodeKind::kTerminal) continue;
    const auto& h = g.infosets()[nd.infoset];
    for (std::size_t a = 0; a < nd.children.size(); ++a) {
      T pr = nd.kind == NodeKind::kChance ? conv(h.probs[a]) : b[nd.infoset].at(a);
      if (pr != T(0)) stack.emplace_back(nd.children[a], w * pr);
    }
  }
  return u;
}
}  // namespace

std::vector<Rational> expected_payoffs(const ExtensiveGame& g, const BehaviorProfile& b) {
  return expected_impl<Rational>(g, b, [](const Rational& q) { return q; });
}
std::vector<double> expected_payoffs(const ExtensiveGame& g, const BehaviorProfileD& b) {
  return expected_impl<double>(g, b, [](const Rational& q) { return q.get_d(); });
}

}  // namespace statecraft::games
