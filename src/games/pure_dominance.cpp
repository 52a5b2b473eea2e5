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

#include <algorithm>
#include <sstream>

#include "games/detail/mixture_lp.hpp"
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
        if (g.payoff(base + s * g.stride(p), p) > g.payoff(c, p)) {
          eq = false;
          break;
        }
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
  for (std::size_t t : r.kept[p])
    if (t != s) others.push_back(t);
  if (others.empty()) return false;
  std::vector<std::size_t> bases;
  r.each_opponent(p, [&](std::size_t b) { bases.push_back(b); });
  // Payoffs divided by the largest |payoff|: GLPK sees finite values in [-1, 1] whatever the
  // game's magnitudes (a mixture dominates under any positive scaling).
  const Rational scale = detail::payoff_scale(r.g, p);
  auto u = [&](std::size_t cell) { return Rational(r.g.payoff(cell, p) / scale).get_d(); };
  // Rows: the opponents' profiles c; columns: the other strategies t; bound u(s, c).
  std::vector<std::vector<double>> a(bases.size(), std::vector<double>(others.size()));
  std::vector<double> rhs(bases.size());
  for (std::size_t k = 0; k < bases.size(); ++k) {
    rhs[k] = u(bases[k] + s * r.g.stride(p));
    for (std::size_t j = 0; j < others.size(); ++j) a[k][j] = u(bases[k] + others[j] * r.g.stride(p));
  }
  detail::MixtureLp lp;
  bool dominated = false;
  if (detail::solve_mixture_lp(a, rhs, lp, 1.0) && lp.value > 1e-9) {  // eps <= 1 keeps the LP bounded
    // Verify exactly with the rationalised mixture.
    std::vector<Rational> w(others.size());
    Rational sum = 0;
    for (std::size_t j = 0; j < others.size(); ++j) {
      w[j] = to_rational(lp.weights[j]);
      sum += w[j];
    }
    if (sum > 0) {
      for (auto& v : w) v /= sum;
      dominated = true;
      for (std::size_t b : bases) {
        Rational mix = 0;
        for (std::size_t j = 0; j < others.size(); ++j) mix += w[j] * r.g.payoff(b + others[j] * r.g.stride(p), p);
        if (!(mix > r.g.payoff(b + s * r.g.stride(p), p))) {
          dominated = false;
          break;
        }
      }
      if (dominated) {
        sigma.assign(r.g.num_strategies(p), Rational(0));
        for (std::size_t j = 0; j < others.size(); ++j) sigma[others[j]] = w[j];
      }
    }
  }
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
