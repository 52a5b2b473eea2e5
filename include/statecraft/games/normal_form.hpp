#pragma once
/// @file normal_form.hpp
/// n-player games in normal (strategic) form. Payoffs are held as exact rationals (GMP
/// `mpq_class`); a double given to the API is converted exactly (every finite double is a
/// dyadic rational), so a game built from doubles and one read from a file are solved alike.

#include <gmpxx.h>

#include <cstddef>
#include <string>
#include <vector>

namespace statecraft::games {

/// An exact rational number (GMP).
using Rational = mpq_class;

/// Converts a finite double to the rational it denotes exactly. @throws UsageError if not finite.
Rational to_rational(double v);
/// Text of a rational: "3", "-1/2".
std::string to_string(const Rational& q);

/// A named payoff vector that several cells of a normal-form game may share (Gambit's outcome).
struct NfgOutcome {
  std::string label;              ///< outcome name (may be empty)
  std::vector<Rational> payoffs;  ///< one payoff per player
};

/// An n-player normal-form game. Cells are indexed as in Gambit: player 1's strategy changes
/// fastest. Thread-safety: const member functions may be called concurrently.
class NormalFormGame {
 public:
  /// An empty game; mostly useful as a target for assignment.
  NormalFormGame() = default;
  /// A game with the given player names and strategy labels; all payoffs 0.
  /// @throws UsageError when there are no players or a player has no strategy.
  NormalFormGame(std::vector<std::string> players, std::vector<std::vector<std::string>> strategies,
                 std::string title = "");
  /// A game with `counts[p]` strategies for player p, labelled "1","2",...; players "Player 1"...
  explicit NormalFormGame(const std::vector<std::size_t>& counts, std::string title = "");
  /// A bimatrix game (A for the row player, B for the column player), exact payoffs.
  /// @throws UsageError when the matrices are empty or not of the same shape.
  static NormalFormGame bimatrix(const std::vector<std::vector<Rational>>& a,
                                 const std::vector<std::vector<Rational>>& b);
  /// A bimatrix game from double payoffs (converted exactly).
  static NormalFormGame bimatrix(const std::vector<std::vector<double>>& a, const std::vector<std::vector<double>>& b);

  /// Number of players.
  [[nodiscard]] std::size_t num_players() const noexcept { return players_.size(); }
  /// Number of pure strategies of player `p` (0-based).
  [[nodiscard]] std::size_t num_strategies(std::size_t p) const { return strategies_.at(p).size(); }
  /// Number of strategy profiles (cells).
  [[nodiscard]] std::size_t num_cells() const noexcept { return num_cells_; }
  /// Flat index of a pure profile (player 1 fastest).
  [[nodiscard]] std::size_t cell_index(const std::vector<std::size_t>& profile) const;
  /// The pure profile of a flat index.
  [[nodiscard]] std::vector<std::size_t> cell_profile(std::size_t cell) const;
  /// Stride of player p in the flat cell index.
  [[nodiscard]] std::size_t stride(std::size_t p) const { return strides_.at(p); }

  /// Payoff of `player` in cell `cell`.
  [[nodiscard]] const Rational& payoff(std::size_t cell, std::size_t player) const {
    return payoffs_[cell * players_.size() + player];
  }
  /// Payoff of `player` at a pure profile.
  [[nodiscard]] const Rational& payoff(const std::vector<std::size_t>& profile, std::size_t player) const {
    return payoff(cell_index(profile), player);
  }
  /// Sets one payoff exactly. Turns an outcome-defined game into a payoff-defined one.
  void set_payoff(std::size_t cell, std::size_t player, const Rational& v);
  /// Sets one payoff from a double (converted exactly).
  void set_payoff(std::size_t cell, std::size_t player, double v) { set_payoff(cell, player, to_rational(v)); }
  /// Sets one payoff at a pure profile.
  void set_payoff(const std::vector<std::size_t>& profile, std::size_t player, const Rational& v) {
    set_payoff(cell_index(profile), player, v);
  }

  /// Defines the payoffs through outcomes (Gambit's outcome version): `cell_outcome[c]` is a
  /// 1-based index into `outcomes`, 0 for the null outcome (all payoffs 0).
  /// @throws UsageError on wrong sizes or indices.
  void set_outcomes(std::vector<NfgOutcome> outcomes, std::vector<std::size_t> cell_outcome);
  /// True when the payoffs were defined through outcomes.
  [[nodiscard]] bool has_outcomes() const noexcept { return !cell_outcome_.empty(); }
  /// The outcomes (empty unless has_outcomes()).
  [[nodiscard]] const std::vector<NfgOutcome>& outcomes() const noexcept { return outcomes_; }
  /// The outcome index of each cell (empty unless has_outcomes()).
  [[nodiscard]] const std::vector<std::size_t>& cell_outcomes() const noexcept { return cell_outcome_; }

  /// Player names.
  [[nodiscard]] const std::vector<std::string>& players() const noexcept { return players_; }
  /// Strategy labels per player.
  [[nodiscard]] const std::vector<std::vector<std::string>>& strategies() const noexcept { return strategies_; }
  /// The title.
  [[nodiscard]] const std::string& title() const noexcept { return title_; }
  /// The comment (free text).
  [[nodiscard]] const std::string& comment() const noexcept { return comment_; }
  /// Sets the title.
  void set_title(std::string t) { title_ = std::move(t); }
  /// Sets the comment.
  void set_comment(std::string c) { comment_ = std::move(c); }

  /// Payoffs of one player as doubles, in cell order.
  [[nodiscard]] std::vector<double> payoffs_double(std::size_t player) const;
  /// True when every cell's payoffs sum to the same constant (constant-sum game).
  [[nodiscard]] bool is_constant_sum() const;

  /// Same players, strategies and payoffs (labels and title included).
  friend bool operator==(const NormalFormGame& a, const NormalFormGame& b);

 private:
  void init_();
  std::string title_, comment_;
  std::vector<std::string> players_;
  std::vector<std::vector<std::string>> strategies_;
  std::vector<std::size_t> strides_;
  std::size_t num_cells_ = 0;
  std::vector<Rational> payoffs_;  // cell-major, player-minor
  std::vector<NfgOutcome> outcomes_;
  std::vector<std::size_t> cell_outcome_;
};

/// A mixed-strategy profile: one probability vector per player.
using MixedProfile = std::vector<std::vector<Rational>>;
/// A mixed-strategy profile in floating point.
using MixedProfileD = std::vector<std::vector<double>>;

/// Expected payoff of `player` under an exact mixed profile.
Rational expected_payoff(const NormalFormGame& g, const MixedProfile& s, std::size_t player);
/// Expected payoff of each of `player`'s pure strategies against the others' mixed strategies.
std::vector<Rational> strategy_values(const NormalFormGame& g, const MixedProfile& s, std::size_t player);
/// Floating-point versions of the two functions above.
double expected_payoff(const NormalFormGame& g, const MixedProfileD& s, std::size_t player);
/// Floating-point payoff of each pure strategy of `player` against the others' mixed strategies.
std::vector<double> strategy_values(const NormalFormGame& g, const MixedProfileD& s, std::size_t player);
/// True when the exact profile is a Nash equilibrium (checked exactly).
bool is_nash(const NormalFormGame& g, const MixedProfile& s);
/// Largest gain any player gets by deviating to a pure strategy (floating point).
double max_regret(const NormalFormGame& g, const MixedProfileD& s);

}  // namespace statecraft::games
