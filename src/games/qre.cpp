// Logit quantal response equilibria by path following.
//
// Normal form (McKelvey & Palfrey 1995, Games Econ. Behav. 10:6-38): sigma_ij proportional to
// exp(lambda u_ij(sigma)). In log-probabilities v_ij = log sigma_ij the equilibrium
// correspondence is the zero set of
//   H_i0 = sum_j exp(v_ij) - 1,        H_ij = v_ij - v_i0 - lambda (u_ij - u_i0)   (j >= 1),
// a smooth curve starting at the centroid for lambda = 0 whose principal branch converges to a
// Nash equilibrium as lambda -> infinity (Turocy 2005, Games Econ. Behav. 51:243-263). It is
// traced by predictor-corrector continuation in arc length (Allgower & Georg 1990, ch. 2):
// Euler predictor along the tangent of [dH/dv dH/dlambda], Newton corrector on the augmented
// system [J; t'] d = [-H; 0], adaptive step length. The Jacobian is analytic:
//   dH_ij/dv_kl = [i=k](d_jl - d_0l) - lambda (du_ij/dsigma_kl - du_i0/dsigma_kl) sigma_kl.
// Extensive form: the agent QRE (McKelvey & Palfrey 1998, Experimental Economics 1:9-41), the
// same equations per information set with u replaced by the conditional action values under
// Bayes-consistent beliefs; its Jacobian is taken by finite differences.

#include <algorithm>
#include <cmath>
#include <functional>

#include "statecraft/error.hpp"
#include "statecraft/games/solvers.hpp"

namespace statecraft::games {

namespace {

// LU factorisation of the n x n row-major matrix M (in place) with threshold partial pivoting:
// the diagonal is kept when it is at least a tenth of the column's largest entry, which preserves
// the sparsity of the logit Jacobian (its own-strategy blocks are unit diagonals), and only the
// nonzero entries of the pivot row are propagated.
bool lu_factor(std::vector<double>& M, std::vector<std::size_t>& piv, std::size_t n) {
  piv.resize(n);
  std::vector<std::size_t> nz;
  nz.reserve(n);
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t p = c;
    double best = std::fabs(M[c * n + c]);
    for (std::size_t r = c + 1; r < n; ++r)
      if (std::fabs(M[r * n + c]) > best) best = std::fabs(M[r * n + c]), p = r;
    if (!(best > 1e-300) || !std::isfinite(best)) return false;
    if (std::fabs(M[c * n + c]) >= 0.1 * best) p = c;
    piv[c] = p;
    if (p != c)
      for (std::size_t j = 0; j < n; ++j) std::swap(M[p * n + j], M[c * n + j]);
    const double inv = 1.0 / M[c * n + c];
    const double* cr = &M[c * n];
    nz.clear();
    for (std::size_t j = c + 1; j < n; ++j)
      if (cr[j] != 0.0) nz.push_back(j);
    const bool sparse = nz.size() * 3 < n - c;
    for (std::size_t r = c + 1; r < n; ++r) {
      double* rr = &M[r * n];
      if (rr[c] == 0.0) continue;
      const double f = rr[c] * inv;
      rr[c] = f;
      if (sparse) {
        for (std::size_t j : nz) rr[j] -= f * cr[j];
      } else {
        for (std::size_t j = c + 1; j < n; ++j) rr[j] -= f * cr[j];
      }
    }
  }
  return true;
}

void lu_solve(const std::vector<double>& M, const std::vector<std::size_t>& piv, std::vector<double>& b, std::size_t n) {
  for (std::size_t c = 0; c < n; ++c)
    if (piv[c] != c) std::swap(b[c], b[piv[c]]);
  for (std::size_t c = 0; c < n; ++c) {
    const double bc = b[c];
    if (bc != 0.0)
      for (std::size_t r = c + 1; r < n; ++r) b[r] -= M[r * n + c] * bc;
  }
  for (std::size_t i = n; i-- > 0;) {
    double v = b[i];
    for (std::size_t j = i + 1; j < n; ++j) v -= M[i * n + j] * b[j];
    b[i] = v / M[i * n + i];
  }
}

// The system traced: H(x) with x = (v, lambda), N equations, N + 1 unknowns.
struct PathSystem {
  std::size_t n = 0;
  // Fills H (n) and J (n x (n+1), row-major).
  std::function<void(const std::vector<double>&, std::vector<double>&, std::vector<double>&)> eval;
  // Fills H only.
  std::function<void(const std::vector<double>&, std::vector<double>&)> eval_h;
  // Stop test at an accepted point; also reports the regret.
  std::function<bool(const std::vector<double>&, double&)> done;
};

struct TraceOut {
  std::vector<double> x;
  std::vector<std::vector<double>> path;
  double regret = 0;
  bool converged = false;
  std::size_t steps = 0;
};

// Euler predictor, chord-Newton corrector: one Jacobian and one LU factorisation of
// [J(x_k); t_{k-1}'] per step, reused for the tangent and for every corrector iteration (the
// corrector then moves within a hyperplane transversal to the path; Allgower & Georg 1990,
// sec. 2.2 and 6.1). Step length adapts to the number and contraction of corrector iterations.
TraceOut trace(const PathSystem& S, std::vector<double> x, const QreOptions& opt) {
  constexpr double kNomDist = 0.05, kNomKappa = 0.3, kMaxDist = 1.0, kSwitchRegret = 1e-3;
  const std::size_t n = S.n, n1 = n + 1;
  std::vector<double> H(n), J(n * n1), A(n1 * n1), rhs(n1), t(n1, 0.0), tprev(n1, 0.0);
  std::vector<std::size_t> piv;
  TraceOut out;
  tprev[n] = 1.0;  // start moving towards larger lambda
  double h = opt.first_step;
  if (opt.keep_path) out.path.push_back(x);
  std::vector<double> xp(n1);
  auto norm_inf = [](const std::vector<double>& v) {
    double m = 0;
    for (double a : v) m = std::max(m, std::fabs(a));
    return m;
  };
  while (out.steps < opt.max_steps) {
    S.eval(x, H, J);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n1; ++j) A[i * n1 + j] = J[i * n1 + j];
    for (std::size_t j = 0; j < n1; ++j) A[n * n1 + j] = tprev[j];
    if (!lu_factor(A, piv, n1)) break;
    std::fill(rhs.begin(), rhs.end(), 0.0);
    rhs[n] = 1.0;
    lu_solve(A, piv, rhs, n1);
    double tn = 0;
    for (double v : rhs) tn += v * v;
    tn = std::sqrt(tn);
    if (!(tn > 0) || !std::isfinite(tn)) break;
    for (std::size_t j = 0; j < n1; ++j) t[j] = rhs[j] / tn;
    bool accepted = false;
    for (int tries = 0; tries < 60 && !accepted; ++tries) {
      for (std::size_t j = 0; j < n1; ++j) xp[j] = x[j] + h * t[j];
      bool ok = true, conv = false;
      double prev = 0, first = 0, kappa = 0;
      int it = 0;
      for (; it < 14; ++it) {
        S.eval_h(xp, H);
        for (std::size_t i = 0; i < n; ++i) rhs[i] = -H[i];
        rhs[n] = 0.0;
        lu_solve(A, piv, rhs, n1);
        const double dn = norm_inf(rhs);
        for (std::size_t j = 0; j < n1; ++j) xp[j] += rhs[j];
        if (it == 0) first = dn;
        if (it == 1 && first > 0) kappa = dn / first;
        if (!std::isfinite(dn) || (it == 0 && dn > kMaxDist) || (it > 0 && dn > 0.7 * prev)) {
          ok = false;
          break;
        }
        prev = dn;
        if (dn <= 1e-9 * (1.0 + norm_inf(xp))) {
          conv = true;
          break;
        }
      }
      if (ok && conv && xp[n] >= 0) {
        accepted = true;
        // Deceleration factor from the first corrector distance and the contraction rate
        // (Allgower & Georg 1990, sec. 6.1), limited to [1/4, 2] per step.
        const double decel = std::max({std::sqrt(first / kNomDist), kappa / kNomKappa, 0.25});
        h /= std::min(decel, 2.0);
      } else {
        h *= 0.35;
        if (h < 1e-14) break;
      }
    }
    if (!accepted) break;
    x = xp;
    tprev = t;
    ++out.steps;
    if (opt.keep_path) out.path.push_back(x);
    if (S.done(x, out.regret)) {
      out.converged = true;
      break;
    }
    if (x[n] > opt.max_lambda) break;
    if (out.regret < kSwitchRegret) break;  // past the last turning point: phase 2
  }
  // Phase 2: natural-parameter continuation in lambda. Far along the principal branch the path
  // is monotone in lambda, so lambda is doubled and v found by Newton's method at fixed lambda
  // (first-order predictor dv/dlambda = -J_v^{-1} J_lambda), until the regret target is met.
  if (!out.converged && out.regret < kSwitchRegret) {
    std::vector<double> Jv(n * n), b(n), dvdl(n);
    std::vector<std::size_t> pv;
    double factor = 2.0;
    for (int k = 0; k < 400 && !out.converged && x[n] <= opt.max_lambda; ++k) {
      S.eval(x, H, J);
      for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) Jv[i * n + j] = J[i * n1 + j];
      if (!lu_factor(Jv, pv, n)) break;
      for (std::size_t i = 0; i < n; ++i) dvdl[i] = -J[i * n1 + n];
      lu_solve(Jv, pv, dvdl, n);
      bool accepted = false;
      for (int tries = 0; tries < 30 && !accepted; ++tries) {
        const double dl = x[n] * (factor - 1.0);
        for (std::size_t j = 0; j < n; ++j) xp[j] = x[j] + dl * dvdl[j];
        xp[n] = x[n] + dl;
        bool ok = false;
        double prev = 0;
        for (int it = 0; it < 12; ++it) {  // chord Newton: one factorisation per lambda step
          if (it == 0) {
            S.eval(xp, H, J);
            for (std::size_t i = 0; i < n; ++i)
              for (std::size_t j = 0; j < n; ++j) Jv[i * n + j] = J[i * n1 + j];
            if (!lu_factor(Jv, pv, n)) break;
          } else {
            S.eval_h(xp, H);
          }
          for (std::size_t i = 0; i < n; ++i) b[i] = -H[i];
          lu_solve(Jv, pv, b, n);
          double dn = 0;
          for (std::size_t j = 0; j < n; ++j) {
            xp[j] += b[j];
            dn = std::max(dn, std::fabs(b[j]));
          }
          if (!std::isfinite(dn) || (it > 0 && dn > 0.8 * prev)) break;
          prev = dn;
          if (dn < 1e-10 * (1.0 + norm_inf(xp))) {
            ok = true;
            break;
          }
        }
        if (ok) {
          accepted = true;
          factor = std::min(factor * 1.5, 8.0);
        } else {
          factor = 1.0 + (factor - 1.0) * 0.4;
        }
      }
      if (!accepted) break;
      x = xp;
      ++out.steps;
      if (opt.keep_path) out.path.push_back(x);
      if (S.done(x, out.regret)) out.converged = true;
    }
  }
  out.x = x;
  if (!opt.keep_path) out.path.push_back(x);
  return out;
}

}  // namespace

QreResult logit_qre(const NormalFormGame& g, const QreOptions& opt) {
  const std::size_t np = g.num_players();
  std::vector<std::size_t> off(np + 1, 0);
  for (std::size_t p = 0; p < np; ++p) off[p + 1] = off[p] + g.num_strategies(p);
  const std::size_t N = off[np];
  // Payoffs scaled to [0, 1] overall (lambda is reported in the game's own units).
  double lo = 0, hi = 0;
  bool first = true;
  std::vector<std::vector<double>> U(np);
  for (std::size_t p = 0; p < np; ++p) {
    U[p] = g.payoffs_double(p);
    for (double v : U[p]) {
      if (first || v < lo) lo = v;
      if (first || v > hi) hi = v;
      first = false;
    }
  }
  const double scale = hi > lo ? hi - lo : 1.0;
  for (auto& u : U) for (auto& v : u) v = (v - lo) / scale;
  const std::size_t cells = g.num_cells();
  std::vector<std::vector<std::size_t>> prof(cells);
  for (std::size_t c = 0; c < cells; ++c) prof[c] = g.cell_profile(c);

  std::vector<double> sigma(N), u(N), D(N * N);  // D[(i,j),(k,l)] = du_ij / dsigma_kl
  if (np == 2) {  // two players: du_1i/dsigma_2j = A_ij and du_2j/dsigma_1i = B_ij are constant
    const std::size_t m = g.num_strategies(0), n = g.num_strategies(1);
    for (std::size_t j = 0; j < n; ++j)
      for (std::size_t i = 0; i < m; ++i) {
        D[i * N + m + j] = U[0][i + m * j];
        D[(m + j) * N + i] = U[1][i + m * j];
      }
  }
  auto values = [&](const std::vector<double>& x, bool cross) {
    for (std::size_t a = 0; a < N; ++a) sigma[a] = std::exp(x[a]);
    std::fill(u.begin(), u.end(), 0.0);
    if (np == 2) {
      const std::size_t m = g.num_strategies(0), n = g.num_strategies(1);
      for (std::size_t j = 0; j < n; ++j)
        for (std::size_t i = 0; i < m; ++i) {
          const std::size_t c = i + m * j;
          u[i] += U[0][c] * sigma[m + j];
          u[m + j] += U[1][c] * sigma[i];
        }
      return;
    }
    if (cross) std::fill(D.begin(), D.end(), 0.0);
    std::vector<double> pre(np + 1), suf(np + 1);
    for (std::size_t c = 0; c < cells; ++c) {
      const auto& s = prof[c];
      for (std::size_t p = 0; p < np; ++p) {
        double w = 1;
        for (std::size_t q = 0; q < np; ++q) if (q != p) w *= sigma[off[q] + s[q]];
        u[off[p] + s[p]] += U[p][c] * w;
        if (!cross) continue;
        for (std::size_t k = 0; k < np; ++k) {
          if (k == p) continue;
          double w2 = 1;
          for (std::size_t q = 0; q < np; ++q) if (q != p && q != k) w2 *= sigma[off[q] + s[q]];
          D[(off[p] + s[p]) * N + off[k] + s[k]] += U[p][c] * w2;
        }
      }
    }
  };
  PathSystem S;
  S.n = N;
  S.eval = [&](const std::vector<double>& x, std::vector<double>& H, std::vector<double>& J) {
    const double lambda = x[N];
    values(x, true);
    const std::size_t n1 = N + 1;
    std::fill(J.begin(), J.end(), 0.0);
    for (std::size_t p = 0; p < np; ++p) {
      // The reference strategy (and the normalisation row) is the last of the block, so that the
      // other rows have unit diagonals and the factorisation keeps the block sparse.
      const std::size_t r0 = off[p + 1] - 1;
      double s = 0;
      for (std::size_t a = off[p]; a < off[p + 1]; ++a) {
        s += sigma[a];
        J[r0 * n1 + a] = sigma[a];
      }
      H[r0] = s - 1.0;
      for (std::size_t a = off[p]; a < r0; ++a) {
        H[a] = x[a] - x[r0] - lambda * (u[a] - u[r0]);
        double* row = &J[a * n1];
        row[a] += 1.0;
        row[r0] -= 1.0;
        for (std::size_t k = 0; k < np; ++k) {
          if (k == p) continue;
          for (std::size_t l = off[k]; l < off[k + 1]; ++l)
            row[l] -= lambda * (D[a * N + l] - D[r0 * N + l]) * sigma[l];
        }
        row[N] = -(u[a] - u[r0]);
      }
    }
  };
  S.eval_h = [&](const std::vector<double>& x, std::vector<double>& H) {
    const double lambda = x[N];
    values(x, false);
    for (std::size_t p = 0; p < np; ++p) {
      const std::size_t r0 = off[p + 1] - 1;
      double s = 0;
      for (std::size_t a = off[p]; a < off[p + 1]; ++a) s += sigma[a];
      H[r0] = s - 1.0;
      for (std::size_t a = off[p]; a < r0; ++a) H[a] = x[a] - x[r0] - lambda * (u[a] - u[r0]);
    }
  };
  S.done = [&](const std::vector<double>& x, double& regret) {
    values(x, false);
    regret = 0;
    for (std::size_t p = 0; p < np; ++p) {
      double e = 0, best = -1e300;
      for (std::size_t a = off[p]; a < off[p + 1]; ++a) {
        e += sigma[a] * u[a];
        best = std::max(best, u[a]);
      }
      regret = std::max(regret, best - e);
    }
    return regret <= opt.max_regret;
  };
  std::vector<double> x0(N + 1, 0.0);
  for (std::size_t p = 0; p < np; ++p)
    for (std::size_t a = off[p]; a < off[p + 1]; ++a) x0[a] = -std::log(static_cast<double>(g.num_strategies(p)));
  const TraceOut t = trace(S, x0, opt);
  QreResult r;
  auto to_profile = [&](const std::vector<double>& x) {
    MixedProfileD m(np);
    for (std::size_t p = 0; p < np; ++p) {
      double s = 0;
      for (std::size_t a = off[p]; a < off[p + 1]; ++a) s += std::exp(x[a]);
      for (std::size_t a = off[p]; a < off[p + 1]; ++a) m[p].push_back(std::exp(x[a]) / s);
    }
    return m;
  };
  for (const auto& x : t.path) r.path.push_back({x[N] / scale, to_profile(x)});
  r.profile = to_profile(t.x);
  r.lambda = t.x[N] / scale;
  r.regret = t.regret * scale;
  r.converged = t.converged;
  r.steps = t.steps;
  return r;
}

AgentQreResult agent_logit_qre(const ExtensiveGame& g, const QreOptions& opt) {
  const auto& nodes = g.nodes();
  const auto& infosets = g.infosets();
  const std::size_t np = g.num_players();
  std::vector<std::size_t> hs;  // personal infosets with members
  for (std::size_t h = 0; h < infosets.size(); ++h)
    if (infosets[h].player != 0 && !infosets[h].members.empty()) hs.push_back(h);
  std::vector<std::size_t> off(hs.size() + 1, 0), slot(infosets.size(), 0);
  for (std::size_t k = 0; k < hs.size(); ++k) {
    off[k + 1] = off[k] + infosets[hs[k]].actions.size();
    slot[hs[k]] = k;
  }
  const std::size_t N = off[hs.size()];
  const auto pre = g.preorder();
  // Payoff scale.
  double lo = 0, hi = 0;
  for (std::size_t o = 0; o < g.outcomes().size(); ++o)
    for (const auto& q : g.outcomes()[o].payoffs) {
      lo = std::min(lo, q.get_d());
      hi = std::max(hi, q.get_d());
    }
  const double scale = hi > lo ? hi - lo : 1.0;
  std::vector<std::vector<double>> out_pay(g.outcomes().size());
  for (std::size_t o = 0; o < g.outcomes().size(); ++o)
    for (const auto& q : g.outcomes()[o].payoffs) out_pay[o].push_back(q.get_d() / scale);
  std::vector<double> reach(nodes.size()), val(nodes.size() * np), Uv(N), hreach(hs.size());
  // Action probabilities from log-coordinates (normalised per infoset).
  auto prob = [&](const std::vector<double>& x, std::size_t node, std::size_t a) -> double {
    const auto& nd = nodes[node];
    const auto& h = infosets[nd.infoset];
    if (h.player == 0) return h.probs[a].get_d();
    return std::exp(x[off[slot[nd.infoset]] + a]);
  };
  auto action_values = [&](const std::vector<double>& x) {
    reach[0] = 1;
    for (std::size_t n : pre)
      for (std::size_t a = 0; a < nodes[n].children.size(); ++a) reach[nodes[n].children[a]] = reach[n] * prob(x, n, a);
    for (auto it = pre.rbegin(); it != pre.rend(); ++it) {
      const std::size_t n = *it;
      const auto& nd = nodes[n];
      for (std::size_t p = 0; p < np; ++p) val[n * np + p] = nd.outcome ? out_pay[nd.outcome - 1][p] : 0.0;
      for (std::size_t a = 0; a < nd.children.size(); ++a) {
        const double pr = prob(x, n, a);
        for (std::size_t p = 0; p < np; ++p) val[n * np + p] += pr * val[nd.children[a] * np + p];
      }
    }
    for (std::size_t k = 0; k < hs.size(); ++k) {
      const auto& h = infosets[hs[k]];
      const std::size_t p = h.player - 1;
      double tot = 0;
      for (std::size_t m : h.members) tot += reach[m];
      hreach[k] = tot;
      for (std::size_t a = 0; a < h.actions.size(); ++a) {
        double s = 0;
        for (std::size_t m : h.members) {
          const double w = tot > 1e-300 ? reach[m] / tot : 1.0 / static_cast<double>(h.members.size());
          s += w * val[nodes[m].children[a] * np + p];
        }
        Uv[off[k] + a] = s;
      }
    }
  };
  auto residual = [&](const std::vector<double>& x, std::vector<double>& H) {
    action_values(x);
    for (std::size_t k = 0; k < hs.size(); ++k) {
      double s = 0;
      for (std::size_t a = off[k]; a < off[k + 1]; ++a) s += std::exp(x[a]);
      H[off[k]] = s - 1.0;
      for (std::size_t a = off[k] + 1; a < off[k + 1]; ++a) H[a] = x[a] - x[off[k]] - x[N] * (Uv[a] - Uv[off[k]]);
    }
  };
  PathSystem S;
  S.n = N;
  std::vector<double> Hb(N), Hp(N), xx(N + 1);
  S.eval = [&](const std::vector<double>& x, std::vector<double>& H, std::vector<double>& J) {
    residual(x, Hb);
    H = Hb;
    const std::size_t n1 = N + 1;
    for (std::size_t j = 0; j < n1; ++j) {
      xx = x;
      const double step = 1e-7 * std::max(1.0, std::fabs(x[j]));
      xx[j] += step;
      residual(xx, Hp);
      for (std::size_t i = 0; i < N; ++i) J[i * n1 + j] = (Hp[i] - Hb[i]) / step;
    }
  };
  S.eval_h = [&](const std::vector<double>& x, std::vector<double>& H) { residual(x, H); };
  S.done = [&](const std::vector<double>& x, double& regret) {
    action_values(x);
    regret = 0;
    for (std::size_t k = 0; k < hs.size(); ++k) {
      double e = 0, best = -1e300;
      for (std::size_t a = off[k]; a < off[k + 1]; ++a) {
        e += std::exp(x[a]) * Uv[a];
        best = std::max(best, Uv[a]);
      }
      regret = std::max(regret, hreach[k] * (best - e));
    }
    return regret <= opt.max_regret;
  };
  std::vector<double> x0(N + 1, 0.0);
  for (std::size_t k = 0; k < hs.size(); ++k)
    for (std::size_t a = off[k]; a < off[k + 1]; ++a)
      x0[a] = -std::log(static_cast<double>(off[k + 1] - off[k]));
  AgentQreResult r;
  QreOptions o2 = opt;
  o2.keep_path = false;
  const TraceOut t = N == 0 ? TraceOut{x0, {}, 0, true, 0} : trace(S, x0, o2);
  r.profile.resize(infosets.size());
  for (std::size_t h = 0; h < infosets.size(); ++h) {
    if (infosets[h].player == 0) {
      for (const auto& q : infosets[h].probs) r.profile[h].push_back(q.get_d());
      continue;
    }
    if (infosets[h].members.empty()) {
      r.profile[h].assign(infosets[h].actions.size(), 1.0 / static_cast<double>(infosets[h].actions.size()));
      continue;
    }
    const std::size_t k = slot[h];
    double s = 0;
    for (std::size_t a = off[k]; a < off[k + 1]; ++a) s += std::exp(t.x[a]);
    for (std::size_t a = off[k]; a < off[k + 1]; ++a) r.profile[h].push_back(std::exp(t.x[a]) / s);
  }
  r.lambda = t.x[N] / scale;
  r.regret = t.regret * scale;
  r.converged = t.converged;
  r.steps = t.steps;
  return r;
}

}  // namespace statecraft::games
