#pragma once
// Internal helpers shared by the game solvers.

#include <vector>

#include "statecraft/games/normal_form.hpp"
#include "statecraft/games/solvers.hpp"

namespace statecraft::games::detail {

/// Payoff matrices of a 2-player game, a[i][j] for player 1 and b[i][j] for player 2.
struct Bimatrix {
  std::size_t m = 0, n = 0;
  std::vector<std::vector<Rational>> a, b;
};
/// Extracts the bimatrix. @throws UsageError unless 2 players.
Bimatrix bimatrix_of(const NormalFormGame& g, const char* method);

/// The matrix with a constant added so that every entry is at least 1 (equilibria are
/// invariant under adding a constant to a player's payoffs).
std::vector<std::vector<Rational>> shifted_positive(const std::vector<std::vector<Rational>>& x);

/// Solves the square system M x = rhs exactly; returns false when M is singular.
bool solve_exact(std::vector<std::vector<Rational>> mat, std::vector<Rational> rhs, std::vector<Rational>& x);

/// The largest |payoff| of player p (1 when all are 0): dividing by it maps every payoff into
/// [-1, 1], so the doubles handed to floating-point code (GLPK) are finite and well scaled.
Rational payoff_scale(const NormalFormGame& g, std::size_t p);

/// Sorts equilibria (by their exact or double profile) and removes duplicates.
void sort_unique(std::vector<NfgEquilibrium>& eqs);

}  // namespace statecraft::games::detail
