// Pure-strategy equilibria and iterated elimination of strictly dominated strategies.
//
// Pure equilibria: a cell is an equilibrium iff no player gains by a unilateral pure deviation
// (Nash 1951; checked exhaustively). Dominance: a strategy s of player i is strictly dominated
// by a mixed strategy sigma iff max eps s.t. sum_t sigma_t u_i(t, c) >= u_i(s, c) + eps for all
// opponent profiles c, sum sigma = 1, sigma >= 0, has eps* > 0 (Myerson 1991, Thm 1.6; the LP
// form follows Fudenberg & Tirole 1991, sec. 2.1). The LP is solved with GLPK; the mixture it
// returns is converted to rationals and the strict dominance is then verified exactly, so only
// strategies that are provably dominated are removed. Strict dominance is order independent
// (Gilboa, Kalai & Zemel 1990), so whole rounds are removed at once.

#include <glpk.h>

#include <algorithm>
#include <sstream>

#include "games/detail/solver_util.hpp"
#include "statecraft/error.hpp"
#include "statecraft/games/solvers.hpp"

namespace statecraft::games {

NfgSolution pure_equilibria(const NormalFormGame& g) {
  NfgSolution sol;
  sol.method = "pure";
  const std::size_t np = g.num_players();
  for (std::size_t c = 0; c < g.num_cells(); ++c) {
    const auto prof = g.cell_profile(c);
    bool eq = true;
    for (std::size_t p = 0; p < np && eq; ++p) {
      const std::size_t base = c - prof[p] * g.stride(p);
      for (std::size_t s = 0; s < g.num_strategies(p); ++s)
        if (g.payoff(base + s * g.stride(p), p) > g.payoff(c, p)) { eq = false; break; }
    }
    if (!eq) continue;
    MixedProfile mp(np);
    for (std::size_t p = 0; p < np; ++p) {
      mp[p].assign(g.num_strategies(p), Rational(0));
      mp[p][prof[p]] = 1;
    }
    sol.equilibria.push_back(make_equilibrium(g, std::move(mp)));
  }
  sol.work = g.num_cells();
  sol.complete = true;
  if (sol.equilibria.empty()) sol.message = "no pure-strategy equilibrium";
  detail::sort_unique(sol.equilibria);
  return sol;
}

namespace {

// Payoff of player p's strategy s (index into kept[p]) against opponents' profile `opp` (cell
// with p's coordinate set to 0 in the reduced index space).
struct Reduced {
  const NormalFormGame& g;
  const std::vector<std::vector<std::size_t>>& kept;
  // Enumerates opponent profiles of player p over kept strategies, calling f(cell_base).
  template <class F>
  void each_opponent(std::size_t p, F&& f) const {
    const std::size_t np = g.num_players();
    std::vector<std::size_t> idx(np, 0);
    while (true) {
      std::size_t cell = 0;
      for (std::size_t q = 0; q < np; ++q)
        if (q != p) cell += kept[q][idx[q]] * g.stride(q);
      f(cell);
      std::size_t q = 0;
      for (; q < np; ++q) {
        if (q == p) continue;
        if (++idx[q] < kept[q].size()) break;
        idx[q] = 0;
      }
      if (q == np) break;
    }
  }
};

bool pure_dominated(const Reduced& r, std::size_t p, std::size_t s, std::size_t& by) {
  for (std::size_t t : r.kept[p]) {
    if (t == s) continue;
    bool dom = true;
    r.each_opponent(p, [&](std::size_t base) {
      if (dom && !(r.g.payoff(base + t * r.g.stride(p), p) > r.g.payoff(base + s * r.g.stride(p), p))) dom = false;
    });
    if (dom) {
      by = t;
      return true;
    }
  }
  return false;
}

// LP test for domination of s by a mixture of player p's other kept strategies.
bool mixed_dominated(const Reduced& r, std::size_t p, std::size_t s, std::vector<Rational>& sigma) {
  std::vector<std::size_t> others;
  for (std::size_t t : r.kept[p]) if (t != s) others.push_back(t);
  if (others.empty()) return false;
  std::vector<std::size_t> bases;
  r.each_opponent(p, [&](std::size_t b) { bases.push_back(b); });
  // Payoffs divided by the largest |payoff|: GLPK sees finite values in [-1, 1] whatever the
  // game's magnitudes (a mixture dominates under any positive scaling).
  const Rational scale = detail::payoff_scale(r.g, p);
  auto u = [&](std::size_t cell) { return Rational(r.g.payoff(cell, p) / scale).get_d(); };
  glp_prob* lp = glp_create_prob();
  glp_set_obj_dir(lp, GLP_MAX);
  const int nc = static_cast<int>(others.size()) + 1;  // sigma..., eps
  glp_add_cols(lp, nc);
  for (int j = 1; j < nc; ++j) glp_set_col_bnds(lp, j, GLP_LO, 0.0, 0.0);
  glp_set_col_bnds(lp, nc, GLP_UP, 0.0, 1.0);  // eps <= 1 keeps the LP bounded
  glp_set_obj_coef(lp, nc, 1.0);
  const int nr = static_cast<int>(bases.size()) + 1;
  glp_add_rows(lp, nr);
  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0.0};
  for (std::size_t k = 0; k < bases.size(); ++k) {
    const int row = static_cast<int>(k) + 1;
    const double us = u(bases[k] + s * r.g.stride(p));
    glp_set_row_bnds(lp, row, GLP_LO, us, 0.0);  // sum sigma_t u(t,c) - eps >= u(s,c)
    for (std::size_t j = 0; j < others.size(); ++j) {
      ia.push_back(row);
      ja.push_back(static_cast<int>(j) + 1);
      ar.push_back(u(bases[k] + others[j] * r.g.stride(p)));
    }
    ia.push_back(row);
    ja.push_back(nc);
    ar.push_back(-1.0);
  }
  glp_set_row_bnds(lp, nr, GLP_FX, 1.0, 1.0);
  for (int j = 1; j < nc; ++j) {
    ia.push_back(nr);
    ja.push_back(j);
    ar.push_back(1.0);
  }
  glp_load_matrix(lp, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
  glp_smcp parm;
  glp_init_smcp(&parm);
  parm.msg_lev = GLP_MSG_OFF;
  parm.presolve = GLP_ON;
  bool dominated = false;
  if (glp_simplex(lp, &parm) == 0 && glp_get_status(lp) == GLP_OPT && glp_get_obj_val(lp) > 1e-9) {
    // Verify exactly with the rationalised mixture.
    std::vector<Rational> w(others.size());
    Rational sum = 0;
    for (std::size_t j = 0; j < others.size(); ++j) {
      const double v = std::max(0.0, glp_get_col_prim(lp, static_cast<int>(j) + 1));
      w[j] = to_rational(v);
      sum += w[j];
    }
    if (sum > 0) {
      for (auto& v : w) v /= sum;
      dominated = true;
      for (std::size_t b : bases) {
        Rational mix = 0;
        for (std::size_t j = 0; j < others.size(); ++j) mix += w[j] * r.g.payoff(b + others[j] * r.g.stride(p), p);
        if (!(mix > r.g.payoff(b + s * r.g.stride(p), p))) { dominated = false; break; }
      }
      if (dominated) {
        sigma.assign(r.g.num_strategies(p), Rational(0));
        for (std::size_t j = 0; j < others.size(); ++j) sigma[others[j]] = w[j];
      }
    }
  }
  glp_delete_prob(lp);
  return dominated;
}

}  // namespace

DominanceResult eliminate_dominated(const NormalFormGame& g, bool mixed) {
  const std::size_t np = g.num_players();
  DominanceResult res;
  res.kept.resize(np);
  for (std::size_t p = 0; p < np; ++p)
    for (std::size_t s = 0; s < g.num_strategies(p); ++s) res.kept[p].push_back(s);
  bool changed = true;
  while (changed) {
    changed = false;
    for (std::size_t p = 0; p < np; ++p) {
      if (res.kept[p].size() < 2) continue;
      const Reduced r{g, res.kept};
      std::vector<std::size_t> remove;
      for (std::size_t s : res.kept[p]) {
        std::size_t by = 0;
        std::vector<Rational> sigma;
        if (pure_dominated(r, p, s, by)) {
          remove.push_back(s);
          res.log.push_back(g.players()[p] + ": '" + g.strategies()[p][s] + "' strictly dominated by '" +
                            g.strategies()[p][by] + "'");
        } else if (mixed && mixed_dominated(r, p, s, sigma)) {
          remove.push_back(s);
          std::ostringstream o;
          o << g.players()[p] << ": '" << g.strategies()[p][s] << "' strictly dominated by the mixture";
          for (std::size_t t = 0; t < sigma.size(); ++t)
            if (sigma[t] > 0) o << ' ' << g.strategies()[p][t] << '=' << sigma[t].get_str();
          res.log.push_back(o.str());
        }
      }
      if (!remove.empty() && remove.size() < res.kept[p].size()) {
        std::vector<std::size_t> k2;
        for (std::size_t s : res.kept[p])
          if (std::find(remove.begin(), remove.end(), s) == remove.end()) k2.push_back(s);
        res.kept[p] = std::move(k2);
        changed = true;
      }
    }
  }
  std::vector<std::vector<std::string>> labels(np);
  for (std::size_t p = 0; p < np; ++p)
    for (std::size_t s : res.kept[p]) labels[p].push_back(g.strategies()[p][s]);
  NormalFormGame red(g.players(), labels, g.title());
  for (std::size_t c = 0; c < red.num_cells(); ++c) {
    const auto prof = red.cell_profile(c);
    std::size_t oc = 0;
    for (std::size_t p = 0; p < np; ++p) oc += res.kept[p][prof[p]] * g.stride(p);
    for (std::size_t p = 0; p < np; ++p) red.set_payoff(c, p, g.payoff(oc, p));
  }
  res.reduced = std::move(red);
  return res;
}

}  // namespace statecraft::games
