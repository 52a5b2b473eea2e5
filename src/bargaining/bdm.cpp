// Bueno de Mesquita's expected-utility model, following the specification in
// J. B. Scholz, G. J. Calbert, G. A. Smith (2011), "Unravelling Bueno de Mesquita's group
// decision model", Journal of Theoretical Politics 23(4):510-531 (conference version: ICAART
// 2011). Equation references below are to that paper's sections; see docs/models/bargaining.md
// for where the published ports (D. Masad's and J. McKibben's Python replications) differ.
//
// Notation: positions x_i normalised by the range of the initial positions, capability c_i,
// salience s_i, risk exponent r_i.

#include <algorithm>
#include <cmath>
#include <limits>

#include "statecraft/bargaining/models.hpp"
#include "statecraft/error.hpp"

namespace statecraft::bargaining {

namespace {

struct Utilities {
  double us, uf, ub, uw, usq;
};

// Section 3: utilities of success, failure, better, worse and status quo for an actor with risk
// exponent r, at normalised distance d = |x_i - x_j| and distance dm = |x_i - mu| to the median.
Utilities basic_utilities(double d, double dm, double r) {
  Utilities u{};
  u.us = 2.0 - 4.0 * std::pow(0.5 - 0.5 * d, r);
  u.uf = 2.0 - 4.0 * std::pow(0.5 + 0.5 * d, r);
  u.ub = 2.0 - 4.0 * std::pow(std::max(0.0, 0.5 - 0.25 * (dm + d)), r);
  u.uw = 2.0 - 4.0 * std::pow(0.5 + 0.25 * (dm + d), r);
  u.usq = 2.0 - 4.0 * std::pow(0.5, r);
  return u;
}

double wmedian(const std::vector<double>& x, const std::vector<double>& w) {
  std::vector<std::size_t> idx(x.size());
  for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
  double total = 0.0;
  for (double v : w) total += v;
  double cum = 0.0;
  for (std::size_t i : idx) {
    cum += w[i];
    if (cum >= 0.5 * total * (1.0 - 1e-12)) return x[i];
  }
  return x[idx.back()];
}

double wmean(const std::vector<double>& x, const std::vector<double>& w) {
  double num = 0.0;
  double den = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    num += w[i] * x[i];
    den += w[i];
  }
  return num / den;
}

}  // namespace

// Section 4: the votes of every actor k in the contest i vs j are
// v_k = c_k s_k (|x_k - x_j| - |x_k - x_i|); P_ij = sum of positive votes / sum of |votes|.
double bdm_probability(const std::vector<double>& x, const std::vector<double>& c,
                       const std::vector<double>& s, std::size_t i, std::size_t j) {
  double num = 0.0;
  double den = 0.0;
  for (std::size_t k = 0; k < x.size(); ++k) {
    const double v = c[k] * s[k] * (std::abs(x[k] - x[j]) - std::abs(x[k] - x[i]));
    if (v > 0.0) num += v;
    den += std::abs(v);
  }
  return den > 0.0 ? num / den : 0.0;
}

BdmResult run_bdm(const BargainingProblem& p, std::size_t dim, const BdmOptions& opt) {
  validate(p);
  if (dim >= p.dimensions.size()) throw UsageError("BDM: dimension index out of range");
  if (opt.max_rounds < 0 || !(opt.q >= 0.0 && opt.q <= 1.0) || !(opt.t >= 0.0 && opt.t <= 1.0))
    throw UsageError("BDM options: max_rounds >= 0 and q, t in [0, 1] required");
  const std::size_t n = p.actors.size();
  std::vector<double> c(n);
  std::vector<double> s(n);
  std::vector<double> x(n);
  for (std::size_t i = 0; i < n; ++i) {
    c[i] = p.actors[i].capability;
    s[i] = p.actors[i].salience[dim];
    x[i] = p.actors[i].position[dim];
  }
  std::vector<double> w(n);
  for (std::size_t i = 0; i < n; ++i) w[i] = c[i] * s[i];

  // Positions are normalised by the spread of the initial positions (the scale of the paper's
  // utilities is [0, 1]); a problem whose actors all agree has nothing to bargain over.
  double lo = std::numeric_limits<double>::infinity();
  double hi = -std::numeric_limits<double>::infinity();
  for (double v : x) {
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  const double range = hi - lo;

  BdmResult res;
  BdmRound r0;
  r0.positions = x;
  r0.median = wmedian(x, w);
  r0.mean = wmean(x, w);
  res.rounds.push_back(r0);
  if (n < 2 || range <= 0.0) {
    res.converged = true;
    res.forecast = r0.median;
    return res;
  }

  std::vector<double> z(n);  // normalised positions
  std::vector<double> prob(n * n);
  std::vector<double> r(n);
  std::vector<double> eu(n * n);  // eu[i*n+j]: EU_i(challenge j) evaluated with risk exponent r_i
  // Section 2.2: EU of i challenging j as seen with risk exponent ri:
  // s_j (P U_s + (1-P) U_f) + (1 - s_j) U_s - Q U_sq - (1-Q)(T U_b + (1-T) U_w).
  auto eu_challenge = [&](std::size_t i, std::size_t j, double ri, double mu) {
    const double d = std::abs(z[i] - z[j]);
    const Utilities u = basic_utilities(d, std::abs(z[i] - mu), ri);
    const double pij = prob[i * n + j];
    return s[j] * (pij * u.us + (1.0 - pij) * u.uf) + (1.0 - s[j]) * u.us - opt.q * u.usq -
           (1.0 - opt.q) * (opt.t * u.ub + (1.0 - opt.t) * u.uw);
  };

  for (int round = 1; round <= opt.max_rounds; ++round) {
    for (std::size_t i = 0; i < n; ++i) z[i] = (x[i] - lo) / range;
    // Section 3.2: the median voter position (weighted Condorcet winner) mu.
    const double mu = (wmedian(x, w) - lo) / range;
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j)
        prob[i * n + j] = (i == j || z[i] == z[j]) ? 0.0 : bdm_probability(z, c, s, i, j);
    // Section 5: risk. With r = 1 for all, the security level of i is the sum of the other
    // actors' expected utilities of challenging i; R_i = (2 S_i - S_max - S_min)/(S_max - S_min)
    // and r_i = (1 - R_i/3) / (1 + R_i/3).
    std::vector<double> security(n, 0.0);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j)
        if (j != i) security[i] += eu_challenge(j, i, 1.0, mu);
    double smin = std::numeric_limits<double>::infinity();
    double smax = -std::numeric_limits<double>::infinity();
    for (double v : security) {
      smin = std::min(smin, v);
      smax = std::max(smax, v);
    }
    for (std::size_t i = 0; i < n; ++i) {
      const double big_r = (smax - smin) > 0.0 ? (2.0 * security[i] - smax - smin) / (smax - smin) : 0.0;
      r[i] = (1.0 - big_r / 3.0) / (1.0 + big_r / 3.0);
    }
    // Section 6: offers. Each actor i offers (challenges) j when its own EU of challenging j is
    // positive. Receiver j judges the offer with its own risk exponent: a = EU_j(challenge i),
    // b = EU_i(challenge j) as j perceives it.
    //   b > a > 0        confrontation, j expects to lose: j moves to x_i;
    //   b > 0 > a, b > |a|  compromise: j moves the fraction |a / b| of the way to x_i;
    //   b > 0 > a, b <= |a| capitulation: j moves to x_i.
    // Among the offers it receives, j accepts the one that moves it least.
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j) eu[i * n + j] = (i == j) ? 0.0 : eu_challenge(i, j, r[i], mu);
    BdmRound rec;
    rec.risk_exponent = r;
    std::vector<double> nx = x;
    double max_move = 0.0;
    for (std::size_t j = 0; j < n; ++j) {
      BdmMove mv;
      mv.actor = static_cast<int>(j);
      mv.from = x[j];
      mv.to = x[j];
      double best_dist = std::numeric_limits<double>::infinity();
      double best_eu = -std::numeric_limits<double>::infinity();
      for (std::size_t i = 0; i < n; ++i) {
        if (i == j || z[i] == z[j] || !(eu[i * n + j] > 0.0)) continue;
        const double a = eu_challenge(j, i, r[j], mu);
        const double b = eu_challenge(i, j, r[j], mu);
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
        if (dist < best_dist || (dist == best_dist && eu[i * n + j] > best_eu)) {
          best_dist = dist;
          best_eu = eu[i * n + j];
          mv.proposer = static_cast<int>(i);
          mv.kind = kind;
          mv.to = to;
        }
      }
      nx[j] = mv.to;
      max_move = std::max(max_move, std::abs(mv.to - mv.from));
      rec.moves.push_back(mv);
    }
    x = nx;
    rec.positions = x;
    rec.median = wmedian(x, w);
    rec.mean = wmean(x, w);
    res.rounds.push_back(std::move(rec));
    if (max_move <= opt.tolerance * range) {
      res.converged = true;
      break;
    }
  }
  res.forecast = res.rounds.back().median;
  return res;
}

}  // namespace statecraft::bargaining
