#pragma once
// The one linear program that the dominance test and the zero-sum solver share: the best
// mixture of the columns of a payoff table against every row,
//   max t  s.t.  sum_j w_j a[k][j] - t >= b[k]  (every row k),  sum_j w_j = 1,  w >= 0,  t <= t_max,
// solved in floating point with GLPK (simplex with presolve, messages off).

#include <limits>
#include <vector>

namespace statecraft::games::detail {

struct MixtureLp {
  std::vector<double> weights;  ///< w, one per column
  double value = 0.0;           ///< t at the optimum
};

/// `a` holds the rows (each of the same length, >= 1 column); `b` one bound per row. Returns
/// false when GLPK finds no optimum. Weights are clamped at 0 (GLPK may return -0 or -1e-17).
bool solve_mixture_lp(const std::vector<std::vector<double>>& a, const std::vector<double>& b, MixtureLp& out,
                      double t_max = std::numeric_limits<double>::infinity());

}  // namespace statecraft::games::detail
