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
#include <limits>

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

// The largest magnitude in v; +infinity when some entry is not finite (std::max would drop a
// NaN, so a diverged corrector step would pass as converged).
double max_abs(const std::vector<double>& v) {
  double m = 0;
  for (double a : v) {
    if (!std::isfinite(a)) return std::numeric_limits<double>::infinity();
    m = std::max(m, std::fabs(a));
  }
  return m;
}

// The larger of two regrets, +infinity when the new one is not a number.
double worse(double regret, double r) { return std::isfinite(r) ? std::max(regret, r) : std::numeric_limits<double>::infinity(); }

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

// Traces the path H(x) = 0 from x0 (Allgower & Georg 1990) in two modes:
//  - arc length: Euler predictor, chord-Newton corrector with one Jacobian and one LU
//    factorisation of [J(x_k); t_{k-1}'] per step, reused for the tangent and every corrector
//    iteration (the corrector moves within a hyperplane transversal to the path, sec. 2.2);
//    step length adapted from the first corrector distance and the contraction rate (sec. 6.1);
//    turning points in lambda are passed like any other point of the curve.
//  - natural parameter: once the regret is small the branch is usually monotone in lambda, so
//    lambda is multiplied and v found by Newton at fixed lambda (much faster at large lambda).
// When the natural-parameter mode fails (a later turning point), the trace resumes in arc length
// from the last accepted point with a lower switching threshold; every failure ends the trace
// with converged = false. Non-finite values never pass a test (max_abs, worse).
class Tracer {
 public:
  Tracer(const PathSystem& S, const QreOptions& opt)
      : S_(S), opt_(opt), n_(S.n), H_(n_), J_(n_ * (n_ + 1)), xp_(n_ + 1) {}

  TraceOut run(std::vector<double> x) {
    out_ = TraceOut{};
    if (opt_.keep_path) out_.path.push_back(x);
    std::vector<double> tprev(n_ + 1, 0.0);
    tprev[n_] = 1.0;  // start moving towards larger lambda
    double h = opt_.first_step, switch_regret = 1e-3;
    while (!out_.converged && out_.steps < opt_.max_steps && x[n_] <= opt_.max_lambda) {
      if (!arc_length(x, tprev, h, switch_regret) || out_.converged) break;
      if (natural_parameter(x)) break;
      switch_regret *= 0.1;  // a turning point after all: follow it in arc length
      tprev.assign(n_ + 1, 0.0);
      tprev[n_] = 1.0;
    }
    out_.x = x;
    if (!opt_.keep_path) out_.path.push_back(x);
    return std::move(out_);
  }

 private:
  static constexpr double kNomDist = 0.05, kNomKappa = 0.3, kMaxDist = 1.0;

  bool accept(std::vector<double>& x, const std::vector<double>& xp) {
    x = xp;
    ++out_.steps;
    if (opt_.keep_path) out_.path.push_back(x);
    out_.converged = S_.done(x, out_.regret);
    return std::isfinite(out_.regret);
  }

  // Arc-length steps until the regret is below `switch_regret` (true) or the trace fails or
  // converges (false / converged).
  bool arc_length(std::vector<double>& x, std::vector<double>& tprev, double& h, double switch_regret) {
    const std::size_t n = n_, n1 = n + 1;
    std::vector<double> A(n1 * n1), rhs(n1), t(n1);
    while (out_.steps < opt_.max_steps && x[n] <= opt_.max_lambda) {
      S_.eval(x, H_, J_);
      std::copy(J_.begin(), J_.end(), A.begin());
      std::copy(tprev.begin(), tprev.end(), A.begin() + static_cast<std::ptrdiff_t>(n * n1));
      if (!lu_factor(A, piv_, n1)) return false;
      std::fill(rhs.begin(), rhs.end(), 0.0);
      rhs[n] = 1.0;
      lu_solve(A, piv_, rhs, n1);
      double tn = 0;
      for (double v : rhs) tn += v * v;
      tn = std::sqrt(tn);
      if (!(tn > 0) || !std::isfinite(tn)) return false;
      for (std::size_t j = 0; j < n1; ++j) t[j] = rhs[j] / tn;
      if (!corrected_step(x, t, A, h)) return false;
      tprev = t;
      if (!accept(x, xp_)) return false;
      if (out_.converged) return false;
      if (out_.regret < switch_regret) return true;
    }
    return false;
  }

  // Predictor x + h t, chord-Newton corrector; on success xp_ holds the new point and h the
  // next step length; the step is halved (and retried) when the corrector does not contract.
  bool corrected_step(const std::vector<double>& x, const std::vector<double>& t, const std::vector<double>& A,
                      double& h) {
    const std::size_t n = n_, n1 = n + 1;
    std::vector<double> rhs(n1);
    for (int tries = 0; tries < 60 && h >= 1e-14; ++tries, h *= 0.35) {
      for (std::size_t j = 0; j < n1; ++j) xp_[j] = x[j] + h * t[j];
      double prev = 0, first = 0, kappa = 0;
      bool conv = false;
      for (int it = 0; it < 14; ++it) {
        S_.eval_h(xp_, H_);
        for (std::size_t i = 0; i < n; ++i) rhs[i] = -H_[i];
        rhs[n] = 0.0;
        lu_solve(A, piv_, rhs, n1);
        const double dn = max_abs(rhs);
        for (std::size_t j = 0; j < n1; ++j) xp_[j] += rhs[j];
        if (it == 0) first = dn;
        if (it == 1 && first > 0) kappa = dn / first;
        if (!std::isfinite(dn) || (it == 0 && dn > kMaxDist) || (it > 0 && dn > 0.7 * prev)) break;
        prev = dn;
        if (dn <= 1e-9 * (1.0 + max_abs(xp_))) {
          conv = true;
          break;
        }
      }
      if (conv && xp_[n] >= 0 && max_abs(xp_) < std::numeric_limits<double>::infinity()) {
        // Deceleration factor (Allgower & Georg 1990, sec. 6.1), limited to [1/4, 2] per step.
        const double decel = std::max({std::sqrt(first / kNomDist), kappa / kNomKappa, 0.25});
        h /= std::min(decel, 2.0);
        return true;
      }
    }
    return false;
  }

  // Natural-parameter continuation: lambda multiplied by `factor`, first-order predictor
  // dv/dlambda = -J_v^-1 J_lambda, chord Newton in v. True when converged; false when a step
  // cannot be completed (x is then the last accepted point).
  bool natural_parameter(std::vector<double>& x) {
    const std::size_t n = n_, n1 = n + 1;
    std::vector<double> Jv(n * n), b(n), dvdl(n);
    double factor = 2.0;
    for (int k = 0; k < 400 && out_.steps < opt_.max_steps && x[n] <= opt_.max_lambda; ++k) {
      S_.eval(x, H_, J_);
      for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) Jv[i * n + j] = J_[i * n1 + j];
      if (!lu_factor(Jv, piv_, n)) return false;
      for (std::size_t i = 0; i < n; ++i) dvdl[i] = -J_[i * n1 + n];
      lu_solve(Jv, piv_, dvdl, n);
      bool ok = false;
      for (int tries = 0; tries < 30 && !ok; ++tries) {
        const double dl = x[n] * (factor - 1.0);
        for (std::size_t j = 0; j < n; ++j) xp_[j] = x[j] + dl * dvdl[j];
        xp_[n] = x[n] + dl;
        ok = newton_at_fixed_lambda(Jv, b);
        factor = ok ? std::min(factor * 1.5, 8.0) : 1.0 + (factor - 1.0) * 0.4;
      }
      if (!ok || !accept(x, xp_)) return false;
      if (out_.converged) return true;
    }
    return false;
  }

  bool newton_at_fixed_lambda(std::vector<double>& Jv, std::vector<double>& b) {
    const std::size_t n = n_, n1 = n + 1;
    double prev = 0;
    for (int it = 0; it < 12; ++it) {  // chord Newton: one factorisation per lambda step
      if (it == 0) {
        S_.eval(xp_, H_, J_);
        for (std::size_t i = 0; i < n; ++i)
          for (std::size_t j = 0; j < n; ++j) Jv[i * n + j] = J_[i * n1 + j];
        if (!lu_factor(Jv, piv2_, n)) return false;
      } else {
        S_.eval_h(xp_, H_);
      }
      for (std::size_t i = 0; i < n; ++i) b[i] = -H_[i];
      lu_solve(Jv, piv2_, b, n);
      for (std::size_t j = 0; j < n; ++j) xp_[j] += b[j];
      const double dn = max_abs(b);
      if (!std::isfinite(dn) || (it > 0 && dn > 0.8 * prev)) return false;
      prev = dn;
      if (dn < 1e-10 * (1.0 + max_abs(xp_))) return true;
    }
    return false;
  }

  const PathSystem& S_;
  const QreOptions& opt_;
  std::size_t n_;
  std::vector<double> H_, J_, xp_;
  std::vector<std::size_t> piv_, piv2_;
  TraceOut out_;
};

TraceOut trace(const PathSystem& S, const std::vector<double>& x0, const QreOptions& opt) { return Tracer(S, opt).run(x0); }

// The tracer holds a few dense (N + 1) x (N + 1) matrices of doubles; refuse sizes whose
// matrices would not fit in memory (or take hours to factorise) before allocating anything.
void check_qre_size(std::size_t unknowns, const char* what) {
  constexpr std::size_t kMax = 4000;
  if (unknowns > kMax)
    throw UsageError(std::string("the game is too large for --method qre: ") + std::to_string(unknowns) + " " + what +
                     " (at most " + std::to_string(kMax) + ", since the path tracer factorises dense matrices of that order)");
}

}  // namespace

QreResult logit_qre(const NormalFormGame& g, const QreOptions& opt) {
  const std::size_t np = g.num_players();
  std::vector<std::size_t> off(np + 1, 0);
  for (std::size_t p = 0; p < np; ++p) off[p + 1] = off[p] + g.num_strategies(p);
  const std::size_t N = off[np];
  check_qre_size(N, "strategies in all");
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
      regret = worse(regret, best - e);
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
  check_qre_size(N, "actions at personal information sets");
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
  // Reach probabilities are kept as logarithms: deep in the path (large lambda) the reach of an
  // information set off the equilibrium path underflows to 0 in doubles, which would switch its
  // beliefs to uniform and break the corrector. Beliefs are the normalised exp(log reach).
  auto log_prob = [&](const std::vector<double>& x, std::size_t node, std::size_t a) -> double {
    const auto& h = infosets[nodes[node].infoset];
    if (h.player == 0) return sgn(h.probs[a]) > 0 ? std::log(h.probs[a].get_d()) : -std::numeric_limits<double>::infinity();
    return x[off[slot[nodes[node].infoset]] + a];
  };
  auto action_values = [&](const std::vector<double>& x) {
    reach[0] = 0;
    for (std::size_t n : pre)
      for (std::size_t a = 0; a < nodes[n].children.size(); ++a) reach[nodes[n].children[a]] = reach[n] + log_prob(x, n, a);
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
      double top = -std::numeric_limits<double>::infinity();
      for (std::size_t m : h.members) top = std::max(top, reach[m]);
      double tot = 0;
      for (std::size_t m : h.members) tot += std::isfinite(top) ? std::exp(reach[m] - top) : 1.0;
      hreach[k] = std::isfinite(top) ? std::exp(top) * tot : 0.0;
      for (std::size_t a = 0; a < h.actions.size(); ++a) {
        double s = 0;
        for (std::size_t m : h.members) {
          const double w = (std::isfinite(top) ? std::exp(reach[m] - top) : 1.0) / tot;
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
      regret = worse(regret, hreach[k] * (best - e));
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
