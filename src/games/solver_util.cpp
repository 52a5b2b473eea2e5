// Shared helpers of the solvers: bimatrix extraction, exact linear solves, result builders.

#include "games/detail/solver_util.hpp"

#include <algorithm>

#include "statecraft/error.hpp"

namespace statecraft::games {

namespace detail {

Bimatrix bimatrix_of(const NormalFormGame& g, const char* method) {
  if (g.num_players() != 2)
    throw UsageError(std::string(method) + " needs a 2-player game; this one has " + std::to_string(g.num_players()) +
                     " players");
  Bimatrix bm;
  bm.m = g.num_strategies(0);
  bm.n = g.num_strategies(1);
  bm.a.assign(bm.m, std::vector<Rational>(bm.n));
  bm.b.assign(bm.m, std::vector<Rational>(bm.n));
  for (std::size_t i = 0; i < bm.m; ++i)
    for (std::size_t j = 0; j < bm.n; ++j) {
      bm.a[i][j] = g.payoff(i + bm.m * j, 0);
      bm.b[i][j] = g.payoff(i + bm.m * j, 1);
    }
  return bm;
}

bool solve_exact(std::vector<std::vector<Rational>> mat, std::vector<Rational> rhs, std::vector<Rational>& x) {
  const std::size_t n = rhs.size();
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t piv = c;
    while (piv < n && sgn(mat[piv][c]) == 0) ++piv;
    if (piv == n) return false;
    std::swap(mat[piv], mat[c]);
    std::swap(rhs[piv], rhs[c]);
    for (std::size_t r = 0; r < n; ++r) {
      if (r == c || sgn(mat[r][c]) == 0) continue;
      const Rational f = mat[r][c] / mat[c][c];
      for (std::size_t k = c; k < n; ++k) mat[r][k] -= f * mat[c][k];
      rhs[r] -= f * rhs[c];
    }
  }
  x.resize(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = rhs[i] / mat[i][i];
  return true;
}

void sort_unique(std::vector<NfgEquilibrium>& eqs) {
  auto key_less = [](const NfgEquilibrium& a, const NfgEquilibrium& b) {
    if (a.exact && b.exact) return a.profile < b.profile;
    return a.profile_d < b.profile_d;
  };
  std::sort(eqs.begin(), eqs.end(), key_less);
  eqs.erase(std::unique(eqs.begin(), eqs.end(),
                        [](const NfgEquilibrium& a, const NfgEquilibrium& b) {
                          if (a.exact && b.exact) return a.profile == b.profile;
                          if (a.exact != b.exact) return false;
                          for (std::size_t p = 0; p < a.profile_d.size(); ++p)
                            for (std::size_t i = 0; i < a.profile_d[p].size(); ++i)
                              if (std::abs(a.profile_d[p][i] - b.profile_d[p][i]) > 1e-6) return false;
                          return true;
                        }),
            eqs.end());
}

std::vector<std::vector<Rational>> shifted_positive(const std::vector<std::vector<Rational>>& x) {
  Rational lo = x[0][0];
  for (const auto& r : x)
    for (const auto& v : r) lo = std::min(lo, v);
  auto y = x;
  for (auto& r : y)
    for (auto& v : r) v = v - lo + 1;
  return y;
}

Rational payoff_scale(const NormalFormGame& g, std::size_t p) {
  Rational hi = 0;
  for (std::size_t c = 0; c < g.num_cells(); ++c) hi = std::max(hi, Rational(abs(g.payoff(c, p))));
  return sgn(hi) > 0 ? hi : Rational(1);
}

}  // namespace detail

NfgEquilibrium make_equilibrium(const NormalFormGame& g, MixedProfile profile, std::string note) {
  NfgEquilibrium e;
  e.exact = true;
  e.note = std::move(note);
  for (std::size_t p = 0; p < g.num_players(); ++p) {
    e.payoffs.push_back(expected_payoff(g, profile, p));
    e.payoffs_d.push_back(e.payoffs.back().get_d());
  }
  for (const auto& v : profile) {
    std::vector<double> d;
    d.reserve(v.size());
    for (const auto& q : v) d.push_back(q.get_d());
    e.profile_d.push_back(std::move(d));
  }
  e.profile = std::move(profile);
  return e;
}

NfgEquilibrium make_equilibrium(const NormalFormGame& g, MixedProfileD profile, std::string note) {
  NfgEquilibrium e;
  e.exact = false;
  e.note = std::move(note);
  for (std::size_t p = 0; p < g.num_players(); ++p) e.payoffs_d.push_back(expected_payoff(g, profile, p));
  e.profile_d = std::move(profile);
  return e;
}

}  // namespace statecraft::games
