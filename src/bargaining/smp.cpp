// KTAB's Spatial Model of Politics (SMP), reimplemented from its published description
// (B. Wise, "Spatial Model of Politics", KAPSARC KTAB documentation and SMP tutorial, 2015-2017;
// "Markov Voting with Incentives in KTAB") and checked against KTAB's reference runs.
//
// One turn:
//  1. Utilities. Actor i's utility for actor j's position is u = (1 - d)(1 + d R), with d the
//     salience-weighted distance sqrt(sum_k (s_ik (x_ik - x_jk))^2 / sum_k s_ik^2) (positions and
//     saliences on [0, 1]) and R the risk attitude in [-1, 1].
//  2. Risk attitudes. With R = 0, each actor votes between every pair of positions with weight
//     capability x utility difference (proportional voting); coalition strengths c_ij sum the
//     positive votes; pairwise victory probabilities are linear, c_ij / (c_ij + c_ji); the
//     probabilistic Condorcet election (conditional PCE) gives P_i proportional to prod_j P_ij.
//     Then R_i = (3 P_i - (P_max + 2 P_min)) / (2 (P_max - P_min)) ("BigRRange Mid"): the actor
//     most likely to prevail is risk-accepting (+1), the least likely risk-averse (-1/2).
//     Actor h estimates i's attitude as (2 R_h + R_i) / 3 ("BigRAdjust OneThird").
//  3. Challenges. Each actor i assesses challenging each j: the principals contribute votes
//     s c (u_ii - u_ij) and s c (u_ji - u_jj) (s = total salience); each third party n weighs its
//     vote in the little contest {i, j, n}, assuming semi-commitment (it expects to keep its own
//     position if the side it joins wins, to be dragged to the loser's position otherwise), and
//     joins the coalition it prefers. P_i = C_i / (C_i + C_j); the expected gain is
//     (1 - s_j) 2 u_i(x_i) + s_j [P 2 u_i(x_i) + (1 - P) 2 u_i(x_j)] - [u_i(x_i) + u_i(x_j)].
//     i targets the j with the largest gain above 1e-5.
//  4. Bargains. The challenge becomes a bargain: on each dimension both move to the
//     interpolation weighted by (salience x probability)^2 ("S2P2"), rounded to 1e-4.
//  5. Choice. Each actor k ranks the bargains it is party to (plus the status quo) by the
//     average utility of the resulting state for every actor and runs a PCE over them; it
//     adopts the most probable bargain (deterministic mode) or draws one (stochastic mode).
//  6. Stop when a turn moves positions (sum of Euclidean moves) by less than 2% of the first
//     turn's move, after at least 2 and at most 100 turns.
// The win probability of each actor's position in a state is a PCE over the distinct positions
// (positions closer than 1e-3 are one option), each actor voting with its own utilities.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "core/parallel.hpp"
#include "statecraft/bargaining/models.hpp"
#include "statecraft/error.hpp"
#include "statecraft/random.hpp"

// The hot loop is compiled for AVX2 as well, chosen at run time. Without FMA (and with ISO C++,
// which keeps -ffp-contract=off) every operation rounds exactly as in the baseline build.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && !defined(__SANITIZE_THREAD__)
#define STATECRAFT_SMP_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define STATECRAFT_SMP_CLONES
#endif

namespace statecraft::bargaining {

namespace {

// u = (1 - d)(1 + d R) for 0 <= d <= 1; beyond 1 (round-off) KTAB uses (1 - d)(1 + R).
inline double bs_util(double d, double r) {
  const double dd = d < 1.0 ? d : 1.0;  // branch-free form of the two cases
  return (1.0 - d) * (1.0 + dd * r);
}

// Four doubles side by side (GCC's vector extension): the challenges of one actor against four
// targets run in the lanes, each lane doing exactly the operations of one challenge in the same
// order, so that every lane rounds as the single challenge would. The helpers are internal and
// inlined, so GCC's note that a 32-byte vector is passed differently with and without AVX does not
// apply.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif
constexpr std::size_t kLanes = 4;
using Lanes = double __attribute__((vector_size(kLanes * sizeof(double))));
using LaneIds = std::int64_t __attribute__((vector_size(kLanes * sizeof(std::int64_t))));

inline Lanes load(const double* p) {
  Lanes v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store(double* p, Lanes v) { std::memcpy(p, &v, sizeof v); }
inline Lanes splat(double x) { return Lanes{x, x, x, x}; }
inline Lanes bs_util(Lanes d, Lanes r) {
  const Lanes one = splat(1.0);
  const Lanes dd = d < one ? d : one;
  return (one - d) * (one + dd * r);
}
// Rows of n padded to a whole number of lanes (the padding holds zeros).
inline std::size_t lane_stride(std::size_t n) { return (n + kLanes - 1) / kLanes * kLanes; }

// The PCE from the coalition strengths c[i * ld + j] of i against j: linear victory
// probabilities, then P_i proportional to prod_j P(i beats j), P(i beats i) = 1/2, in log space:
// log P_i = sum_j log P(i beats j), normalised by log-sum-exp (a product of hundreds of
// probabilities underflows in linear space). Writes P(option) to p (resized to m). A single
// option has P = exp(0) / 1 = 1 exactly, which is written directly.
void pce_from_strengths(std::size_t m, const double* c, std::size_t ld, std::vector<double>& p) {
  if (m == 1) {
    p.assign(1, 1.0);
    return;
  }
  thread_local std::vector<double> logp;
  logp.resize(m);
  for (std::size_t i = 0; i < m; ++i) {
    double li = 0.0;
    for (std::size_t j = 0; j < m; ++j) {
      double pij = 0.5;
      if (j != i) {
        const double a = c[i * ld + j];
        const double b = c[j * ld + i];
        pij = a / (a + b);
      }
      li = li + std::log(pij);
    }
    logp[i] = li;
  }
  const double top = *std::max_element(logp.begin(), logp.begin() + static_cast<std::ptrdiff_t>(m));
  STATECRAFT_ASSERT(std::isfinite(top), "PCE: every option has probability 0");
  p.resize(m);
  double total = 0.0;
  for (std::size_t i = 0; i < m; ++i) {
    p[i] = std::exp(logp[i] - top);
    total = total + p[i];
  }
  for (double& v : p) v = v / total;
}

// Conditional probabilistic Condorcet election over `m` options for `na` voters with weights w
// and utilities ut[option * na + voter]. Writes P(option) to p (resized to m). Coalition strengths
// start at 1e-8 (as in KTAB) so that 0/0 never occurs. Sums run over voters in index order, as in
// KTAB.
void scalar_pce(std::size_t na, std::size_t m, const std::vector<double>& w, const double* ut, bool parallel,
                std::vector<double>& p) {
  // Serial calls use per-thread scratch for the coalition strengths (no allocation per call). A
  // parallel call allocates: while it waits, its thread may run another task that calls this
  // function and would reuse the same scratch.
  thread_local std::vector<double> c_scratch;
  const bool par = parallel && m * m * na > 200000;
  std::vector<double> c_own;
  std::vector<double>& c = par ? c_own : c_scratch;
  c.assign(m * m, 0.0);
  auto row = [&](std::size_t i) {
    const double* ui = ut + i * na;
    for (std::size_t j = 0; j < i; ++j) {
      const double* uj = ut + j * na;
      double cij = 1e-8;
      double cji = 1e-8;
      for (std::size_t k = 0; k < na; ++k) {
        const double v = w[k] * (ui[k] - uj[k]);
        cij += v > 0 ? v : 0.0;
        cji -= v < 0 ? v : 0.0;
      }
      c[i * m + j] = cij;
      c[j * m + i] = cji;
    }
    c[i * m + i] = 1e-8;
  };
  if (par) {
    parallel::for_index(std::size_t{0}, m, row);
  } else {
    for (std::size_t i = 0; i < m; ++i) row(i);
  }
  pce_from_strengths(m, c.data(), m, p);
}

// A bargain between init and rcvr; a status quo has init == rcvr and no positions. The positions
// after the bargain are in the turn's flat table (Smp::bpos_): the initiator's at `at`, the
// receiver's at `at + nd`.
struct Bargain {
  std::size_t init = 0;
  std::size_t rcvr = 0;
  std::size_t at = 0;
};

class Smp {
 public:
  Smp(const BargainingProblem& p, const SmpOptions& o) : opt_(o) {
    n_ = p.actors.size();
    nd_ = p.dimensions.size();
    lo_ = p.scale_min;
    span_ = p.scale_max - p.scale_min;
    cap_.assign(n_, 0.0);
    sal_.assign(n_ * nd_, 0.0);
    sal_sum_.assign(n_, 0.0);
    sal_sq_.assign(n_, 0.0);
    weight_.assign(n_, 0.0);
    pos_.assign(n_ * nd_, 0.0);
    for (std::size_t i = 0; i < n_; ++i) {
      const Actor& a = p.actors[i];
      cap_[i] = a.capability;
      double s = 0.0;
      double sq = 0.0;
      for (std::size_t k = 0; k < nd_; ++k) {
        sal_[i * nd_ + k] = a.salience[k];
        pos_[i * nd_ + k] = (a.position[k] - lo_) / span_;
        s = s + a.salience[k];
        sq = sq + a.salience[k] * a.salience[k];
      }
      sal_sum_[i] = s;
      sal_sq_[i] = sq;
      weight_[i] = s * a.capability;
    }
    padded_tables();
    target_.assign(n_, -1);
    target_prob_.assign(n_, 0.0);
    involved_.resize(n_);
  }

  // The tables the lanes read: rows of stride_ = lane_stride(n_) values, the padding 0.
  void padded_tables() {
    stride_ = lane_stride(n_);
    auto padded = [this](const std::vector<double>& v) {
      std::vector<double> out(stride_, 0.0);
      std::copy(v.begin(), v.end(), out.begin());
      return out;
    };
    cap_pad_ = padded(cap_);
    sal_sum_pad_ = padded(sal_sum_);
    sal_sq_pad_ = padded(sal_sq_);
    sal_t_.assign(nd_ * stride_, 0.0);
    for (std::size_t a = 0; a < n_; ++a)
      for (std::size_t k = 0; k < nd_; ++k) sal_t_[k * stride_ + a] = sal_[a * nd_ + k];
    pos_t_.assign(nd_ * stride_, 0.0);
    risk_pad_.assign(stride_, 0.0);
    own_sum_.assign(stride_, 0.0);
    own_t_.assign(n_ * stride_, 0.0);
    rh_.assign(n_ * stride_, 0.0);
    u_mi_.assign(n_ * n_, 0.0);
    chal_.assign(n_ * 2 * stride_, 0.0);
    vdiff_.assign(n_ * stride_, 0.0);
    vdiff_t_.assign(n_ * stride_, 0.0);
  }

  SmpResult run() {
    SmpResult res;
    setup_state();
    if (opt_.keep_states) record(res, position_distribution());
    double d01 = 0.0;
    std::vector<double> prev = pos_;
    for (int iter = 1;; ++iter) {
      step(iter - 1);
      setup_state();
      const double dxy = state_dist(pos_, prev);
      if (iter == 1) d01 = dxy + 1e-4;
      prev = pos_;
      res.turns = iter;
      const bool too_long = iter >= opt_.max_turns;
      const bool quiet = (dxy / d01) < opt_.min_delta_ratio;
      const bool stop = too_long || (iter >= opt_.min_turns && quiet);
      if (stop) res.stopped_by_max_turns = !(iter >= opt_.min_turns && quiet);
      if (!stop && !opt_.keep_states) continue;
      auto dist = position_distribution();
      if (opt_.keep_states) record(res, dist);
      if (stop) return finish(std::move(res), dist);
    }
  }

 private:
  using Distribution = std::pair<std::vector<std::size_t>, std::vector<double>>;

  // Expected outcome: the probability-weighted mean of the distinct final positions.
  SmpResult finish(SmpResult res, const Distribution& dist) const {
    res.expected_outcome.assign(nd_, 0.0);
    const auto& [uniq, prob] = dist;
    for (std::size_t u = 0; u < uniq.size(); ++u)
      for (std::size_t k = 0; k < nd_; ++k)
        res.expected_outcome[k] += prob[u] * (lo_ + pos_[uniq[u] * nd_ + k] * span_);
    return res;
  }

  // Salience-weighted distance from actor i's ideal (its current position) to position `q`.
  [[nodiscard]] double wdist(std::size_t i, const double* q) const {
    if (!(sal_sq_[i] > 0.0)) return 0.0;  // an actor that cares about nothing is indifferent
    double ds_sq = 0.0;
    for (std::size_t k = 0; k < nd_; ++k) {
      const double d = pos_[i * nd_ + k] - q[k];
      const double ds = d * sal_[i * nd_ + k];
      ds_sq = ds_sq + ds * ds;
    }
    return std::sqrt(ds_sq / sal_sq_[i]);  // sal_sq_: the same sum of squares, in the same order
  }

  // wdist for the actors ab..ab+3 at once, lane by lane the same operations (pos_t_, sal_t_:
  // dimension-major copies of positions and saliences).
  [[nodiscard]] Lanes wdist_lanes(std::size_t ab, const double* q) const {
    Lanes ds_sq = splat(0.0);
    for (std::size_t k = 0; k < nd_; ++k) {
      const Lanes ds = (load(&pos_t_[k * stride_ + ab]) - splat(q[k])) * load(&sal_t_[k * stride_ + ab]);
      ds_sq = ds_sq + ds * ds;
    }
    const Lanes ss = load(&sal_sq_pad_[ab]);
    Lanes r = ss > splat(0.0) ? ds_sq / ss : splat(0.0);
    for (std::size_t l = 0; l < kLanes; ++l) r[l] = std::sqrt(r[l]);
    return r;
  }

  // h's estimate of the utility to i of j's position.
  [[nodiscard]] double util(std::size_t h, std::size_t i, std::size_t j) const {
    const double rhi = ((2.0 * risk_[h]) + risk_[i]) / 3.0;
    return bs_util(vdiff_[i * stride_ + j], rhi);
  }

  template <class F>
  void for_each(std::size_t count, F f) const {
    if (opt_.parallel && count > 1 && n_ >= 12) {
      parallel::for_index(std::size_t{0}, count, f);
    } else {
      for (std::size_t i = 0; i < count; ++i) f(i);
    }
  }

  // Coalition strengths of the PCE over the actors' positions, voters weighted by capability,
  // u_k(j) = U(d_kj) with R = 0 in rn[k * stride_ + j]: row i, four options j at a time, each a sum
  // over the voters in order (as scalar_pce). Row j's c[j][i] sums the votes of j against i, the
  // exact opposites of those of i against j (w (u_j - u_i) = -(w (u_i - u_j))), so adding their
  // positive parts gives exactly scalar_pce's 1e-8 - sum_k min(0, v).
  STATECRAFT_SMP_CLONES void position_coalitions(const double* rn, double* c) const {
    const Lanes zero = splat(0.0);
    for (std::size_t i = 0; i < n_; ++i) {
      for (std::size_t jb = 0; jb < n_; jb += kLanes) {
        Lanes acc = splat(1e-8);
        for (std::size_t k = 0; k < n_; ++k) {
          const Lanes v = splat(cap_[k]) * (splat(rn[k * stride_ + i]) - load(&rn[k * stride_ + jb]));
          acc += v > zero ? v : zero;
        }
        store(&c[i * stride_ + jb], acc);
      }
      c[i * stride_ + i] = 1e-8;
    }
  }

  void position_pce(std::vector<double>& p) {
    if (opt_.parallel && n_ * n_ * n_ > 200000) {  // large problems: scalar_pce's parallel rows
      std::vector<double>& rn = scratch_;
      rn.resize(n_ * n_);
      for (std::size_t j = 0; j < n_; ++j)
        for (std::size_t m = 0; m < n_; ++m) rn[j * n_ + m] = bs_util(vdiff_t_[j * stride_ + m], 0.0);
      scalar_pce(n_, n_, cap_, rn.data(), true, p);
      return;
    }
    std::vector<double>& rn = scratch_;
    rn.resize(n_ * stride_);
    for (std::size_t x = 0; x < n_ * stride_; ++x) rn[x] = bs_util(vdiff_[x], 0.0);  // voter-major
    coalitions_.resize(n_ * stride_);
    position_coalitions(rn.data(), coalitions_.data());
    pce_from_strengths(n_, coalitions_.data(), stride_, p);
  }

  // Distances, risk attitudes, and the per-state tables the turn needs.
  void setup_state() {
    // vdiff_[i][j] (rows of stride_, the padding stays 0) and its transpose.
    for_each(n_, [&](std::size_t i) {
      for (std::size_t j = 0; j < n_; ++j) vdiff_[i * stride_ + j] = wdist(i, &pos_[j * nd_]);
    });
    for_each(n_, [&](std::size_t j) {
      for (std::size_t m = 0; m < n_; ++m) vdiff_t_[j * stride_ + m] = vdiff_[m * stride_ + j];
    });
    // PCE over all actors' positions with risk-neutral utilities, then BigRRange Mid.
    std::vector<double>& p = prob_;
    position_pce(p);
    double pmin = 1.0;
    double pmax = 0.0;
    for (double v : p) {
      pmin = v < pmin ? v : pmin;
      pmax = v > pmax ? v : pmax;
    }
    risk_.assign(n_, 0.0);
    if (pmax - pmin > 0.0) {
      for (std::size_t i = 0; i < n_; ++i) risk_[i] = (3 * p[i] - (pmax + 2 * pmin)) / (2 * (pmax - pmin));
    }
    std::copy(risk_.begin(), risk_.end(), risk_pad_.begin());
    for (std::size_t a = 0; a < n_; ++a)
      for (std::size_t k = 0; k < nd_; ++k) pos_t_[k * stride_ + a] = pos_[a * nd_ + k];
    // Each actor's own utility for every position (and by position, own_t_), and its sum in
    // index order.
    own_.assign(n_ * n_, 0.0);
    for_each(n_, [&](std::size_t a) {
      double sum = 0.0;
      for (std::size_t q = 0; q < n_; ++q) {
        own_[a * n_ + q] = util(a, a, q);
        own_t_[q * stride_ + a] = own_[a * n_ + q];
        sum = sum + own_[a * n_ + q];
      }
      own_sum_[a] = sum;
    });
  }

  // i's estimate of the probability that i defeats j and of the expected change in i's utility
  // when i challenges j, for the four targets j = jb..jb+3 at once (lanes past n_, and the lane of
  // j = i, are computed and ignored). rh[m] = (2 R_i + R_m)/3 and u_mi[m] = U_i(m, i) are hoisted
  // by the caller. With ideals equal to positions, U(x, x) = 1 for every actor.
  STATECRAFT_SMP_CLONES void challenge_lanes(std::size_t i, std::size_t jb, const double* rh, const double* u_mi,
                                             double* pij, double* edu) const {
    const Lanes one = splat(1.0);
    const Lanes zero = splat(0.0);
    const Lanes uij = bs_util(load(&vdiff_[i * stride_ + jb]), splat(rh[i]));
    const Lanes uji = bs_util(load(&vdiff_t_[i * stride_ + jb]), load(&rh[jb]));
    const Lanes eu_sq = one + uij;
    const Lanes u_hkij = splat(2.0);  // uii + uii
    const Lanes u_hkji = uij + uij;
    const Lanes sj = load(&sal_sum_pad_[jb]);
    const Lanes contrib_i = splat(sal_sum_[i] * cap_[i]) * (one - uij);
    const Lanes contrib_j = (sj * load(&cap_pad_[jb])) * (uji - one);
    Lanes chij = splat(1e-10);
    Lanes chji = splat(1e-10);
    chij = contrib_i > zero ? chij + contrib_i : chij;
    chji = contrib_i < zero ? chji - contrib_i : chji;
    chij = contrib_j > zero ? chij + contrib_j : chij;
    chji = contrib_j < zero ? chji - contrib_j : chji;
    const Lanes base_i = chij;
    const Lanes base_j = chji;
    const auto j0 = static_cast<std::int64_t>(jb);
    const LaneIds lane_j = {j0, j0 + 1, j0 + 2, j0 + 3};
    // Each third party m's vote in the little contest {i, j, m}, added to the coalitions in actor
    // order as KTAB does; the principals' own votes are already counted (a zero vote adds nothing).
    for (std::size_t m = 0; m < n_; ++m) {
      if (m == i) continue;
      const Lanes wn = splat(weight_[m]);
      const Lanes uni = splat(u_mi[m]);
      const Lanes unj = bs_util(load(&vdiff_[m * stride_ + jb]), splat(rh[m]));
      const Lanes cn = wn * (uni - unj);
      const Lanes cni = base_i + (cn > zero ? cn : zero);
      const Lanes cnj = base_j - (cn < zero ? cn : zero);
      const Lanes pin = cni / (cni + cnj);
      const Lanes pjn = one - pin;
      // Semi-committed third party: if its side wins it keeps its position (U(m, m) = 1).
      const Lanes u_ik_def_j = uni + uni + one;
      const Lanes u_j_def_ik = unj + unj + unj;
      const Lanes u_i_def_jk = uni + uni + uni;
      const Lanes u_jk_def_i = unj + unj + one;
      const Lanes u_ik_j = (pin * u_ik_def_j) + (pjn * u_j_def_ik);
      const Lanes u_i_jk = (pin * u_i_def_jk) + (pjn * u_jk_def_i);
      Lanes v = wn * (u_ik_j - u_i_jk);
      v = lane_j == static_cast<std::int64_t>(m) ? zero : v;
      chij = chij + (v < zero ? zero : v);  // std::max(v, 0.0)
      chji = chji - (zero < v ? zero : v);  // std::min(v, 0.0)
    }
    const Lanes phij = chij / (chij + chji);
    const Lanes phji = chji / (chij + chji);
    const Lanes eu_cntst = phij * u_hkij + phji * u_hkji;
    const Lanes eu_chlg = (one - sj) * u_hkij + sj * eu_cntst;
    store(pij, phij);
    store(edu, eu_chlg - eu_sq);
  }

  // S2P2 interpolation, rounded to 4 decimals on the [0, 1] scale, into pos_init and pos_rcvr.
  void interpolate(std::size_t i, std::size_t j, double prob_i, double prob_j, double* pos_init,
                   double* pos_rcvr) const {
    auto round4 = [](double x) {
      const double s = 10000.0;
      const double y = std::floor(0.5 + x * s);
      return y / s;
    };
    for (std::size_t k = 0; k < nd_; ++k) {
      const double tik = pos_[i * nd_ + k];
      const double sik = sal_[i * nd_ + k];
      const double tjk = pos_[j * nd_ + k];
      const double sjk = sal_[j * nd_ + k];
      const double wik = std::pow(sik, 2.0) * std::pow(prob_i, 2.0);
      const double wjk = std::pow(sjk, 2.0) * std::pow(prob_j, 2.0);
      const double min_w = 1e-6;
      pos_init[k] = round4(((wik + min_w) * tik + wjk * tjk) / (wik + min_w + wjk));
      pos_rcvr[k] = round4((wik * tik + (min_w + wjk) * tjk) / (wik + min_w + wjk));
    }
  }

  // Challenges: each actor's best target and its estimate of winning, computed independently
  // (parallel, deterministic); target_[i] = -1 when no challenge gains more than 1e-5.
  void challenges() {
    for_each(n_, [&](std::size_t i) {
      double* rh = &rh_[i * stride_];  // padded with zeros
      double* u_mi = &u_mi_[i * n_];
      for (std::size_t m = 0; m < n_; ++m) {
        rh[m] = ((2.0 * risk_[i]) + risk_[m]) / 3.0;
        u_mi[m] = bs_util(vdiff_t_[i * stride_ + m], rh[m]);
      }
      double* prob = &chal_[i * 2 * stride_];
      double* gain = prob + stride_;
      for (std::size_t jb = 0; jb < n_; jb += kLanes) challenge_lanes(i, jb, rh, u_mi, prob + jb, gain + jb);
      int best_j = -1;
      double p_ij = 0.0;
      double best_eu = -1.0;
      const double min_sig = 1e-5;
      for (std::size_t j = 0; j < n_; ++j) {
        if (j == i) continue;
        const double pij = prob[j];
        const double edu = gain[j];
        if ((min_sig < edu) && (best_eu < edu)) {
          best_j = static_cast<int>(j);
          p_ij = pij;
          best_eu = edu;
        }
      }
      target_[i] = best_j;
      target_prob_[i] = p_ij;
    });
  }

  // Bargain lists: each actor's status quo first (it moves no one, so it keeps no positions),
  // then the bargains in order of their initiator; involved_[k] lists those k is party to.
  void make_bargains() {
    bargains_.clear();
    for (std::size_t i = 0; i < n_; ++i) {
      involved_[i].assign(1, bargains_.size());
      bargains_.push_back(Bargain{i, i, 0});
    }
    bpos_.resize(2 * n_ * nd_);
    std::size_t at = 0;
    for (std::size_t i = 0; i < n_; ++i) {
      if (target_[i] < 0) continue;
      const auto j = static_cast<std::size_t>(target_[i]);
      const double p = target_prob_[i];
      involved_[i].push_back(bargains_.size());
      involved_[j].push_back(bargains_.size());
      interpolate(i, j, p, 1 - p, &bpos_[at], &bpos_[at + nd_]);
      bargains_.push_back(Bargain{i, j, at});
      at += 2 * nd_;
    }
  }

  // bargain_util_[m * stride_ + a]: actor a's average utility over all positions after bargain m,
  // computed once per bargain for every actor that weighs it, four actors at a time.
  STATECRAFT_SMP_CLONES void bargain_row(std::size_t m) {
    const Bargain& b = bargains_[m];
    double* out = &bargain_util_[m * stride_];
    const Lanes n = splat(static_cast<double>(n_));
    for (std::size_t ab = 0; ab < n_; ab += kLanes) {
      Lanes avg = load(&own_sum_[ab]);
      if (b.init != b.rcvr) {
        const Lanes r = load(&risk_pad_[ab]);
        const Lanes u_init = bs_util(wdist_lanes(ab, &bpos_[b.at]), r);
        const Lanes u_rcvr = bs_util(wdist_lanes(ab, &bpos_[b.at + nd_]), r);
        avg = avg - load(&own_t_[b.init * stride_ + ab]) - load(&own_t_[b.rcvr * stride_ + ab]) + u_init + u_rcvr;
      }
      store(out + ab, avg / n);
    }
  }
  void bargain_utilities() {
    bargain_util_.resize(bargains_.size() * stride_);
    for_each(bargains_.size(), [&](std::size_t m) { bargain_row(m); });
  }

  // Actor k's choice among the bargains it is party to (plus its status quo): a PCE over them,
  // then the most probable (deterministic mode) or one drawn (stochastic mode).
  [[nodiscard]] const Bargain& choose(std::size_t k, int turn) const {
    // Per-thread scratch: choose runs in parallel over k, and the PCE below is serial.
    thread_local std::vector<double> u;
    thread_local std::vector<double> p;
    const auto& list = involved_[k];
    const std::size_t nb = list.size();
    u.resize(nb * n_);
    for (std::size_t m = 0; m < nb; ++m) std::copy_n(&bargain_util_[list[m] * stride_], n_, &u[m * n_]);
    scalar_pce(n_, nb, cap_, u.data(), false, p);
    std::size_t chosen = 0;
    if (opt_.transition == SmpTransition::kDeterministic) {
      double best = -1.0;
      for (std::size_t m = 0; m < nb; ++m)
        if (best < std::abs(p[m])) {
          best = std::abs(p[m]);
          chosen = m;
        }
    } else {
      const auto sub = static_cast<std::uint32_t>(static_cast<std::uint64_t>(turn) * n_ + k);
      RandomStream rng(opt_.seed, opt_.draw, StreamId::kBargaining, sub);
      const double x = rng.uniform();
      double cum = 0.0;
      chosen = nb - 1;
      for (std::size_t m = 0; m < nb; ++m) {
        cum += p[m];
        if (x < cum) {
          chosen = m;
          break;
        }
      }
    }
    return bargains_[list[chosen]];
  }

  void step(int turn) {
    challenges();
    make_bargains();
    bargain_utilities();
    std::vector<double>& next = next_;
    next = pos_;
    for_each(n_, [&](std::size_t k) {
      const Bargain& b = choose(k, turn);
      if (b.init != b.rcvr) {
        const double* np = &bpos_[(b.init == k) ? b.at : b.at + nd_];
        for (std::size_t d = 0; d < nd_; ++d) next[k * nd_ + d] = np[d];
      }
    });
    pos_.swap(next);
  }

  [[nodiscard]] double state_dist(const std::vector<double>& a, const std::vector<double>& b) const {
    double sum = 0.0;
    for (std::size_t i = 0; i < n_; ++i) {
      double s = 0.0;
      for (std::size_t k = 0; k < nd_; ++k) {
        const double d = a[i * nd_ + k] - b[i * nd_ + k];
        s = s + d * d;
      }
      sum = sum + std::sqrt(s);
    }
    return sum;
  }

  [[nodiscard]] bool equiv(std::size_t i, std::size_t j) const {
    double s = 0.0;
    for (std::size_t k = 0; k < nd_; ++k) {
      const double d = pos_[i * nd_ + k] - pos_[j * nd_ + k];
      s = s + d * d;
    }
    return std::sqrt(s) < 1e-3;
  }

  // Distinct positions (first occurrence of each) and the PCE over them, each actor voting
  // with its own risk-aware utilities.
  [[nodiscard]] Distribution position_distribution() const {
    std::vector<std::size_t> uniq;
    for (std::size_t i = 0; i < n_; ++i) {
      bool found = false;
      for (std::size_t u : uniq)
        if (equiv(i, u)) {
          found = true;
          break;
        }
      if (!found) uniq.push_back(i);
    }
    std::vector<double> ut(uniq.size() * n_);
    for (std::size_t m = 0; m < uniq.size(); ++m)
      for (std::size_t a = 0; a < n_; ++a) ut[m * n_ + a] = own_[a * n_ + uniq[m]];
    std::vector<double> p;
    scalar_pce(n_, uniq.size(), cap_, ut.data(), opt_.parallel, p);
    return {std::move(uniq), std::move(p)};
  }

  void record(SmpResult& res, const Distribution& dist) const {
    SmpState st;
    st.positions.assign(n_, std::vector<double>(nd_));
    for (std::size_t i = 0; i < n_; ++i)
      for (std::size_t k = 0; k < nd_; ++k) st.positions[i][k] = lo_ + pos_[i * nd_ + k] * span_;
    st.risk = risk_;
    const auto& [uniq, prob] = dist;
    st.probabilities.assign(n_, 0.0);
    for (std::size_t i = 0; i < n_; ++i) {
      // As KTAB: the last distinct position within tolerance of actor i's position.
      for (std::size_t u = 0; u < uniq.size(); ++u)
        if (equiv(i, uniq[u])) st.probabilities[i] = prob[u];
    }
    res.states.push_back(std::move(st));
  }

  SmpOptions opt_;
  std::size_t n_ = 0;
  std::size_t nd_ = 0;
  double lo_ = 0.0;
  double span_ = 1.0;
  std::vector<double> cap_, sal_, sal_sum_, sal_sq_, pos_;
  std::vector<double> weight_;  // total salience x capability
  std::size_t stride_ = 0;      // lane_stride(n_): row length of the padded tables
  std::vector<double> cap_pad_, sal_sum_pad_, sal_sq_pad_, sal_t_, pos_t_, risk_pad_, own_t_;
  std::vector<double> vdiff_, vdiff_t_, risk_, own_, own_sum_;  // vdiff_, vdiff_t_: rows of stride_
  // Per-turn work space: challenges (rows per challenger), bargains and their utilities.
  // (chal_: per challenger, P(win) then the expected gain against every target, padded rows).
  std::vector<double> rh_, u_mi_, chal_;
  std::vector<int> target_;
  std::vector<double> target_prob_;
  std::vector<Bargain> bargains_;
  std::vector<double> bpos_;  // positions after the bargains (Bargain::at)
  std::vector<std::vector<std::size_t>> involved_;
  std::vector<double> bargain_util_;
  std::vector<double> scratch_, prob_, next_, coalitions_;  // setup_state's utilities and PCE, step's positions
};

}  // namespace

std::vector<double> condorcet_probabilities(const std::vector<double>& weights, std::size_t options,
                                            const std::vector<double>& utilities) {
  if (utilities.size() != options * weights.size())
    throw UsageError("condorcet_probabilities: utilities must hold options x voters values");
  std::vector<double> p;
  scalar_pce(weights.size(), options, weights, utilities.data(), false, p);
  return p;
}

SmpResult run_smp(const BargainingProblem& p, const SmpOptions& o) {
  validate(p);
  if (o.max_turns < 1 || o.min_turns < 0 || !(o.min_delta_ratio >= 0.0))
    throw UsageError("SMP options: max_turns >= 1, min_turns >= 0, min_delta_ratio >= 0 required");
  if (o.transition == SmpTransition::kStochastic &&
      static_cast<std::uint64_t>(o.max_turns + 1) * p.actors.size() >= (std::uint64_t{1} << 32))
    throw UsageError("SMP stochastic mode: max_turns x actors must stay below 2^32");
  Smp smp(p, o);
  return smp.run();
}

}  // namespace statecraft::bargaining
