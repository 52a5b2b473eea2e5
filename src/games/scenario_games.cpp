#include "statecraft/games/scenario_games.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <numeric>

#include "statecraft/error.hpp"
#include "statecraft/games/solvers.hpp"
#include "statecraft/scenario/sampler.hpp"

namespace statecraft::games {
namespace {

using scenario::GameNode;

std::vector<std::string> player_names(const scenario::Scenario& s, const scenario::Game& g) {
  std::vector<std::string> names;
  for (int a : g.players) names.push_back(s.actors[static_cast<std::size_t>(a)].id);
  return names;
}

double value_of(const std::vector<double>& values, scenario::QuantityId q) {
  return values[static_cast<std::size_t>(q)];
}

}  // namespace

ExtensiveGame scenario_tree(const scenario::Scenario& s, const scenario::Game& g, const std::vector<double>& values,
                            std::vector<std::size_t>* node_map) {
  if (!g.is_tree) throw UsageError("game '" + g.id + "' is a normal form, not a tree");
  if (node_map) node_map->assign(g.nodes.size(), 0);
  ExtensiveGame out(player_names(s, g), g.title);
  std::map<std::pair<int, std::string>, std::size_t> named_infosets;
  // Depth-first over the scenario tree, building the game tree alongside.
  std::vector<std::pair<int, std::size_t>> stack = {{0, ExtensiveGame::root()}};
  while (!stack.empty()) {
    const auto [si, gi] = stack.back();
    stack.pop_back();
    const GameNode& n = g.nodes[static_cast<std::size_t>(si)];
    if (node_map) (*node_map)[static_cast<std::size_t>(si)] = gi;
    switch (n.kind) {
      case GameNode::Kind::kTerminal: {
        std::vector<double> pay;
        for (auto q : n.payoffs) pay.push_back(value_of(values, q));
        out.set_outcome(gi, out.add_outcome("", pay));
        break;
      }
      case GameNode::Kind::kPlayer: {
        std::size_t infoset = 0;
        const auto key = std::make_pair(n.player, n.infoset);
        const auto it = n.infoset.empty() ? named_infosets.end() : named_infosets.find(key);
        if (it != named_infosets.end()) {
          infoset = it->second;
        } else {
          infoset = out.add_infoset(static_cast<std::size_t>(n.player) + 1, n.infoset, n.actions);
          if (!n.infoset.empty()) named_infosets.emplace(key, infoset);
        }
        const auto children = out.set_infoset(gi, infoset);
        for (std::size_t k = children.size(); k-- > 0;) stack.emplace_back(n.children[k], children[k]);
        break;
      }
      case GameNode::Kind::kChance: {
        std::vector<double> probs;
        for (auto q : n.probabilities) probs.push_back(std::max(0.0, value_of(values, q)));
        const double sum = std::accumulate(probs.begin(), probs.end(), 0.0);
        if (!(sum > 0)) throw UsageError("game '" + g.id + "': chance probabilities sum to zero");
        for (double& p : probs) p /= sum;
        const auto infoset = out.add_chance_infoset("", n.actions, probs);
        const auto children = out.set_infoset(gi, infoset);
        for (std::size_t k = children.size(); k-- > 0;) stack.emplace_back(n.children[k], children[k]);
        break;
      }
    }
  }
  return out;
}

AnyGame scenario_game_at_central(const scenario::Scenario& s, const std::string& id) {
  std::string ids;
  for (const auto& g : s.games) ids += (ids.empty() ? "" : ", ") + g.id;
  const scenario::Game* game = nullptr;
  for (const auto& g : s.games)
    if (g.id == id || (id.empty() && s.games.size() == 1)) game = &g;
  if (game == nullptr)
    throw UsageError((id.empty() ? std::string("the scenario has ") + std::to_string(s.games.size()) +
                                       " games; choose one with --game"
                                 : "the scenario has no game '" + id + "'") +
                     " (its games: " + (ids.empty() ? std::string("none") : ids) + ")");
  std::vector<double> values;
  scenario::Sampler(s).central(values);
  if (game->is_tree) return scenario_tree(s, *game, values);
  return scenario_normal_form(s, *game, values);
}

NormalFormGame scenario_normal_form(const scenario::Scenario& s, const scenario::Game& g,
                                    const std::vector<double>& values) {
  if (g.is_tree) throw UsageError("game '" + g.id + "' is a tree, not a normal form");
  NormalFormGame out(player_names(s, g), g.strategies, g.title);
  const std::size_t np = g.players.size();
  // The scenario lists profiles row-major (first player slowest); the game indexes cells with
  // the first player fastest.
  std::vector<std::size_t> profile(np, 0);
  const std::size_t cells = g.payoffs.size() / np;
  for (std::size_t c = 0; c < cells; ++c) {
    std::size_t rest = c;
    for (std::size_t p = np; p-- > 0;) {
      profile[p] = rest % g.strategies[p].size();
      rest /= g.strategies[p].size();
    }
    for (std::size_t p = 0; p < np; ++p) out.set_payoff(profile, p, value_of(values, g.payoffs[c * np + p]));
  }
  return out;
}

namespace {

using Values = std::vector<double>;

/// The game's player-action pairs in report order: for each player, every action label in the
/// order its first information set appears in the tree (or the strategy list of a normal form).
struct ActionIndex {
  std::vector<std::vector<std::string>> labels;  // per player
};

}  // namespace

/// Structure of a scenario game computed once; solve() then does only arithmetic per draw.
struct ScenarioGameSolver::Impl {
  const scenario::Scenario& s;
  const scenario::Game& g;
  std::size_t np = 0;
  std::vector<std::vector<std::string>> actions;  // reported actions per player
  // Trees.
  bool chance_only = false;  // backward induction with chance beliefs applies
  std::vector<int> parent, parent_action;
  std::vector<int> infoset_of;  // per node, -1 unless a player node
  struct InfoSet {
    int player = -1;
    std::vector<int> members;
    std::vector<int> report_slot;  // per action: index into actions[player]
  };
  std::vector<InfoSet> infosets;
  // Normal forms.
  bool two_by_two = false;

  Impl(const scenario::Scenario& sc, const scenario::Game& game) : s(sc), g(game), np(game.players.size()) {
    actions.resize(np);
    if (!g.is_tree) {
      for (std::size_t p = 0; p < np; ++p) actions[p] = g.strategies[p];
      two_by_two = np == 2 && g.strategies[0].size() == 2 && g.strategies[1].size() == 2;
      return;
    }
    const std::size_t n = g.nodes.size();
    parent.assign(n, -1);
    parent_action.assign(n, -1);
    infoset_of.assign(n, -1);
    std::map<std::pair<int, std::string>, int> named;
    for (std::size_t i = 0; i < n; ++i) {
      const auto& node = g.nodes[i];
      for (std::size_t k = 0; k < node.children.size(); ++k) {
        parent[static_cast<std::size_t>(node.children[k])] = static_cast<int>(i);
        parent_action[static_cast<std::size_t>(node.children[k])] = static_cast<int>(k);
      }
      if (node.kind != GameNode::Kind::kPlayer) continue;
      int id = -1;
      if (!node.infoset.empty()) {
        const auto it = named.find({node.player, node.infoset});
        if (it != named.end()) id = it->second;
      }
      if (id < 0) {
        id = static_cast<int>(infosets.size());
        InfoSet is;
        is.player = node.player;
        infosets.push_back(std::move(is));
        if (!node.infoset.empty()) named.emplace(std::make_pair(node.player, node.infoset), id);
      }
      infosets[static_cast<std::size_t>(id)].members.push_back(static_cast<int>(i));
      infoset_of[i] = id;
    }
    assign_report_slots();
    chance_only = true;
    for (const auto& is : infosets) {
      if (is.members.size() < 2) continue;
      const auto h0 = personal_history(is.members.front());
      for (int m : is.members) chance_only = chance_only && personal_history(m) == h0;
    }
  }

  /// Every action of every information set is reported. The first information set (in the
  /// scenario's node order) of a player that offers a label reports it under that label; further
  /// sets offering the same label report it qualified by the set: "accept_at_<infoset>" for a
  /// named set, else by the actions leading to it ("accept_after_demand_refuse"), with a number
  /// added if still ambiguous.
  void assign_report_slots() {
    for (auto& is : infosets) {
      const auto& first = g.nodes[static_cast<std::size_t>(is.members.front())];
      auto& acts = actions[static_cast<std::size_t>(is.player)];
      for (const auto& a : first.actions) {
        std::string name = a;
        if (std::find(acts.begin(), acts.end(), name) != acts.end())
          name += first.infoset.empty() ? "_after_" + path_label(is.members.front()) : "_at_" + first.infoset;
        const std::string base = name;
        for (int k = 2; std::find(acts.begin(), acts.end(), name) != acts.end(); ++k)
          name = base + "_" + std::to_string(k);
        is.report_slot.push_back(static_cast<int>(acts.size()));
        acts.push_back(name);
      }
    }
  }

  /// The actions from the root to `node`, joined by '_' ("root" at the root).
  std::string path_label(int node) const {
    std::vector<std::string> steps;
    for (int c = node; parent[static_cast<std::size_t>(c)] >= 0; c = parent[static_cast<std::size_t>(c)])
      steps.push_back(g.nodes[static_cast<std::size_t>(parent[static_cast<std::size_t>(c)])]
                          .actions[static_cast<std::size_t>(parent_action[static_cast<std::size_t>(c)])]);
    if (steps.empty()) return "root";
    std::string out;
    for (auto it = steps.rbegin(); it != steps.rend(); ++it) out += (out.empty() ? "" : "_") + *it;
    return out;
  }

  std::vector<std::pair<int, int>> personal_history(int node) const {
    std::vector<std::pair<int, int>> h;
    for (int c = node; parent[static_cast<std::size_t>(c)] >= 0; c = parent[static_cast<std::size_t>(c)]) {
      const int par = parent[static_cast<std::size_t>(c)];
      if (g.nodes[static_cast<std::size_t>(par)].kind == GameNode::Kind::kPlayer)
        h.emplace_back(infoset_of[static_cast<std::size_t>(par)], parent_action[static_cast<std::size_t>(c)]);
    }
    return h;
  }

  // ---- trees: backward induction with beliefs from chance (doubles) ----------------------------

  /// Backward induction in floating point for trees whose information sets hide only chance
  /// moves: all nodes of an information set share the same history of personal moves, so the
  /// beliefs at the set are the conditional chance probabilities whatever the strategies, and
  /// the player picks the action with the highest belief-weighted continuation value (ties: the
  /// first action). On perfect-information trees this is subgame-perfect backward induction
  /// (Kuhn 1953; Selten 1965); with chance-only uncertainty it is a perfect Bayesian
  /// equilibrium with beliefs from Bayes' rule at every set (Fudenberg & Tirole 1991, ch. 8).
  struct Induction {
    const Impl& m;
    const Values& v;
    std::vector<double> prob;   // per chance branch: normalised probability, by child node
    std::vector<int> choice;    // per infoset
    std::vector<double> value;  // per node x player
    std::vector<char> done;

    Induction(const Impl& impl, const Values& values)
        : m(impl),
          v(values),
          prob(impl.g.nodes.size(), 1.0),
          choice(impl.infosets.size(), -1),
          value(impl.g.nodes.size() * impl.np, 0.0),
          done(impl.g.nodes.size(), 0) {
      for (const auto& node : m.g.nodes) {
        if (node.kind != GameNode::Kind::kChance) continue;
        double sum = 0;
        for (auto q : node.probabilities) sum += std::max(0.0, value_of(v, q));
        if (!(sum > 0)) throw UsageError("game '" + m.g.id + "': chance probabilities sum to zero");
        for (std::size_t k = 0; k < node.children.size(); ++k)
          prob[static_cast<std::size_t>(node.children[k])] = std::max(0.0, value_of(v, node.probabilities[k])) / sum;
      }
    }

    double chance_weight(int node) const {
      double w = 1.0;
      for (int c = node; m.parent[static_cast<std::size_t>(c)] >= 0; c = m.parent[static_cast<std::size_t>(c)])
        if (m.g.nodes[static_cast<std::size_t>(m.parent[static_cast<std::size_t>(c)])].kind == GameNode::Kind::kChance)
          w *= prob[static_cast<std::size_t>(c)];
      return w;
    }

    int decide(int infoset) {
      int& c = choice[static_cast<std::size_t>(infoset)];
      if (c >= 0) return c;
      const auto& is = m.infosets[static_cast<std::size_t>(infoset)];
      const auto p = static_cast<std::size_t>(is.player);
      const std::size_t n_actions = m.g.nodes[static_cast<std::size_t>(is.members.front())].children.size();
      double best_v = 0;
      int best = 0;
      for (std::size_t a = 0; a < n_actions; ++a) {
        double x = 0;
        for (int mem : is.members)
          x += chance_weight(mem) * at(m.g.nodes[static_cast<std::size_t>(mem)].children[a])[p];
        if (a == 0 || x > best_v + 1e-12 * (1.0 + std::abs(best_v))) {
          best_v = x;
          best = static_cast<int>(a);
        }
      }
      c = best;
      return c;
    }

    const double* at(int node) {
      const auto i = static_cast<std::size_t>(node);
      double* out = &value[i * m.np];
      if (done[i]) return out;
      const auto& n = m.g.nodes[i];
      switch (n.kind) {
        case GameNode::Kind::kTerminal:
          for (std::size_t p = 0; p < m.np; ++p) out[p] = value_of(v, n.payoffs[p]);
          break;
        case GameNode::Kind::kChance:
          for (int child : n.children) {
            const double* c = at(child);
            const double pr = prob[static_cast<std::size_t>(child)];
            for (std::size_t p = 0; p < m.np; ++p) out[p] += pr * c[p];
          }
          break;
        case GameNode::Kind::kPlayer: {
          const double* c = at(n.children[static_cast<std::size_t>(decide(m.infoset_of[i]))]);
          for (std::size_t p = 0; p < m.np; ++p) out[p] = c[p];
          break;
        }
      }
      done[i] = 1;
      return out;
    }
  };

  void solve_tree(const Values& v, SelectedEquilibrium& sel) const {
    if (!chance_only) {
      std::vector<std::size_t> node_map;
      const ExtensiveGame tree = scenario_tree(s, g, v, &node_map);
      const BehaviorProfileD profile = agent_logit_qre(tree).profile;
      sel.method = "agent-qre";
      for (const auto& is : infosets) {
        const std::size_t h = tree.nodes()[node_map[static_cast<std::size_t>(is.members.front())]].infoset;
        for (std::size_t k = 0; k < is.report_slot.size(); ++k)
          sel.probability[static_cast<std::size_t>(is.player)][static_cast<std::size_t>(is.report_slot[k])] =
              profile[h][k];
      }
      sel.payoffs = expected_payoffs(tree, profile);
      return;
    }
    Induction ind(*this, v);
    const double* root = ind.at(0);
    sel.payoffs.assign(root, root + np);
    for (std::size_t i = 0; i < infosets.size(); ++i) {
      const int c = ind.decide(static_cast<int>(i));
      const auto& is = infosets[i];
      for (std::size_t k = 0; k < is.report_slot.size(); ++k) {
        sel.probability[static_cast<std::size_t>(is.player)][static_cast<std::size_t>(is.report_slot[k])] =
            static_cast<int>(k) == c ? 1.0 : 0.0;
      }
    }
    sel.method = infosets.size() == static_cast<std::size_t>(std::count_if(
                                        g.nodes.begin(), g.nodes.end(),
                                        [](const GameNode& n) { return n.kind == GameNode::Kind::kPlayer; }))
                     ? "spe"
                     : "pbe";
  }

  /// Behaviour of the selected equilibrium at each information set (trees only).
  std::vector<std::vector<double>> behaviour(const Values& v) const;

  // ---- normal forms --------------------------------------------------------------------------

  /// A generic 2x2 game has one pure equilibrium, two pure and one mixed, or one mixed; the
  /// unique cases are solved in closed form. Returns false when the game is not generic or has
  /// several equilibria.
  bool solve_2x2(const Values& v, SelectedEquilibrium& sel) const {
    double a[2][2], b[2][2];
    for (std::size_t i = 0; i < 2; ++i)
      for (std::size_t j = 0; j < 2; ++j) {
        a[i][j] = value_of(v, g.payoffs[(i * 2 + j) * 2 + 0]);
        b[i][j] = value_of(v, g.payoffs[(i * 2 + j) * 2 + 1]);
      }
    for (int k = 0; k < 2; ++k)
      if (a[0][k] == a[1][k] || b[k][0] == b[k][1]) return false;
    int pure = 0, pi = -1, pj = -1;
    for (int i = 0; i < 2; ++i)
      for (int j = 0; j < 2; ++j)
        if (a[i][j] > a[1 - i][j] && b[i][j] > b[i][1 - j]) {
          ++pure;
          pi = i;
          pj = j;
        }
    double p0 = 0, q0 = 0;  // probability of the first strategy of each player
    if (pure == 1) {
      p0 = pi == 0 ? 1.0 : 0.0;
      q0 = pj == 0 ? 1.0 : 0.0;
    } else if (pure == 0) {
      p0 = (b[1][1] - b[1][0]) / (b[0][0] - b[1][0] - b[0][1] + b[1][1]);
      q0 = (a[1][1] - a[0][1]) / (a[0][0] - a[0][1] - a[1][0] + a[1][1]);
    } else {
      return false;
    }
    sel.method = "unique";
    sel.probability = {{p0, 1 - p0}, {q0, 1 - q0}};
    sel.payoffs = {0, 0};
    for (int i = 0; i < 2; ++i)
      for (int j = 0; j < 2; ++j) {
        const double w = (i == 0 ? p0 : 1 - p0) * (j == 0 ? q0 : 1 - q0);
        sel.payoffs[0] += w * a[i][j];
        sel.payoffs[1] += w * b[i][j];
      }
    return true;
  }

  /// The equilibrium of `all` that every player weakly prefers to every other, or nullptr.
  static const NfgEquilibrium* payoff_dominant(const NfgSolution& all) {
    for (const auto& e : all.equilibria) {
      const bool dominates = std::all_of(all.equilibria.begin(), all.equilibria.end(), [&](const NfgEquilibrium& f) {
        for (std::size_t p = 0; p < e.payoffs_d.size(); ++p)
          if (e.payoffs_d[p] < f.payoffs_d[p] - 1e-9 * (1 + std::abs(f.payoffs_d[p]))) return false;
        return true;
      });
      if (dominates) return &e;
    }
    return nullptr;
  }

  void solve_normal(const Values& v, SelectedEquilibrium& sel, Selection rule) const {
    if (two_by_two && solve_2x2(v, sel)) return;
    const NormalFormGame nf = scenario_normal_form(s, g, v);
    if (np == 2) {
      // A unique equilibrium is what every selection picks; enumerate (exactly) before tracing.
      const NfgSolution all = enumerate_extreme_equilibria(nf, EnumOptions{.exact_pivoting = false, .parallel = false});
      const NfgEquilibrium* pick = nullptr;
      if (all.complete && all.equilibria.size() == 1) {
        sel.method = "unique";
        pick = &all.equilibria.front();
      } else if (all.complete && rule == Selection::kPayoffDominant && (pick = payoff_dominant(all)) != nullptr) {
        sel.method = "payoff-dominant";
      }
      if (pick) {
        for (std::size_t p = 0; p < np; ++p) {
          sel.probability[p] = pick->profile_d[p];
          sel.payoffs.push_back(pick->payoffs_d[p]);
        }
        return;
      }
    }
    // The selection needs the limit only to the precision of a probability report.
    QreOptions qo;
    qo.max_regret = 1e-6;
    const QreResult q = logit_qre(nf, qo);
    sel.method = "qre";
    for (std::size_t p = 0; p < np; ++p) {
      sel.probability[p] = q.profile[p];
      sel.payoffs.push_back(expected_payoff(nf, q.profile, p));
    }
  }
};

namespace {

/// Index drawn from weights `w` (non-negative, not all zero) with one uniform number.
std::size_t draw_index(const std::vector<double>& w, double u) {
  double total = 0;
  for (double x : w) total += std::max(0.0, x);
  double acc = 0;
  for (std::size_t k = 0; k < w.size(); ++k) {
    acc += std::max(0.0, w[k]);
    if (u * total < acc) return k;
  }
  return w.size() - 1;
}

}  // namespace

std::vector<std::vector<double>> ScenarioGameSolver::Impl::behaviour(const Values& v) const {
  std::vector<std::vector<double>> beh(infosets.size());
  if (chance_only) {
    Induction ind(*this, v);
    ind.at(0);
    for (std::size_t i = 0; i < infosets.size(); ++i) {
      const std::size_t n_actions = g.nodes[static_cast<std::size_t>(infosets[i].members.front())].children.size();
      beh[i].assign(n_actions, 0.0);
      beh[i][static_cast<std::size_t>(ind.decide(static_cast<int>(i)))] = 1.0;
    }
    return beh;
  }
  // The tree's personal information sets are created in the same preorder as infosets.
  const ExtensiveGame tree = scenario_tree(s, g, v);
  const BehaviorProfileD profile = agent_logit_qre(tree).profile;
  std::size_t k = 0;
  for (std::size_t is = 0; is < tree.infosets().size() && k < beh.size(); ++is)
    if (tree.infosets()[is].player != 0) beh[k++] = profile[is];
  return beh;
}

std::vector<std::pair<int, std::string>> ScenarioGameSolver::play(const std::vector<double>& values,
                                                                  const std::function<double()>& uniform,
                                                                  Selection rule) const {
  const Impl& m = *impl_;
  std::vector<std::pair<int, std::string>> moves;
  if (!m.g.is_tree) {
    const SelectedEquilibrium sel = solve(values, rule);
    for (std::size_t p = 0; p < m.np; ++p)
      moves.emplace_back(static_cast<int>(p), m.actions[p][draw_index(sel.probability[p], uniform())]);
    return moves;
  }
  const auto beh = m.behaviour(values);
  for (std::size_t node = 0;;) {
    const GameNode& n = m.g.nodes[node];
    if (n.kind == GameNode::Kind::kTerminal) break;
    std::size_t k = 0;
    if (n.kind == GameNode::Kind::kChance) {
      std::vector<double> w;
      for (auto q : n.probabilities) w.push_back(value_of(values, q));
      k = draw_index(w, uniform());
    } else {
      k = draw_index(beh[static_cast<std::size_t>(m.infoset_of[node])], uniform());
      moves.emplace_back(n.player, n.actions[k]);
    }
    node = static_cast<std::size_t>(n.children[k]);
  }
  return moves;
}

ScenarioGameSolver::ScenarioGameSolver(const scenario::Scenario& s, const scenario::Game& g)
    : impl_(std::make_shared<const Impl>(s, g)) {}

const std::vector<std::vector<std::string>>& ScenarioGameSolver::actions() const { return impl_->actions; }

SelectedEquilibrium ScenarioGameSolver::solve(const std::vector<double>& values, Selection rule) const {
  SelectedEquilibrium sel;
  sel.actions = impl_->actions;
  sel.probability.resize(impl_->np);
  for (std::size_t p = 0; p < impl_->np; ++p) sel.probability[p].assign(impl_->actions[p].size(), -1.0);
  if (impl_->g.is_tree)
    impl_->solve_tree(values, sel);
  else
    impl_->solve_normal(values, sel, rule);
  for (auto& row : sel.probability)
    for (double& x : row) x = std::max(0.0, x);
  return sel;
}

SelectedEquilibrium solve_scenario_game(const scenario::Scenario& s, const scenario::Game& g,
                                        const std::vector<double>& values) {
  return ScenarioGameSolver(s, g).solve(values);
}

}  // namespace statecraft::games
