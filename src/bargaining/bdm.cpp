// Bueno de Mesquita's expected-utility model, following the specification in
// J. B. Scholz, G. J. Calbert, G. A. Smith (2011), "Unravelling Bueno de Mesquita's group
// decision model", Journal of Theoretical Politics 23(4):510-531 (conference version: ICAART
// 2011). Equation references below are to that paper's sections; see docs/models/bargaining.md
// for where the published ports (D. Masad's and J. McKibben's Python replications) differ, and
// for the stopping rule (fixed point or cycle, tolerance relative to the scale).
//
// Notation: positions x_i normalised by the range of the initial positions (and of the status
// quo, when the issue has one), capability c_i, salience s_i, risk exponent r_i.

#include <algorithm>
#include <cmath>
#include <limits>

#include "statecraft/bargaining/baselines.hpp"
#include "statecraft/bargaining/models.hpp"
#include "statecraft/error.hpp"

namespace statecraft::bargaining {

namespace {

struct Utilities {
  double us, uf, ub, uw, usq;
};

// 2 - 4 b^r, the utility form of section 3. The security levels of section 5 use r = 1, where
// pow(b, 1) == b exactly, so the call is skipped.
double util_of(double b, double r) { return 2.0 - 4.0 * (r == 1.0 ? b : std::pow(b, r)); }

// Section 3: utilities of success and failure for an actor with risk exponent r, at normalised
// distance d = |x_i - x_j|. They depend on i and j only through d, so U_s and U_f of i challenging
// j with r_j equal those of j challenging i with r_j.
double util_success(double d, double r) { return util_of(0.5 - 0.5 * d, r); }
double util_failure(double d, double r) { return util_of(0.5 + 0.5 * d, r); }

// Utilities better and worse, at distance dm = |x_i - mu| from the median.
double util_better(double d, double dm, double r) { return util_of(std::max(0.0, 0.5 - 0.25 * (dm + d)), r); }
double util_worse(double d, double dm, double r) { return util_of(0.5 + 0.25 * (dm + d), r); }

// Utility of the status quo at distance dsq = |x_i - x_sq|. Without a recorded status quo dsq = 0,
// which is the paper's U_sq = 2 - 4 (1/2)^r; with one, U_sq is the utility of the status-quo
// outcome, 2 - 4 (1/2 + dsq/2)^r (the form of U_f, i's utility for an outcome at distance dsq).
double util_status_quo(double dsq, double r) { return util_of(0.5 + 0.5 * dsq, r); }

// One dimension of a problem, with the quantities that stay fixed during a run.
class Bdm {
 public:
  Bdm(const BargainingProblem& p, std::size_t dim, const BdmOptions& opt) : opt_(opt), n_(p.actors.size()) {
    c_.resize(n_);
    s_.resize(n_);
    x0_.resize(n_);
    for (std::size_t i = 0; i < n_; ++i) {
      c_[i] = p.actors[i].capability;
      s_[i] = p.actors[i].salience[dim];
      x0_[i] = p.actors[i].position[dim];
    }
    lo_ = *std::min_element(x0_.begin(), x0_.end());
    double hi = *std::max_element(x0_.begin(), x0_.end());
    if (opt.use_status_quo && !p.status_quo.empty()) {
      has_sq_ = true;
      sq_ = p.status_quo[dim];
      lo_ = std::min(lo_, sq_);
      hi = std::max(hi, sq_);
    }
    range_ = hi - lo_;
    tol_ = opt.tolerance * (p.scale_max - p.scale_min);
    weigh_ub_ = (1.0 - opt.q) != 0.0 && opt.t != 0.0;
    weigh_uw_ = (1.0 - opt.q) != 0.0 && (1.0 - opt.t) != 0.0;
    prob_.resize(n_ * n_);
    dist_.resize(n_ * n_);
    w_.resize(n_);
    for (std::size_t k = 0; k < n_; ++k) w_[k] = c_[k] * s_[k];
    eu_.resize(n_ * n_);
    us_.resize(n_ * n_);
    uf_.resize(n_ * n_);
    z_.resize(n_);
    first_.resize(n_);
    dm_.resize(n_);
    dsq_.resize(n_);
  }

  BdmResult run();

 private:
  // U_b and U_w, or 0 when their weight in the EU, (1 - Q) T or (1 - Q)(1 - T), is 0 (both with the
  // default Q = 1): the term then adds an exact zero whatever the utility, so its pow is skipped.
  [[nodiscard]] double better(double d, double dm, double r) const { return weigh_ub_ ? util_better(d, dm, r) : 0.0; }
  [[nodiscard]] double worse(double d, double dm, double r) const { return weigh_uw_ ? util_worse(d, dm, r) : 0.0; }
  [[nodiscard]] double expected_utility(std::size_t i, std::size_t j, const Utilities& u) const;
  [[nodiscard]] double eu_challenge(std::size_t i, std::size_t j, double ri) const;
  [[nodiscard]] double eu_seen_by_receiver(std::size_t i, std::size_t j, double rj, std::vector<double>& usq) const;
  void fill_challenges(const std::vector<double>& r);
  void set_state(const std::vector<double>& x);
  void set_probabilities(std::size_t i, std::size_t j);
  [[nodiscard]] std::vector<double> risk_exponents() const;
  [[nodiscard]] BdmMove best_offer(std::size_t j, const std::vector<double>& x, const std::vector<double>& r,
                                   std::vector<double>& usq) const;
  [[nodiscard]] BdmRound round(const std::vector<double>& x);
  [[nodiscard]] int repeats(const BdmResult& res) const;

  BdmOptions opt_;
  std::size_t n_;
  std::vector<double> c_, s_, x0_;
  std::vector<double> w_;  // c_k s_k, the weight of k's vote
  double lo_ = 0.0, range_ = 0.0, tol_ = 0.0, sq_ = 0.0;
  bool has_sq_ = false;
  bool weigh_ub_ = true, weigh_uw_ = true;
  // Per-round state: normalised positions z, median mu, distances to the median dm and to the
  // status quo dsq, between actors dist, P_ij, EU_i(challenge j) with r_i and its U_s and U_f.
  std::vector<double> z_, dm_, dsq_, dist_, prob_, eu_, us_, uf_;
  // first_[i]: the smallest k with z_k == z_i. Actors at one position have the same distance to
  // every other actor and to the status quo, so their utilities are computed once (and the
  // same pow calls give the same values: results are unchanged).
  std::vector<std::size_t> first_;
  double mu_ = 0.0;
};

// Section 2.2: EU of i challenging j with utilities u:
// s_j (P U_s + (1-P) U_f) + (1 - s_j) U_s - Q U_sq - (1-Q)(T U_b + (1-T) U_w).
double Bdm::expected_utility(std::size_t i, std::size_t j, const Utilities& u) const {
  const double pij = prob_[i * n_ + j];
  return s_[j] * (pij * u.us + (1.0 - pij) * u.uf) + (1.0 - s_[j]) * u.us - opt_.q * u.usq -
         (1.0 - opt_.q) * (opt_.t * u.ub + (1.0 - opt_.t) * u.uw);
}

// EU of i challenging j as seen with risk exponent ri.
double Bdm::eu_challenge(std::size_t i, std::size_t j, double ri) const {
  const double d = std::abs(z_[i] - z_[j]);
  const Utilities u{util_success(d, ri), util_failure(d, ri), better(d, dm_[i], ri), worse(d, dm_[i], ri),
                    util_status_quo(dsq_[i], ri)};
  return expected_utility(i, j, u);
}

// The same with the receiver j's exponent rj, after fill_challenges: U_s and U_f are those of j
// challenging i with r_j (the same distance), read from the round's table.
// usq[k] holds U_sq with r_j of the actors at z_k (NaN until computed).
double Bdm::eu_seen_by_receiver(std::size_t i, std::size_t j, double rj, std::vector<double>& usq) const {
  const double d = std::abs(z_[i] - z_[j]);
  double& sq = usq[first_[i]];
  if (std::isnan(sq)) sq = util_status_quo(dsq_[i], rj);
  const Utilities u{us_[j * n_ + i], uf_[j * n_ + i], better(d, dm_[i], rj), worse(d, dm_[i], rj), sq};
  return expected_utility(i, j, u);
}

// EU_i(challenge j) with r_i for every pair, keeping U_s and U_f; U_sq depends on i only.
void Bdm::fill_challenges(const std::vector<double>& r) {
  for (std::size_t i = 0; i < n_; ++i) {
    const double usq = util_status_quo(dsq_[i], r[i]);
    for (std::size_t j = 0; j < n_; ++j) {
      if (i == j) {
        eu_[i * n_ + j] = 0.0;
        continue;
      }
      const double d = std::abs(z_[i] - z_[j]);
      const std::size_t k = first_[j];  // k < j unless j is the first at its position
      const bool known = k != j && k != i;
      const Utilities u{known ? us_[i * n_ + k] : util_success(d, r[i]),
                        known ? uf_[i * n_ + k] : util_failure(d, r[i]), better(d, dm_[i], r[i]),
                        worse(d, dm_[i], r[i]), usq};
      us_[i * n_ + j] = u.us;
      uf_[i * n_ + j] = u.uf;
      eu_[i * n_ + j] = expected_utility(i, j, u);
    }
  }
}

// Normalised positions, the median voter position (section 3.2: the weighted Condorcet winner)
// and the probabilities of success of every contest.
void Bdm::set_state(const std::vector<double>& x) {
  for (std::size_t i = 0; i < n_; ++i) z_[i] = (x[i] - lo_) / range_;
  for (std::size_t i = 0; i < n_; ++i) {
    std::size_t k = 0;
    while (z_[k] != z_[i]) ++k;
    first_[i] = k;
  }
  mu_ = (weighted_median(c_, x, s_) - lo_) / range_;
  for (std::size_t i = 0; i < n_; ++i) {
    dm_[i] = std::abs(z_[i] - mu_);
    dsq_[i] = has_sq_ ? std::abs(z_[i] - (sq_ - lo_) / range_) : 0.0;
  }
  for (std::size_t i = 0; i < n_; ++i)
    for (std::size_t k = 0; k < n_; ++k) dist_[i * n_ + k] = std::abs(z_[i] - z_[k]);
  for (std::size_t i = 0; i < n_; ++i) {
    prob_[i * n_ + i] = 0.0;
    for (std::size_t j = 0; j < i; ++j) set_probabilities(i, j);
  }
}

// bdm_probability for P_ij and P_ji at once, from the round's distances and the weights c_k s_k:
// the votes in j vs i are exactly the opposites of those in i vs j, summed in the same order.
// An actor at the position of an earlier one (first_) has that actor's distances to everyone, so
// its contests have the probabilities already computed for the earlier one: the same votes, or
// their exact opposites in the same order when the pair comes the other way round.
void Bdm::set_probabilities(std::size_t i, std::size_t j) {
  if (z_[i] == z_[j]) {
    prob_[i * n_ + j] = prob_[j * n_ + i] = 0.0;
    return;
  }
  const std::size_t fi = first_[i], fj = first_[j];
  if (fi != i || fj != j) {
    prob_[i * n_ + j] = prob_[fi * n_ + fj];
    prob_[j * n_ + i] = prob_[fj * n_ + fi];
    return;
  }
  double num_ij = 0.0;
  double num_ji = 0.0;
  double den = 0.0;
  for (std::size_t k = 0; k < n_; ++k) {
    const double v = w_[k] * (dist_[k * n_ + j] - dist_[k * n_ + i]);
    if (v > 0.0) num_ij += v;
    if (v < 0.0) num_ji += -v;
    den += std::abs(v);
  }
  prob_[i * n_ + j] = den > 0.0 ? num_ij / den : 0.0;
  prob_[j * n_ + i] = den > 0.0 ? num_ji / den : 0.0;
}

// Section 5: risk. With r = 1 for all, the security level of i is the sum of the other actors'
// expected utilities of challenging i; R_i = (2 S_i - S_max - S_min)/(S_max - S_min) and
// r_i = (1 - R_i/3) / (1 + R_i/3).
std::vector<double> Bdm::risk_exponents() const {
  std::vector<double> security(n_, 0.0);
  for (std::size_t i = 0; i < n_; ++i)
    for (std::size_t j = 0; j < n_; ++j)
      if (j != i) security[i] += eu_challenge(j, i, 1.0);
  const auto [mn, mx] = std::minmax_element(security.begin(), security.end());
  const double smin = *mn;
  const double smax = *mx;
  std::vector<double> r(n_);
  for (std::size_t i = 0; i < n_; ++i) {
    const double big_r = (smax - smin) > 0.0 ? (2.0 * security[i] - smax - smin) / (smax - smin) : 0.0;
    r[i] = (1.0 - big_r / 3.0) / (1.0 + big_r / 3.0);
  }
  return r;
}

// Section 6: the offer receiver j accepts. Each actor i offers (challenges) j when its own EU of
// challenging j is positive. j judges the offer with its own risk exponent: a = EU_j(challenge i),
// b = EU_i(challenge j) as j perceives it.
//   b > a > 0           confrontation, j expects to lose: j moves to x_i;
//   b > 0 > a, b > |a|  compromise: j moves the fraction |a / b| of the way to x_i;
//   b > 0 > a, b <= |a| capitulation: j moves to x_i.
// Among the offers it receives, j accepts the one that moves it least (ties: larger sender EU).
BdmMove Bdm::best_offer(std::size_t j, const std::vector<double>& x, const std::vector<double>& r,
                        std::vector<double>& usq) const {
  BdmMove mv;
  mv.actor = static_cast<int>(j);
  mv.from = mv.to = x[j];
  double best_dist = std::numeric_limits<double>::infinity();
  double best_eu = -std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < n_; ++i) {
    if (i == j || z_[i] == z_[j] || !(eu_[i * n_ + j] > 0.0)) continue;
    const double a = eu_[j * n_ + i];  // EU_j(challenge i) with r_j, computed in round()
    const double b = eu_seen_by_receiver(i, j, r[j], usq);
    BdmOfferKind kind = BdmOfferKind::kNone;
    double to = x[j];
    if (b > a && a > 0.0) {
      kind = BdmOfferKind::kConfrontation;
      to = x[i];
    } else if (b > 0.0 && a < 0.0 && b > -a) {
      kind = BdmOfferKind::kCompromise;
      to = x[j] + (x[i] - x[j]) * (-a / b);
    } else if (b > 0.0 && a < 0.0) {
      kind = BdmOfferKind::kCapitulation;
      to = x[i];
    } else {
      continue;
    }
    const double dist = std::abs(to - x[j]);
    if (dist < best_dist || (dist == best_dist && eu_[i * n_ + j] > best_eu)) {
      best_dist = dist;
      best_eu = eu_[i * n_ + j];
      mv.proposer = static_cast<int>(i);
      mv.kind = kind;
      mv.to = to;
    }
  }
  return mv;
}

// One round from positions x; all moves are simultaneous.
BdmRound Bdm::round(const std::vector<double>& x) {
  set_state(x);
  BdmRound rec;
  rec.risk_exponent = risk_exponents();
  const std::vector<double>& r = rec.risk_exponent;
  fill_challenges(r);
  rec.positions = x;
  rec.moves.reserve(n_);
  std::vector<double> usq(n_);
  for (std::size_t j = 0; j < n_; ++j) {
    std::fill(usq.begin(), usq.end(), std::numeric_limits<double>::quiet_NaN());
    rec.moves.push_back(best_offer(j, x, r, usq));
    rec.positions[j] = rec.moves.back().to;
  }
  rec.median = weighted_median(c_, rec.positions, s_);
  rec.mean = compromise(c_, rec.positions, s_);
  return rec;
}

// The smallest p >= 1 such that the last state equals the state p rounds earlier (no position
// differs by more than the tolerance), or 0 when it repeats no earlier state.
int Bdm::repeats(const BdmResult& res) const {
  const auto& last = res.rounds.back().positions;
  for (std::size_t p = 1; p < res.rounds.size(); ++p) {
    const auto& old = res.rounds[res.rounds.size() - 1 - p].positions;
    bool same = true;
    for (std::size_t i = 0; i < n_ && same; ++i) same = std::abs(last[i] - old[i]) <= tol_;
    if (same) return static_cast<int>(p);
  }
  return 0;
}

BdmResult Bdm::run() {
  BdmResult res;
  BdmRound r0;
  r0.positions = x0_;
  r0.median = weighted_median(c_, x0_, s_);
  r0.mean = compromise(c_, x0_, s_);
  res.rounds.push_back(r0);
  res.forecast = r0.median;
  // A problem whose actors all agree (or a single actor) has nothing to bargain over.
  if (n_ < 2 || *std::max_element(x0_.begin(), x0_.end()) == *std::min_element(x0_.begin(), x0_.end())) {
    res.stop = BdmStop::kFixedPoint;
    res.converged = true;
    res.cycle_period = 1;
    return res;
  }
  for (int t = 1; t <= opt_.max_rounds; ++t) {
    res.rounds.push_back(round(res.rounds.back().positions));
    const int p = repeats(res);
    if (p == 0) continue;
    // A fixed point (p = 1) or a cycle of period p: the forecast is the mean, over the p states
    // of the cycle, of their weighted medians (for p = 1: the final weighted median).
    res.stop = p == 1 ? BdmStop::kFixedPoint : BdmStop::kCycle;
    res.converged = true;
    res.cycle_period = p;
    double sum = 0.0;
    for (int k = 0; k < p; ++k) sum += res.rounds[res.rounds.size() - 1 - static_cast<std::size_t>(k)].median;
    res.forecast = sum / p;
    return res;
  }
  res.stop = BdmStop::kRoundLimit;
  res.forecast = res.rounds.back().median;
  return res;
}

}  // namespace

// Section 4: the votes of every actor k in the contest i vs j are
// v_k = c_k s_k (|x_k - x_j| - |x_k - x_i|); P_ij = sum of positive votes / sum of |votes|.
double bdm_probability(const std::vector<double>& x, const std::vector<double>& c, const std::vector<double>& s,
                       std::size_t i, std::size_t j) {
  double num = 0.0;
  double den = 0.0;
  for (std::size_t k = 0; k < x.size(); ++k) {
    const double v = c[k] * s[k] * (std::abs(x[k] - x[j]) - std::abs(x[k] - x[i]));
    if (v > 0.0) num += v;
    den += std::abs(v);
  }
  return den > 0.0 ? num / den : 0.0;
}

BdmResult run_bdm(const BargainingProblem& p, std::size_t k, const BdmOptions& options) {
  validate(p);
  if (k >= p.dimensions.size()) throw UsageError("BDM: dimension index out of range");
  if (options.max_rounds < 0 || !(options.q >= 0.0 && options.q <= 1.0) || !(options.t >= 0.0 && options.t <= 1.0) ||
      !(options.tolerance >= 0.0 && options.tolerance < 1.0))
    throw UsageError("BDM options: max_rounds >= 0, q and t in [0, 1] and tolerance in [0, 1) required");
  Bdm bdm(p, k, options);
  return bdm.run();
}

}  // namespace statecraft::bargaining
