#pragma once
/// @file extensive_form.hpp
/// Extensive-form games: a tree of chance, personal and terminal nodes, information sets and
/// outcomes (payoff vectors attached to nodes; outcomes on inner nodes add up along the path).
/// Built programmatically in the style of Gambit: create the game, turn nodes into decision or
/// chance nodes by giving them an information set (which creates one child per action), attach
/// outcomes.

#include <cstddef>
#include <string>
#include <vector>

#include "statecraft/games/normal_form.hpp"

namespace statecraft::games {

/// An outcome of an extensive game: a label and one payoff per player.
struct EfgOutcome {
  std::string label;              ///< outcome name (may be empty)
  std::vector<Rational> payoffs;  ///< one per player
};

/// An information set. Player 0 is chance; personal players are 1-based.
struct Infoset {
  std::size_t player = 0;            ///< 0 = chance, else 1-based player number
  std::size_t number = 0;            ///< the 1-based id of this infoset within its player
  std::string label;                 ///< name
  std::vector<std::string> actions;  ///< action labels
  std::vector<Rational> probs;       ///< chance probabilities (chance infosets only)
  std::vector<std::size_t> members;  ///< nodes in this infoset, in creation order
};

/// Kind of a node.
enum class NodeKind { kTerminal, kChance, kPersonal };

/// A node of the tree.
struct Node {
  NodeKind kind = NodeKind::kTerminal;                ///< terminal until given an infoset
  std::string label;                                  ///< node name
  std::size_t infoset = 0;                            ///< index into ExtensiveGame::infosets() (non-terminal)
  std::size_t outcome = 0;                            ///< 1-based index into outcomes(), 0 = none
  std::size_t parent = static_cast<std::size_t>(-1);  ///< parent node (root: -1)
  std::size_t parent_action = 0;                      ///< action index taken at the parent to reach this node
  std::vector<std::size_t> children;                  ///< one per action of the infoset
};

/// An extensive-form game. Node 0 is the root. Thread-safety: const functions are safe.
class ExtensiveGame {
 public:
  /// An empty game (no players, a single terminal root).
  ExtensiveGame() : ExtensiveGame(std::vector<std::string>{}) {}
  /// A game with the given players and a single terminal root node.
  explicit ExtensiveGame(std::vector<std::string> players, std::string title = "");

  /// Adds an outcome (exact payoffs, one per player); returns its 1-based index.
  /// @throws UsageError on a wrong number of payoffs.
  std::size_t add_outcome(std::string label, std::vector<Rational> payoffs);
  /// Adds an outcome from double payoffs; returns its 1-based index.
  std::size_t add_outcome(std::string label, const std::vector<double>& payoffs);
  /// Adds a personal information set for `player` (1-based); returns its index.
  std::size_t add_infoset(std::size_t player, std::string label, std::vector<std::string> actions);
  /// Adds a chance information set with exact probabilities; returns its index.
  /// @throws UsageError when probabilities are negative or (with `check_sum`) do not sum to 1.
  std::size_t add_chance_infoset(std::string label, std::vector<std::string> actions, std::vector<Rational> probs,
                                 bool check_sum = true);
  /// Adds a chance information set from double probabilities (converted exactly; must sum to 1
  /// within 1e-12, the last one is adjusted to make the sum exact).
  std::size_t add_chance_infoset(std::string label, std::vector<std::string> actions, const std::vector<double>& probs);
  /// Makes terminal node `node` a member of infoset `infoset`, creating one terminal child per
  /// action; returns the children. @throws UsageError if the node is not terminal.
  std::vector<std::size_t> set_infoset(std::size_t node, std::size_t infoset);
  /// Attaches an outcome (1-based, 0 = none) to a node.
  void set_outcome(std::size_t node, std::size_t outcome);
  /// Sets a node's label.
  void set_node_label(std::size_t node, std::string label);
  /// The child of `node` reached by action `action`.
  [[nodiscard]] std::size_t child(std::size_t node, std::size_t action) const {
    return nodes_.at(node).children.at(action);
  }

  /// The root node (0).
  [[nodiscard]] static constexpr std::size_t root() noexcept { return 0; }
  /// All nodes (index = node id; not necessarily preorder).
  [[nodiscard]] const std::vector<Node>& nodes() const noexcept { return nodes_; }
  /// All information sets.
  [[nodiscard]] const std::vector<Infoset>& infosets() const noexcept { return infosets_; }
  /// All outcomes (outcome i is outcomes()[i-1]).
  [[nodiscard]] const std::vector<EfgOutcome>& outcomes() const noexcept { return outcomes_; }
  /// Player names.
  [[nodiscard]] const std::vector<std::string>& players() const noexcept { return players_; }
  /// Number of personal players.
  [[nodiscard]] std::size_t num_players() const noexcept { return players_.size(); }
  /// Infoset indices of player `player` (1-based; 0 = chance), in order of their numbers.
  [[nodiscard]] std::vector<std::size_t> player_infosets(std::size_t player) const;
  /// Nodes in preorder (root first, children in action order).
  [[nodiscard]] std::vector<std::size_t> preorder() const;
  /// The title.
  [[nodiscard]] const std::string& title() const noexcept { return title_; }
  /// The comment.
  [[nodiscard]] const std::string& comment() const noexcept { return comment_; }
  /// Sets the title.
  void set_title(std::string t) { title_ = std::move(t); }
  /// Sets the comment.
  void set_comment(std::string c) { comment_ = std::move(c); }
  /// Sets an outcome's label.
  void set_outcome_label(std::size_t outcome, std::string label) { outcomes_.at(outcome - 1).label = std::move(label); }
  /// Sets an infoset's number (the id used in .efg files; must be unique per player).
  void set_infoset_number(std::size_t infoset, std::size_t number);

  /// True when every information set is a single node (perfect information).
  [[nodiscard]] bool is_perfect_information() const;
  /// True when every personal player has perfect recall.
  [[nodiscard]] bool has_perfect_recall() const;
  /// Sum of outcome payoffs along the path from the root to `node` (inclusive).
  [[nodiscard]] std::vector<Rational> path_payoffs(std::size_t node) const;

  /// Same tree, labels, infosets, probabilities and payoffs.
  friend bool operator==(const ExtensiveGame& a, const ExtensiveGame& b);

 private:
  std::string title_, comment_;
  std::vector<std::string> players_;
  std::vector<Node> nodes_;
  std::vector<Infoset> infosets_;
  std::vector<EfgOutcome> outcomes_;
  // Per player (0 = chance), the largest infoset number given so far: a new infoset is numbered
  // one above it without scanning all infosets (reading a file stays linear in its size).
  std::vector<std::size_t> max_number_;
  std::size_t next_number(std::size_t player);
};

/// Options of the reduction to normal form.
struct ReductionOptions {
  std::size_t max_cells = 5'000'000;  ///< refuse (UsageError) larger normal forms
};

/// The reduced normal form of an extensive game (Kuhn 1953; strategies that differ only at
/// information sets their own earlier moves exclude are merged). Strategy labels list one
/// action per own information set in infoset order, "*" where it is unreachable.
/// @throws UsageError when the result would exceed options.max_cells.
NormalFormGame reduced_normal_form(const ExtensiveGame& g, const ReductionOptions& options = {});

/// A behaviour strategy profile: for each infoset index (of ExtensiveGame::infosets()), the
/// probability of each action (chance infosets carry their fixed probabilities).
using BehaviorProfile = std::vector<std::vector<Rational>>;
/// A floating-point behaviour profile.
using BehaviorProfileD = std::vector<std::vector<double>>;

/// Expected payoffs of all players under a behaviour profile (exact).
std::vector<Rational> expected_payoffs(const ExtensiveGame& g, const BehaviorProfile& b);
/// Expected payoffs of all players under a behaviour profile (floating point).
std::vector<double> expected_payoffs(const ExtensiveGame& g, const BehaviorProfileD& b);

}  // namespace statecraft::games
