// Two-player constant-sum games by linear programming (von Neumann 1928; Dantzig 1951):
//   max v  s.t.  sum_i x_i A_ij >= v (all j),  sum x = 1,  x >= 0
// and the dual problem for the column player. GLPK solves both in floating point; the optimal
// supports are then used to recompute the strategies exactly (equalising the payoffs of the
// support of the opponent) and the result is verified as an exact equilibrium.

#include <algorithm>

#include "games/detail/mixture_lp.hpp"
#include "games/detail/solver_util.hpp"
#include "statecraft/error.hpp"
#include "statecraft/games/solvers.hpp"

namespace statecraft::games {

namespace {

// Solves max v s.t. sum_i x_i M[i][j] >= v for all j, sum x = 1; returns x (size rows).
bool maximin(const std::vector<std::vector<double>>& M, std::vector<double>& x, double& v) {
  // Rows of the LP are the columns j of M; its mixture runs over the rows i of M.
  std::vector<std::vector<double>> a(M[0].size(), std::vector<double>(M.size()));
  for (std::size_t i = 0; i < M.size(); ++i)
    for (std::size_t j = 0; j < M[0].size(); ++j) a[j][i] = M[i][j];
  detail::MixtureLp lp;
  if (!detail::solve_mixture_lp(a, std::vector<double>(a.size(), 0.0), lp)) return false;
  x = std::move(lp.weights);
  v = lp.value;
  return true;
}

// Exact strategy on support S equalising payoffs on the opponent's support T:
// sum_{i in S} x_i M[i][j] = v (j in T), sum x = 1. Solved by least-determined square system when
// |S| = |T|; returns false otherwise.
bool exact_on_support(const std::vector<std::vector<Rational>>& M, const std::vector<std::size_t>& S,
                      const std::vector<std::size_t>& T, std::vector<Rational>& x) {
  if (S.size() != T.size()) return false;
  const std::size_t k = S.size();
  std::vector<std::vector<Rational>> sys(k + 1, std::vector<Rational>(k + 1, Rational(0)));
  std::vector<Rational> rhs(k + 1, Rational(0));
  for (std::size_t t = 0; t < k; ++t) {
    for (std::size_t s = 0; s < k; ++s) sys[t][s] = M[S[s]][T[t]];
    sys[t][k] = -1;
  }
  for (std::size_t s = 0; s < k; ++s) sys[k][s] = 1;
  rhs[k] = 1;
  std::vector<Rational> sol;
  if (!detail::solve_exact(sys, rhs, sol)) return false;
  x.assign(M.size(), Rational(0));
  for (std::size_t s = 0; s < k; ++s) x[S[s]] = sol[s];
  return true;
}

}  // namespace

NfgSolution zero_sum_lp(const NormalFormGame& g) {
  const auto bm = detail::bimatrix_of(g, "zero-sum LP");
  if (!g.is_constant_sum()) throw UsageError("--method lp needs a constant-sum game; use enum or lh");
  const std::size_t m = bm.m, n = bm.n;
  std::vector<std::vector<double>> A(m, std::vector<double>(n)), Bt(n, std::vector<double>(m));
  std::vector<std::vector<Rational>> Aq = bm.a, Btq(n, std::vector<Rational>(m));
  // GLPK sees the payoffs divided by the largest |payoff| (finite, in [-1, 1]); the optimal
  // strategies do not change and the value is scaled back.
  const Rational sa = detail::payoff_scale(g, 0), sb = detail::payoff_scale(g, 1);
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      A[i][j] = Rational(bm.a[i][j] / sa).get_d();
      Bt[j][i] = Rational(bm.b[i][j] / sb).get_d();
      Btq[j][i] = bm.b[i][j];
    }
  NfgSolution sol;
  sol.method = "lp";
  std::vector<double> x, y;
  double v1 = 0, v2 = 0;
  if (!maximin(A, x, v1) || !maximin(Bt, y, v2)) {
    sol.message = "GLPK did not find an optimal solution";
    return sol;
  }
  std::vector<std::size_t> S, T;
  for (std::size_t i = 0; i < m; ++i)
    if (x[i] > 1e-9) S.push_back(i);
  for (std::size_t j = 0; j < n; ++j)
    if (y[j] > 1e-9) T.push_back(j);
  std::vector<Rational> xq, yq;
  if (exact_on_support(Aq, S, T, xq) && exact_on_support(Btq, T, S, yq)) {
    MixedProfile prof{xq, yq};
    if (is_nash(g, prof)) {
      sol.equilibria.push_back(
          make_equilibrium(g, std::move(prof), "value " + expected_payoff(g, MixedProfile{xq, yq}, 0).get_str()));
      sol.message = "optimal strategies recomputed exactly on the LP supports and verified";
      sol.complete = false;
      return sol;
    }
  }
  sol.equilibria.push_back(make_equilibrium(g, MixedProfileD{x, y}, "value " + std::to_string(v1 * sa.get_d())));
  sol.message = "floating-point LP solution (exact recomputation on its support failed: degenerate supports)";
  return sol;
}

}  // namespace statecraft::games
