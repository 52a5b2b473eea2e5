#pragma once
/// @file scenario_games.hpp
/// The games written in a scenario (format v1, `games:`), turned into solvable games for one
/// Monte Carlo draw, and the equilibrium each draw selects.

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "statecraft/games/extensive_form.hpp"
#include "statecraft/games/gambit_io.hpp"
#include "statecraft/games/normal_form.hpp"
#include "statecraft/scenario/scenario.hpp"

namespace statecraft::games {

/// The tree of a scenario game with the payoffs and chance probabilities of one draw
/// (`values` indexed by QuantityId). Players are named by actor id; nodes of one player that
/// share an `infoset` name form one information set. When `node_map` is given it receives, for
/// each scenario node, the index of its node in the tree. @throws UsageError if `g` is not a tree.
ExtensiveGame scenario_tree(const scenario::Scenario& s, const scenario::Game& g, const std::vector<double>& values,
                            std::vector<std::size_t>* node_map = nullptr);

/// The normal form of a scenario game for one draw. @throws UsageError if `g` is a tree.
NormalFormGame scenario_normal_form(const scenario::Scenario& s, const scenario::Game& g,
                                    const std::vector<double>& values);

/// Scenario game `id` with every quantity at its central value (Sampler::central): its tree or
/// normal form, ready for solve(). @throws UsageError naming the scenario's game ids when `id`
/// is not one of them (or is empty and the scenario has several games).
AnyGame scenario_game_at_central(const scenario::Scenario& s, const std::string& id);

/// The equilibrium selected for a scenario game in one draw, as the probability with which each
/// player's strategy plays each of its actions.
struct SelectedEquilibrium {
  std::string method;  ///< "spe", "pbe" (backward induction), "agent-qre" or "qre" (logit limits)
  /// probability[player][k] for actions[player][k]. For trees every action of every information
  /// set is reported: under its label at the first set of the player that offers it, and at each
  /// further set offering the same label as "<action>_at_<infoset>" (named sets) or
  /// "<action>_after_<actions leading to the node>".
  std::vector<std::vector<std::string>> actions;
  std::vector<std::vector<double>> probability;
  std::vector<double> payoffs;  ///< expected payoff of each player
};

/// How an equilibrium is selected where a game has several. kLogitLimit: the rule of
/// solve_scenario_game() below. kPayoffDominant (Harsanyi & Selten 1988): for a 2-player normal
/// form whose equilibria are all enumerated, the equilibrium that gives every player at least as
/// much as any other equilibrium does, if there is one; otherwise, and for trees (whose backward
/// induction or agent-QRE limit is kept), as kLogitLimit.
/// Named in scenarios as scenario::selection_rules(), in this order.
enum class Selection { kLogitLimit, kPayoffDominant };

/// A scenario game prepared for solving many draws: the tree's structure (information sets,
/// whether they hide only chance moves, the reported actions) is analysed once. solve() is
/// const and thread-safe.
class ScenarioGameSolver {
 public:
  ScenarioGameSolver(const scenario::Scenario& s, const scenario::Game& g);
  /// The actions reported for each player (SelectedEquilibrium::actions of every solve()).
  [[nodiscard]] const std::vector<std::vector<std::string>>& actions() const;
  /// The selected equilibrium for one draw (see solve_scenario_game()).
  [[nodiscard]] SelectedEquilibrium solve(const std::vector<double>& values,
                                          Selection rule = Selection::kLogitLimit) const;
  /// One play of the game under the equilibrium solve() selects: chance moves drawn with their
  /// probabilities and each information set's (possibly mixed) behaviour drawn with its
  /// probabilities, using `uniform()` (numbers in [0, 1)). Returns the moves made, in order, as
  /// (player index, action label); a normal form yields one strategy per player.
  [[nodiscard]] std::vector<std::pair<int, std::string>> play(const std::vector<double>& values,
                                                              const std::function<double()>& uniform,
                                                              Selection rule = Selection::kLogitLimit) const;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

/// Solves a scenario game for one draw: trees whose information sets hide only chance moves
/// (perfect-information trees included) by backward induction with Bayesian beliefs from the
/// chance probabilities (ties to the first action; "spe" or "pbe"), other trees by the limit of
/// the agent logit QRE ("agent-qre"); 2-player normal forms with a unique equilibrium by that
/// equilibrium ("unique": closed form for generic 2x2 games, else exact enumeration), other
/// normal forms by the limit of the logit QRE ("qre"; McKelvey & Palfrey 1995), which selects
/// one equilibrium by tracing from uniform play.
SelectedEquilibrium solve_scenario_game(const scenario::Scenario& s, const scenario::Game& g,
                                        const std::vector<double>& values);

}  // namespace statecraft::games
