#pragma once
/// @file solvers.hpp
/// Equilibrium computation. Every solver takes a plain in-memory game (NormalFormGame or
/// ExtensiveGame) and returns a result struct; "no equilibrium found" or "did not converge" are
/// result fields, not exceptions. Exact results are verified in rational arithmetic before
/// they are reported. See docs/models/games.md for the methods and references.

#include <cstddef>
#include <string>
#include <vector>

#include "statecraft/games/extensive_form.hpp"
#include "statecraft/games/normal_form.hpp"

namespace statecraft::games {

/// One equilibrium of a normal-form game.
struct NfgEquilibrium {
  bool exact = false;             ///< profile/payoffs hold verified exact values
  MixedProfile profile;           ///< exact profile (when exact)
  MixedProfileD profile_d;        ///< floating-point profile (always)
  std::vector<Rational> payoffs;  ///< exact expected payoffs (when exact)
  std::vector<double> payoffs_d;  ///< floating-point expected payoffs (always)
  std::string note;               ///< method-specific detail (e.g. LH start labels, lambda)
};

/// The result of a normal-form solver.
struct NfgSolution {
  std::string method;                      ///< solver name
  std::vector<NfgEquilibrium> equilibria;  ///< sorted, distinct
  bool complete = false;                   ///< true when the list is provably complete for the method
  std::string message;                     ///< outcome notes (e.g. "no pure equilibrium")
  std::size_t work = 0;                    ///< method-specific effort (vertices, pivots, steps)
};

/// Builds an NfgEquilibrium from an exact profile (computes payoffs and the double copy).
NfgEquilibrium make_equilibrium(const NormalFormGame& g, MixedProfile profile, std::string note = "");
/// Builds an approximate NfgEquilibrium from a floating-point profile.
NfgEquilibrium make_equilibrium(const NormalFormGame& g, MixedProfileD profile, std::string note = "");

/// All pure-strategy Nash equilibria of an n-player game (exhaustive check of every cell).
NfgSolution pure_equilibria(const NormalFormGame& g);

/// The result of iterated elimination of strictly dominated strategies.
struct DominanceResult {
  NormalFormGame reduced;                      ///< the game on the surviving strategies
  std::vector<std::vector<std::size_t>> kept;  ///< surviving original strategy indices per player
  std::vector<std::string> log;                ///< one line per elimination, in order
};
/// Iterated elimination of strictly dominated strategies (by pure strategies, and with
/// `mixed` also by mixed strategies, each test a linear program solved with GLPK and the
/// dominating mixture then verified exactly). Order-independent for strict dominance.
DominanceResult eliminate_dominated(const NormalFormGame& g, bool mixed);

/// Options of the extreme-equilibrium enumeration.
struct EnumOptions {
  bool exact_pivoting = false;         ///< pivot in rational arithmetic instead of floating point
  bool parallel = true;                ///< use TBB (results are identical on any thread count)
  double tolerance = 1e-9;             ///< floating-point tie tolerance (relative)
  std::size_t max_bases = 50'000'000;  ///< stop (complete = false) after this many bases per polytope
};
/// All extreme Nash equilibria of a 2-player game, degenerate games included: every pair of
/// vertices (x, y) of the best-response polytopes P and Q that is completely labelled
/// (Mangasarian 1964; Avis, Rosenberg, Savani & von Stengel 2010). Vertices are found by a
/// graph search over the feasible bases (all pivots, ties included), each basis refactorised
/// from the data; every reported equilibrium is recomputed and verified in exact arithmetic.
/// @throws UsageError unless the game has 2 players.
NfgSolution enumerate_extreme_equilibria(const NormalFormGame& g, const EnumOptions& options = {});

/// Lemke–Howson (1964) in exact rational arithmetic from every starting label 1..m+n,
/// with lexicographic ratio tests for degenerate games. Distinct equilibria, each noting the
/// labels that reached it. @throws UsageError unless 2 players.
NfgSolution lemke_howson(const NormalFormGame& g);

/// A point on the logit QRE path.
struct QrePoint {
  double lambda = 0;      ///< logit precision
  MixedProfileD profile;  ///< QRE at lambda
};
/// Options of the logit QRE path following.
struct QreOptions {
  double max_lambda = 1e6;   ///< stop when lambda exceeds this
  double max_regret = 1e-6;  ///< or when the max regret, relative to the payoff range, is below this
  double first_step = 0.03;  ///< initial arc-length step
  bool keep_path = false;    ///< store every accepted point
  std::size_t max_steps = 100000;
};
/// The result of QRE path following.
struct QreResult {
  std::vector<QrePoint> path;  ///< accepted points (when keep_path) else only the last
  MixedProfileD profile;       ///< the last point
  double lambda = 0;           ///< its lambda
  double regret = 0;           ///< max regret of the last point
  bool converged = false;      ///< reached the regret target
  std::size_t steps = 0;       ///< predictor-corrector steps taken
};
/// Logit quantal response equilibrium of an n-player normal-form game, traced from the
/// centroid (lambda = 0) by predictor-corrector continuation in log-probabilities
/// (McKelvey & Palfrey 1995; Turocy 2005), towards a Nash equilibrium as lambda grows.
QreResult logit_qre(const NormalFormGame& g, const QreOptions& options = {});

/// The agent logit QRE of an extensive game (McKelvey & Palfrey 1998), traced the same way
/// over behaviour strategies; the limit is a sequential-equilibrium candidate.
struct AgentQreResult {
  BehaviorProfileD profile;  ///< per infoset action probabilities (chance: its probabilities)
  double lambda = 0;         ///< last lambda
  double regret = 0;         ///< largest gain of an agent by a local deviation
  bool converged = false;    ///< regret target reached
  std::size_t steps = 0;     ///< steps taken
};
/// Agent logit QRE of an extensive game by path following.
AgentQreResult agent_logit_qre(const ExtensiveGame& g, const QreOptions& options = {});

/// One equilibrium of an extensive game in behaviour strategies.
struct EfgEquilibrium {
  bool exact = false;             ///< exact profile and payoffs verified
  BehaviorProfile profile;        ///< exact (when exact)
  BehaviorProfileD profile_d;     ///< floating point (always)
  std::vector<Rational> payoffs;  ///< exact expected payoffs (when exact)
  std::vector<double> payoffs_d;  ///< floating-point expected payoffs
  std::string note;               ///< detail
};
/// The result of an extensive-form solver.
struct EfgSolution {
  std::string method;                      ///< solver name
  std::vector<EfgEquilibrium> equilibria;  ///< found equilibria
  bool complete = false;                   ///< provably all (for the method)
  std::string message;                     ///< notes
};

/// Subgame-perfect equilibrium of a perfect-information game with chance by backward
/// induction (Kuhn 1953; Selten 1965), exact; ties broken toward the first action (listed in
/// the message when they occur). @throws UsageError when the game has imperfect information.
EfgSolution backward_induction(const ExtensiveGame& g);

/// A Nash equilibrium of a 2-player extensive game with perfect recall from the sequence-form
/// LCP (Koller, Megiddo & von Stengel 1996) solved by Lemke's algorithm in exact arithmetic.
/// @throws UsageError unless 2 players with perfect recall.
EfgSolution sequence_form_lcp(const ExtensiveGame& g);

/// Optimal (maximin) strategies and the value of a 2-player constant-sum game by linear
/// programming (von Neumann 1928; Dantzig 1951) with GLPK, then recomputed exactly on the
/// optimal supports and verified. @throws UsageError unless 2 players and constant-sum.
NfgSolution zero_sum_lp(const NormalFormGame& g);

}  // namespace statecraft::games
