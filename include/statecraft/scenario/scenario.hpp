#pragma once
/// @file scenario.hpp
/// The immutable description of a crisis (scenario format v1, docs/scenario-format.md): actors,
/// issues, links, events, games, module settings and forecast questions. Every number is a
/// Quantity (fixed, random or an expression over parameters) referenced by its QuantityId, so
/// one Monte Carlo draw is simply a vector of doubles indexed by QuantityId (see sampler.hpp).

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "statecraft/error.hpp"
#include "statecraft/scenario/distribution.hpp"
#include "statecraft/scenario/structural.hpp"
#include "statecraft/scenario/timeline.hpp"

namespace statecraft::scenario {

/// Index of a number in Scenario::quantities.
using QuantityId = int;
inline constexpr QuantityId kNoQuantity = -1;

/// A number in the scenario: fixed, drawn from a distribution, or an expression.
struct Quantity {
  enum class Kind { kFixed, kRandom, kExpression };
  Kind kind = Kind::kFixed;
  double value = 0.0;                ///< kFixed
  std::optional<Distribution> dist;  ///< kRandom
  std::string expr;                  ///< kExpression (muparser syntax)
  std::vector<QuantityId> deps;      ///< kExpression: parameters the expression uses
  std::string path;                  ///< dotted path, e.g. "actors.regime.capability"
  std::string name;                  ///< parameter id, empty for anonymous numbers
  Location where;                    ///< where it is written
  std::vector<std::string> sources;  ///< source ids
  std::string unit;                  ///< free text; "probability"/"share"/"score" checked
  std::string note;
  /// Random quantities: the sensitivity group, from the `group` tag or a default (the mechanism
  /// of the issue, game or question it is written in; a parameter's id; the section's name).
  std::string group;
  double lower = -std::numeric_limits<double>::infinity();  ///< allowed range, checked for every draw
  double upper = std::numeric_limits<double>::infinity();
  std::uint32_t stream = 0;  ///< random sub-stream (hash of path): stable across edits
};

/// A source that numbers cite.
struct Source {
  std::string id, title, outlet, date, file, url, note;
  Location where;
};

/// An actor and its capability (relative power, >= 0).
struct Actor {
  std::string id, name, kind, note;
  QuantityId capability = kNoQuantity;
  std::vector<std::pair<std::string, QuantityId>> attributes;
  std::vector<std::string> sources;
  Location where;
};

/// One actor's stance on an issue.
struct Stance {
  int actor = -1;  ///< index into Scenario::actors
  QuantityId position = kNoQuantity;
  QuantityId salience = kNoQuantity;
};

/// A one-dimensional policy question on [0, 100].
struct Issue {
  std::string id, question, low, high;
  QuantityId status_quo = kNoQuantity;
  std::vector<std::string> mechanisms;
  std::vector<Stance> stances;
  std::vector<std::string> sources;
  Location where;
};

/// A relation between two actors.
struct Link {
  enum class Type { kDependence, kAlliance, kHostility, kInfluence };
  int from = -1, to = -1;
  Type type = Type::kDependence;
  QuantityId strength = kNoQuantity;
  std::vector<std::string> sources;
  Location where;
};

/// A node of a game tree (preorder in Game::nodes; node 0 is the root).
struct GameNode {
  enum class Kind { kTerminal, kPlayer, kChance };
  Kind kind = Kind::kTerminal;
  int player = -1;                        ///< kPlayer: index into Game::players
  std::string infoset;                    ///< kPlayer: information set name ("" = its own)
  std::vector<std::string> actions;       ///< kPlayer / kChance: branch labels
  std::vector<int> children;              ///< node indices, parallel to actions
  std::vector<QuantityId> probabilities;  ///< kChance, parallel to actions
  std::vector<QuantityId> payoffs;        ///< kTerminal: one per player
  Location where;
};

/// An explicit strategic dilemma: either a tree (extensive form) or a normal form.
struct Game {
  std::string id, title;
  std::vector<int> players;  ///< actor indices
  std::vector<std::string> mechanisms;
  std::vector<std::string> sources;
  bool is_tree = false;
  std::vector<GameNode> nodes;                       ///< tree
  std::vector<std::vector<std::string>> strategies;  ///< normal form: per player
  /// normal form: payoffs[profile * n_players + player], profiles in row-major order (the first
  /// player's strategy varies slowest).
  std::vector<QuantityId> payoffs;
  Location where;
};

/// A named setting of a module (society, timeline): a number, or for the few categorical
/// settings (e.g. society.base: mesa or netlogo) a word.
struct Setting {
  std::string name;
  QuantityId value = kNoQuantity;  ///< kNoQuantity for a word
  std::string word;
  Location where;
};

/// Comparison in a resolution rule.
enum class CompareOp { kLess, kLessEqual, kGreater, kGreaterEqual };

/// A resolution rule: a comparison of one model output with a threshold, or all/any of rules.
struct Rule {
  enum class Kind { kCompare, kAll, kAny };
  Kind kind = Kind::kCompare;
  std::string output;
  CompareOp op = CompareOp::kGreaterEqual;
  QuantityId threshold = kNoQuantity;
  std::vector<Rule> children;
  Location where;
};

/// A forecast question. Outputs of the timeline are read at month `month` (`by == false`), or
/// the question holds if its rule holds in any month up to `month` (`by == true`).
struct Question {
  std::string id, text;
  std::string resolution;  ///< how the question resolves in the world, in words (for scoring)
  int horizon_months = 0;
  int month = 0;            ///< 1-based month the question resolves at (its horizon by default)
  bool by = false;          ///< "by date": the rule holds in some month up to `month`
  std::string date;         ///< YYYY-MM of `month`
  bool diagnostic = false;  ///< reads only equilibrium outputs: a property of the model, not an event
  std::vector<std::string> mechanisms;
  Rule rule;
  Location where;
};

/// A named what-if (the scenario's `variants:` section): parameters given other values,
/// distributions or expressions. Applied when the scenario is loaded (Overrides).
struct Variant {
  std::string name, note;
  std::vector<std::string> parameters;  ///< the parameters it overrides, in the order written
  Location where;
};

/// Changes applied to a scenario as it is loaded: one of its variants, then one-off settings of
/// parameters (`--set NAME=VALUE`: VALUE a number, an expression or a YAML mapping such as
/// `{dist: uniform, min: 1, max: 2}`). A parameter keeps its source, unit and random stream, so
/// that runs of different variants use common random numbers.
struct Overrides {
  std::string variant;                                   ///< "" for none
  std::vector<std::pair<std::string, std::string>> set;  ///< (parameter, VALUE)
  [[nodiscard]] bool empty() const { return variant.empty() && set.empty(); }
};

/// Metadata of the scenario.
struct Meta {
  std::string name, description, as_of;
  int horizon_months = 12;
  std::uint64_t seed = 0;
};

/// A loaded, validated scenario. Immutable once loaded; safe to share between threads.
struct Scenario {
  std::string file;    ///< file name used in messages
  std::string sha256;  ///< of the file's bytes
  Meta meta;
  std::vector<Source> sources;
  std::vector<Quantity> quantities;
  std::map<std::string, QuantityId> parameters;  ///< parameter id -> quantity
  std::vector<QuantityId> evaluation_order;      ///< quantities in dependency order
  std::vector<Actor> actors;
  std::vector<Issue> issues;
  std::vector<Link> links;
  std::vector<Game> games;
  std::vector<Setting> society;
  std::vector<StructuralChoice> structural;  ///< `structural:` choices between models
  Timeline timeline;
  std::vector<Question> questions;
  std::vector<Variant> variants;
  Overrides applied;                 ///< the overrides this scenario was loaded with
  std::vector<Diagnostic> warnings;  ///< problems that do not invalidate the scenario

  /// Index of the actor with this id, or -1.
  [[nodiscard]] int actor_index(const std::string& id) const;
  /// Index of the structural choice with this id, or -1.
  [[nodiscard]] int structural_index(const std::string& id) const;
  /// Number of uncertain quantities (random, or expressions that depend on random ones).
  [[nodiscard]] std::size_t uncertain_count() const;
};

/// Parses and validates a scenario; `file` names it in messages.
/// @throws ScenarioError listing every problem found.
Scenario load_scenario(const std::string& text, const std::string& file);

/// Loads a scenario with overrides applied. @throws ScenarioError (a problem in the scenario or
/// in an override, located), UsageError (no such variant or parameter).
Scenario load_scenario(const std::string& text, const std::string& file, const Overrides& overrides);

/// The text of a scenario file: a regular file over 16 MiB is refused before it is read, a pipe
/// or device is read only up to that limit. @throws IoError, ScenarioError (too large).
std::string read_scenario_text(const std::string& path);

/// Reads (read_scenario_text) and loads a scenario file. @throws IoError, ScenarioError.
Scenario load_scenario_file(const std::string& path);

/// The text of the embedded default scenario (scenarios/belarus.yaml).
const std::string& default_scenario_text();

/// The embedded default scenario, loaded (file name "belarus.yaml (embedded)").
Scenario load_default_scenario();

}  // namespace statecraft::scenario
