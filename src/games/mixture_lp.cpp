#include "games/detail/mixture_lp.hpp"

#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace statecraft::games::detail {

namespace {

struct LpDeleter {
  void operator()(glp_prob* lp) const { glp_delete_prob(lp); }
};

// Columns 1..n are the weights, column n + 1 is t; rows 1..m the constraints, row m + 1 the sum.
void load(glp_prob* lp, const std::vector<std::vector<double>>& a, const std::vector<double>& b, double t_max) {
  const int m = static_cast<int>(a.size());
  const int n = static_cast<int>(a.front().size());
  glp_set_obj_dir(lp, GLP_MAX);
  glp_add_cols(lp, n + 1);
  for (int j = 1; j <= n; ++j) glp_set_col_bnds(lp, j, GLP_LO, 0.0, 0.0);
  glp_set_col_bnds(lp, n + 1, std::isfinite(t_max) ? GLP_UP : GLP_FR, 0.0, std::isfinite(t_max) ? t_max : 0.0);
  glp_set_obj_coef(lp, n + 1, 1.0);
  glp_add_rows(lp, m + 1);
  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0.0};
  auto put = [&](int row, int col, double v) {
    ia.push_back(row);
    ja.push_back(col);
    ar.push_back(v);
  };
  for (int k = 1; k <= m; ++k) {
    glp_set_row_bnds(lp, k, GLP_LO, b[static_cast<std::size_t>(k - 1)], 0.0);
    for (int j = 1; j <= n; ++j) put(k, j, a[static_cast<std::size_t>(k - 1)][static_cast<std::size_t>(j - 1)]);
    put(k, n + 1, -1.0);
  }
  glp_set_row_bnds(lp, m + 1, GLP_FX, 1.0, 1.0);
  for (int j = 1; j <= n; ++j) put(m + 1, j, 1.0);
  glp_load_matrix(lp, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
}

}  // namespace

bool solve_mixture_lp(const std::vector<std::vector<double>>& a, const std::vector<double>& b, MixtureLp& out,
                      double t_max) {
  if (a.empty() || a.front().empty()) return false;
  std::unique_ptr<glp_prob, LpDeleter> lp(glp_create_prob());
  load(lp.get(), a, b, t_max);
  glp_smcp parm;
  glp_init_smcp(&parm);
  parm.msg_lev = GLP_MSG_OFF;
  parm.presolve = GLP_ON;
  if (glp_simplex(lp.get(), &parm) != 0 || glp_get_status(lp.get()) != GLP_OPT) return false;
  const int n = static_cast<int>(a.front().size());
  out.weights.resize(static_cast<std::size_t>(n));
  for (int j = 1; j <= n; ++j)
    out.weights[static_cast<std::size_t>(j - 1)] = std::max(0.0, glp_get_col_prim(lp.get(), j));
  out.value = glp_get_col_prim(lp.get(), n + 1);
  return true;
}

}  // namespace statecraft::games::detail
