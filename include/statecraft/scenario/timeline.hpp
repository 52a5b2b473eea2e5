#pragma once
/// @file timeline.hpp
/// The `timeline:` section of a scenario (docs/scenario-format.md, "Timeline"): state variables
/// that evolve month by month from the month after `meta.as_of` to the horizon, with dynamics,
/// Markov transitions of categorical states, hazards, decisions taken by solving the scenario's
/// games on the current state, bargaining issues re-forecast on it, and society windows in which
/// the agent-based model runs. Expressions are muparser text over the scenario's parameters, the
/// state variables (a categorical variable is its state's index, and `<var>_<state>` is 1 in that
/// state, else 0) and `month` (1 = the first simulated month).

#include <string>
#include <vector>

#include "statecraft/error.hpp"

namespace statecraft::scenario {

using QuantityId = int;

/// A state variable: a number with bounds, or a categorical state.
struct StateVar {
  std::string name, note;
  std::vector<std::string> states;  ///< categorical when not empty
  QuantityId initial = -1;          ///< numeric: the initial value (may be a distribution)
  int initial_state = 0;            ///< categorical: index of the initial state
  double lower = -1e300, upper = 1e300;
  Location where;
  [[nodiscard]] bool categorical() const { return !states.empty(); }
};

/// `var := expr` (numeric) or `var := state` (categorical; `state` >= 0, expr empty).
struct Assignment {
  int var = -1;
  std::string expr;
  int state = -1;
  Location where;
};

/// When a decision, issue step or society window is considered: every `every` months, at the
/// listed months, and only if `when` (an expression) is non-zero.
struct Schedule {
  int every = 0;            ///< 0: not periodic
  std::vector<int> months;  ///< explicit months (1-based)
  std::string when;         ///< condition; empty = always
  int cooldown = 0;         ///< months to wait after it ran before it may run again
  [[nodiscard]] bool due(int month) const;
};

/// A Markov transition of a categorical variable: from `from` to `to` with monthly probability
/// `probability` (an expression). The transitions out of a state are drawn together.
struct Transition {
  int var = -1, from = -1, to = -1;
  std::string probability;
  Location where;
};

/// An event (the scenario's `events:`): a hazard fires in a month with probability
/// `probability` (an expression) while `when` holds, recurring or once; a scheduled event fires
/// in its months (from `date`/`dates`) with that probability (default 1). Firing applies
/// `effects` and counts the event in the output `timeline.events.<id>`.
struct Hazard {
  std::string id, probability, when, note;
  bool once = false;
  std::vector<int> months;  ///< scheduled months (empty: any month)
  std::vector<Assignment> effects;
  int actor = -1;
  std::vector<std::string> mechanisms, sources;
  Location where;
};

/// Effects of one action of one player in a decision's game.
struct ActionEffect {
  int player = -1;  ///< index into the game's players
  std::string action;
  std::vector<Assignment> effects;
  Location where;
};

/// A parameter replaced by an expression of the state while a decision or issue step is solved.
struct Override {
  QuantityId quantity = -1;
  std::string expr;
  Location where;
};

/// A scenario game re-solved on the current state; the moves are drawn from the selected
/// equilibrium (mixed strategies with their probabilities) along one play of the game.
struct Decision {
  std::string id;
  int game = -1;
  /// Equilibrium selection rule (docs/models/games.md): "logit_limit" (the default) or
  /// "payoff_dominant"; empty when `choice` >= 0.
  std::string selection = "logit_limit";
  int choice = -1;  ///< structural choice whose drawn alternative is the rule, or -1
  Schedule schedule;
  std::vector<Override> overrides;
  std::vector<ActionEffect> outcomes;
  Location where;
};

/// A bargaining issue re-forecast by one model on the current state; `effects` receive the
/// forecast (0-100) through expressions in which `forecast` names it. The model is fixed
/// (`model`) or the alternative a structural choice draws in each draw (`choice`).
struct IssueStep {
  std::string id;
  int issue = -1;
  std::string model;  ///< compromise, median, mean, bdm, smp or nash; empty when `choice` >= 0
  int choice = -1;    ///< index into Scenario::structural, or -1
  Schedule schedule;
  std::vector<Override> overrides;
  std::vector<Assignment> effects;  ///< may use `forecast`
  Location where;
};

/// A society setting given by an expression of the state.
struct WindowSetting {
  std::string name, expr;
  Location where;
};

/// A mobilisation window: the agent-based model runs on the state; its outcome feeds back
/// through `effects`, which may use the window's outputs: `peak_active_share`,
/// `mean_active_share`, `arrested_share`, `defected_share`, `collapsed`, `intervened`,
/// `emigrated_share`.
struct SocietyWindow {
  std::string id;
  Schedule schedule;
  std::vector<WindowSetting> settings;
  std::vector<Assignment> effects;
  Location where;
};

/// The whole timeline section.
struct Timeline {
  bool present = false;
  std::vector<StateVar> vars;
  std::vector<Assignment> dynamics;
  std::vector<Transition> transitions;
  std::vector<Hazard> hazards;
  std::vector<Decision> decisions;
  std::vector<IssueStep> issue_steps;
  std::vector<SocietyWindow> windows;
  std::vector<QuantityId> parameters_used;  ///< parameters named by any timeline expression
  /// Index of the state variable, or -1.
  [[nodiscard]] int var_index(const std::string& name) const;
};

/// Month index of `date` (YYYY-MM or YYYY-MM-DD) counted from `as_of`'s month (the month after
/// as_of is 1), or a value < 1 for a date that is not after it or not a date.
int months_after(const std::string& as_of, const std::string& date);

/// "YYYY-MM" of month `k` after `as_of`'s month (k = 0: as_of's own month).
std::string month_label(const std::string& as_of, int k);

/// Names a society window's effects may read, in a fixed order.
const std::vector<std::string>& society_window_outputs();

}  // namespace statecraft::scenario
