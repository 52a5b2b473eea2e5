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

void lu_solve(const std::vector<double>& M, const std::vector<std::size_t>& piv, std::vector<double>& b,
              std::size_t n) {
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
double worse(double regret, double r) {
  return std::isfinite(r) ? std::max(regret, r) : std::numeric_limits<double>::infinity();
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

// The end of a trace into a result (QreResult or AgentQreResult): lambda and regret back in the
// game's payoff units (the system works on payoffs divided by `scale`).
template <class Result>
void take_end(Result& r, const TraceOut& t, std::size_t lambda_at, double scale) {
  r.lambda = t.x[lambda_at] / scale;
  r.regret = t.regret * scale;
  r.converged = t.converged;
  r.steps = t.steps;
}

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

TraceOut trace(const PathSystem& S, const std::vector<double>& x0, const QreOptions& opt) {
  return Tracer(S, opt).run(x0);
}

// The tracer holds a few dense (N + 1) x (N + 1) matrices of doubles; refuse sizes whose
// matrices would not fit in memory (or take hours to factorise) before allocating anything.
void check_qre_size(std::size_t unknowns, const char* what) {
  constexpr std::size_t kMax = 4000;
  if (unknowns > kMax)
    throw UsageError(std::string("the game is too large for --method qre: ") + std::to_string(unknowns) + " " + what +
                     " (at most " + std::to_string(kMax) +
                     ", since the path tracer factorises dense matrices of that order)");
}

// Shared by both systems: the unknowns are blocks of log-probabilities (a player's strategies,
// an information set's actions), each normalised to sum 1, followed by lambda.

// The start of the path: every block uniform, lambda = 0.
std::vector<double> centroid(const std::vector<std::size_t>& off) {
  std::vector<double> x0(off.back() + 1, 0.0);
  for (std::size_t k = 0; k + 1 < off.size(); ++k)
    for (std::size_t a = off[k]; a < off[k + 1]; ++a) x0[a] = -std::log(static_cast<double>(off[k + 1] - off[k]));
  return x0;
}

// The probabilities of block [begin, end) of x (normalised, as the corrector leaves them off by
// its tolerance).
std::vector<double> block_probabilities(const std::vector<double>& x, std::size_t begin, std::size_t end) {
  double s = 0;
  for (std::size_t a = begin; a < end; ++a) s += std::exp(x[a]);
  std::vector<double> p;
  for (std::size_t a = begin; a < end; ++a) p.push_back(std::exp(x[a]) / s);
  return p;
}

// The equations of block [begin, end) with values u and reference entry `ref`:
//   H_ref = sum_a exp(x_a) - 1,   H_a = x_a - x_ref - lambda (u_a - u_ref)   (a != ref).
void block_residual(const std::vector<double>& x, const std::vector<double>& u, std::size_t begin, std::size_t end,
                    std::size_t ref, std::vector<double>& H) {
  const double lambda = x[x.size() - 1];
  double s = 0;
  for (std::size_t a = begin; a < end; ++a) s += std::exp(x[a]);
  H[ref] = s - 1.0;
  for (std::size_t a = begin; a < end; ++a)
    if (a != ref) H[a] = x[a] - x[ref] - lambda * (u[a] - u[ref]);
}

// What the best entry of block [begin, end) gains over the block's mixture.
double block_regret(const std::vector<double>& x, const std::vector<double>& u, std::size_t begin, std::size_t end) {
  double e = 0, best = -1e300;
  for (std::size_t a = begin; a < end; ++a) {
    e += std::exp(x[a]) * u[a];
    best = std::max(best, u[a]);
  }
  return best - e;
}

// The logit system of a normal-form game: one block per player, payoffs scaled to [0, 1]
// overall (lambda is reported in the game's own units), analytic Jacobian.
class NormalFormLogit {
 public:
  explicit NormalFormLogit(const NormalFormGame& g) : g_(g), np_(g.num_players()), off_(np_ + 1, 0) {
    for (std::size_t p = 0; p < np_; ++p) off_[p + 1] = off_[p] + g.num_strategies(p);
    N_ = off_[np_];
    check_qre_size(N_, "strategies in all");
    scale_payoffs();
    prof_.resize(g.num_cells());
    for (std::size_t c = 0; c < prof_.size(); ++c) prof_[c] = g.cell_profile(c);
    sigma_.resize(N_);
    u_.resize(N_);
    D_.resize(N_ * N_);
    if (np_ == 2) {  // two players: du_1i/dsigma_2j = A_ij and du_2j/dsigma_1i = B_ij are constant
      const std::size_t m = g.num_strategies(0), n = g.num_strategies(1);
      for (std::size_t j = 0; j < n; ++j)
        for (std::size_t i = 0; i < m; ++i) {
          D_[i * N_ + m + j] = U_[0][i + m * j];
          D_[(m + j) * N_ + i] = U_[1][i + m * j];
        }
    }
  }

  PathSystem system(double max_regret) {
    PathSystem S;
    S.n = N_;
    S.eval = [this](const std::vector<double>& x, std::vector<double>& H, std::vector<double>& J) { eval(x, H, J); };
    S.eval_h = [this](const std::vector<double>& x, std::vector<double>& H) {
      values(x, false);
      residual(x, H);
    };
    S.done = [this, max_regret](const std::vector<double>& x, double& regret) {
      values(x, false);
      regret = 0;
      for (std::size_t p = 0; p < np_; ++p) regret = worse(regret, block_regret(x, u_, off_[p], off_[p + 1]));
      return regret <= max_regret;
    };
    return S;
  }

  [[nodiscard]] const std::vector<std::size_t>& offsets() const { return off_; }

  QreResult result(const TraceOut& t) const {
    QreResult r;
    for (const auto& x : t.path) r.path.push_back({x[N_] / scale_, profile(x)});
    r.profile = profile(t.x);
    take_end(r, t, N_, scale_);
    return r;
  }

 private:
  void scale_payoffs() {
    double lo = 0, hi = 0;
    bool first = true;
    U_.resize(np_);
    for (std::size_t p = 0; p < np_; ++p) {
      U_[p] = g_.payoffs_double(p);
      for (double v : U_[p]) {
        if (first || v < lo) lo = v;
        if (first || v > hi) hi = v;
        first = false;
      }
    }
    scale_ = hi > lo ? hi - lo : 1.0;
    for (auto& u : U_)
      for (auto& v : u) v = (v - lo) / scale_;
  }

  // sigma = exp(x), the strategy values u and, when `cross` (n players), their derivatives D.
  void values(const std::vector<double>& x, bool cross) {
    for (std::size_t a = 0; a < N_; ++a) sigma_[a] = std::exp(x[a]);
    std::fill(u_.begin(), u_.end(), 0.0);
    if (np_ == 2) {
      const std::size_t m = g_.num_strategies(0), n = g_.num_strategies(1);
      for (std::size_t j = 0; j < n; ++j)
        for (std::size_t i = 0; i < m; ++i) {
          const std::size_t c = i + m * j;
          u_[i] += U_[0][c] * sigma_[m + j];
          u_[m + j] += U_[1][c] * sigma_[i];
        }
      return;
    }
    if (cross) std::fill(D_.begin(), D_.end(), 0.0);
    for (std::size_t c = 0; c < prof_.size(); ++c) add_cell(c, cross);
  }

  // Cell c's share of every player's value and (when `cross`) of its derivatives.
  void add_cell(std::size_t c, bool cross) {
    const auto& s = prof_[c];
    for (std::size_t p = 0; p < np_; ++p) {
      double w = 1;
      for (std::size_t q = 0; q < np_; ++q)
        if (q != p) w *= sigma_[off_[q] + s[q]];
      u_[off_[p] + s[p]] += U_[p][c] * w;
      if (!cross) continue;
      for (std::size_t k = 0; k < np_; ++k) {
        if (k == p) continue;
        double w2 = 1;
        for (std::size_t q = 0; q < np_; ++q)
          if (q != p && q != k) w2 *= sigma_[off_[q] + s[q]];
        D_[(off_[p] + s[p]) * N_ + off_[k] + s[k]] += U_[p][c] * w2;
      }
    }
  }

  // The reference strategy (and the normalisation row) of each block is its last, so that the
  // other rows have unit diagonals and the factorisation keeps the block sparse.
  void residual(const std::vector<double>& x, std::vector<double>& H) const {
    for (std::size_t p = 0; p < np_; ++p) block_residual(x, u_, off_[p], off_[p + 1], off_[p + 1] - 1, H);
  }

  void eval(const std::vector<double>& x, std::vector<double>& H, std::vector<double>& J) {
    const double lambda = x[N_];
    values(x, true);
    residual(x, H);
    const std::size_t n1 = N_ + 1;
    std::fill(J.begin(), J.end(), 0.0);
    for (std::size_t p = 0; p < np_; ++p) {
      const std::size_t r0 = off_[p + 1] - 1;
      for (std::size_t a = off_[p]; a < off_[p + 1]; ++a) J[r0 * n1 + a] = sigma_[a];
      for (std::size_t a = off_[p]; a < r0; ++a) {
        double* row = &J[a * n1];
        row[a] += 1.0;
        row[r0] -= 1.0;
        for (std::size_t k = 0; k < np_; ++k) {
          if (k == p) continue;
          for (std::size_t l = off_[k]; l < off_[k + 1]; ++l)
            row[l] -= lambda * (D_[a * N_ + l] - D_[r0 * N_ + l]) * sigma_[l];
        }
        row[N_] = -(u_[a] - u_[r0]);
      }
    }
  }

  [[nodiscard]] MixedProfileD profile(const std::vector<double>& x) const {
    MixedProfileD m(np_);
    for (std::size_t p = 0; p < np_; ++p) m[p] = block_probabilities(x, off_[p], off_[p + 1]);
    return m;
  }

  const NormalFormGame& g_;
  std::size_t np_, N_ = 0;
  std::vector<std::size_t> off_;
  double scale_ = 1.0;
  std::vector<std::vector<double>> U_;
  std::vector<std::vector<std::size_t>> prof_;
  std::vector<double> sigma_, u_, D_;  // D[(i,j),(k,l)] = du_ij / dsigma_kl
};

// The agent logit system of a tree: one block per personal information set with members,
// conditional action values under Bayes-consistent beliefs, Jacobian by finite differences.
class AgentLogit {
 public:
  explicit AgentLogit(const ExtensiveGame& g)
      : g_(g), nodes_(g.nodes()), infosets_(g.infosets()), np_(g.num_players()), pre_(g.preorder()) {
    for (std::size_t h = 0; h < infosets_.size(); ++h)
      if (infosets_[h].player != 0 && !infosets_[h].members.empty()) hs_.push_back(h);
    off_.assign(hs_.size() + 1, 0);
    slot_.assign(infosets_.size(), 0);
    for (std::size_t k = 0; k < hs_.size(); ++k) {
      off_[k + 1] = off_[k] + infosets_[hs_[k]].actions.size();
      slot_[hs_[k]] = k;
    }
    N_ = off_[hs_.size()];
    check_qre_size(N_, "actions at personal information sets");
    scale_payoffs();
    reach_.resize(nodes_.size());
    val_.resize(nodes_.size() * np_);
    Uv_.resize(N_);
    hreach_.resize(hs_.size());
    Hb_.resize(N_);
    Hp_.resize(N_);
  }

  [[nodiscard]] std::size_t unknowns() const { return N_; }
  [[nodiscard]] const std::vector<std::size_t>& offsets() const { return off_; }

  PathSystem system(double max_regret) {
    PathSystem S;
    S.n = N_;
    S.eval = [this](const std::vector<double>& x, std::vector<double>& H, std::vector<double>& J) { eval(x, H, J); };
    S.eval_h = [this](const std::vector<double>& x, std::vector<double>& H) { residual(x, H); };
    S.done = [this, max_regret](const std::vector<double>& x, double& regret) {
      action_values(x);
      regret = 0;
      for (std::size_t k = 0; k < hs_.size(); ++k)
        regret = worse(regret, hreach_[k] * block_regret(x, Uv_, off_[k], off_[k + 1]));
      return regret <= max_regret;
    };
    return S;
  }

  AgentQreResult result(const TraceOut& t) const {
    AgentQreResult r;
    r.profile.resize(infosets_.size());
    for (std::size_t h = 0; h < infosets_.size(); ++h) {
      if (infosets_[h].player == 0) {
        for (const auto& q : infosets_[h].probs) r.profile[h].push_back(q.get_d());
      } else if (infosets_[h].members.empty()) {
        r.profile[h].assign(infosets_[h].actions.size(), 1.0 / static_cast<double>(infosets_[h].actions.size()));
      } else {
        r.profile[h] = block_probabilities(t.x, off_[slot_[h]], off_[slot_[h] + 1]);
      }
    }
    take_end(r, t, N_, scale_);
    return r;
  }

 private:
  void scale_payoffs() {
    double lo = 0, hi = 0;
    for (const auto& o : g_.outcomes())
      for (const auto& q : o.payoffs) {
        lo = std::min(lo, q.get_d());
        hi = std::max(hi, q.get_d());
      }
    scale_ = hi > lo ? hi - lo : 1.0;
    out_pay_.resize(g_.outcomes().size());
    for (std::size_t o = 0; o < g_.outcomes().size(); ++o)
      for (const auto& q : g_.outcomes()[o].payoffs) out_pay_[o].push_back(q.get_d() / scale_);
  }

  // Action probabilities from log-coordinates (normalised per infoset).
  double prob(const std::vector<double>& x, std::size_t node, std::size_t a) const {
    const auto& h = infosets_[nodes_[node].infoset];
    if (h.player == 0) return h.probs[a].get_d();
    return std::exp(x[off_[slot_[nodes_[node].infoset]] + a]);
  }

  // Reach probabilities are kept as logarithms: deep in the path (large lambda) the reach of an
  // information set off the equilibrium path underflows to 0 in doubles, which would switch its
  // beliefs to uniform and break the corrector. Beliefs are the normalised exp(log reach).
  double log_prob(const std::vector<double>& x, std::size_t node, std::size_t a) const {
    const auto& h = infosets_[nodes_[node].infoset];
    if (h.player == 0)
      return sgn(h.probs[a]) > 0 ? std::log(h.probs[a].get_d()) : -std::numeric_limits<double>::infinity();
    return x[off_[slot_[nodes_[node].infoset]] + a];
  }

  // Log reach of every node (preorder) and every node's value to every player (postorder).
  void reach_and_node_values(const std::vector<double>& x) {
    reach_[0] = 0;
    for (std::size_t n : pre_)
      for (std::size_t a = 0; a < nodes_[n].children.size(); ++a)
        reach_[nodes_[n].children[a]] = reach_[n] + log_prob(x, n, a);
    for (auto it = pre_.rbegin(); it != pre_.rend(); ++it) {
      const std::size_t n = *it;
      const auto& nd = nodes_[n];
      for (std::size_t p = 0; p < np_; ++p) val_[n * np_ + p] = nd.outcome ? out_pay_[nd.outcome - 1][p] : 0.0;
      for (std::size_t a = 0; a < nd.children.size(); ++a) {
        const double pr = prob(x, n, a);
        for (std::size_t p = 0; p < np_; ++p) val_[n * np_ + p] += pr * val_[nd.children[a] * np_ + p];
      }
    }
  }

  // The reach of information set k and its actions' values under the beliefs at k.
  void infoset_values(std::size_t k) {
    const auto& h = infosets_[hs_[k]];
    const std::size_t p = h.player - 1;
    double top = -std::numeric_limits<double>::infinity();
    for (std::size_t m : h.members) top = std::max(top, reach_[m]);
    double tot = 0;
    for (std::size_t m : h.members) tot += std::isfinite(top) ? std::exp(reach_[m] - top) : 1.0;
    hreach_[k] = std::isfinite(top) ? std::exp(top) * tot : 0.0;
    for (std::size_t a = 0; a < h.actions.size(); ++a) {
      double s = 0;
      for (std::size_t m : h.members) {
        const double w = (std::isfinite(top) ? std::exp(reach_[m] - top) : 1.0) / tot;
        s += w * val_[nodes_[m].children[a] * np_ + p];
      }
      Uv_[off_[k] + a] = s;
    }
  }

  void action_values(const std::vector<double>& x) {
    reach_and_node_values(x);
    for (std::size_t k = 0; k < hs_.size(); ++k) infoset_values(k);
  }

  // The reference action of each block is its first.
  void residual(const std::vector<double>& x, std::vector<double>& H) {
    action_values(x);
    for (std::size_t k = 0; k < hs_.size(); ++k) block_residual(x, Uv_, off_[k], off_[k + 1], off_[k], H);
  }

  // Forward differences, one residual per unknown.
  void eval(const std::vector<double>& x, std::vector<double>& H, std::vector<double>& J) {
    residual(x, Hb_);
    H = Hb_;
    const std::size_t n1 = N_ + 1;
    for (std::size_t j = 0; j < n1; ++j) {
      xx_ = x;
      const double step = 1e-7 * std::max(1.0, std::fabs(x[j]));
      xx_[j] += step;
      residual(xx_, Hp_);
      for (std::size_t i = 0; i < N_; ++i) J[i * n1 + j] = (Hp_[i] - Hb_[i]) / step;
    }
  }

  const ExtensiveGame& g_;
  const std::vector<Node>& nodes_;
  const std::vector<Infoset>& infosets_;
  std::size_t np_, N_ = 0;
  std::vector<std::size_t> pre_, hs_, off_, slot_;  // hs_: personal infosets with members
  double scale_ = 1.0;
  std::vector<std::vector<double>> out_pay_;
  std::vector<double> reach_, val_, Uv_, hreach_, Hb_, Hp_, xx_;
};

}  // namespace

QreResult logit_qre(const NormalFormGame& g, const QreOptions& opt) {
  NormalFormLogit sys(g);
  const PathSystem S = sys.system(opt.max_regret);
  return sys.result(trace(S, centroid(sys.offsets()), opt));
}

AgentQreResult agent_logit_qre(const ExtensiveGame& g, const QreOptions& opt) {
  AgentLogit sys(g);
  const std::vector<double> x0 = centroid(sys.offsets());
  QreOptions o2 = opt;
  o2.keep_path = false;
  const PathSystem S = sys.system(opt.max_regret);
  return sys.result(sys.unknowns() == 0 ? TraceOut{x0, {}, 0, true, 0} : trace(S, x0, o2));
}

}  // namespace statecraft::games
