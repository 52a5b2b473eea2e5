#pragma once
// Internal to the society engine: Epstein's rules and the loyalty extension as pure functions of
// what an agent holds and sees, shared by the agent-centric engine (model.cpp) and the
// cell-centric one (cell_grid.cpp). Equations: docs/models/society.md §1-2.

#include <algorithm>
#include <cmath>
#include <vector>

#include "statecraft/society/model.hpp"

namespace statecraft::society {

/// G = min(1, H h(t)) (1 - L(t)).
inline double grievance(float hardship, double h, double L) {
  return std::min(1.0, static_cast<double>(hardship) * h) * (1.0 - L);
}

/// P = 1 - exp(-k C/A) with C/A rounded as the semantics says, A = 1 + (share seen of) the actives
/// in view. `p_table[q]` = 1 - exp(-k q) for integer q.
inline double arrest_probability(const Config& cfg, const std::vector<double>& p_table, int cops_seen,
                                 int actives_seen) {
  // A = 1 + actives seen (the citizen counts herself; NetLogo's count also includes her own patch,
  // so an active NetLogo citizen counts herself twice). Information control thins the crowd seen.
  if (cfg.ext.visible_share == 1.0 && cfg.rounding != RatioRounding::kNone) {
    // Integer counts: floor and round-half-to-even (Python's round) of C/A, exactly.
    const int A = 1 + actives_seen;
    int q = cops_seen / A;
    if (cfg.rounding == RatioRounding::kRound) {
      const int twice_rem = 2 * (cops_seen % A);
      if (twice_rem > A || (twice_rem == A && (q & 1))) ++q;
    }
    return q < static_cast<int>(p_table.size()) ? p_table[static_cast<std::size_t>(q)] : 1.0;
  }
  const double A = 1.0 + cfg.ext.visible_share * actives_seen;
  const double ratio = cops_seen / A;
  double f = ratio;
  if (cfg.rounding == RatioRounding::kRound)
    f = std::nearbyint(ratio);  // half to even, as Python
  else if (cfg.rounding == RatioRounding::kFloor)
    f = std::floor(ratio);
  return 1.0 - std::exp(-cfg.k * f);
}

/// The factor J^alpha of the net risk (1 without it).
inline double jail_factor(const Config& cfg) {
  return cfg.jail_exponent > 0.0 ? std::pow(static_cast<double>(cfg.max_jail_term), cfg.jail_exponent) : 1.0;
}

/// Rule A given the arrest probability: rebel iff G - R P J^alpha > T.
inline bool rebels_at(const Config& cfg, double g, float risk, double p, double jail) {
  return g - static_cast<double>(risk) * p * jail > cfg.threshold;
}

/// Rule A: rebel iff G - R P(C/A) J^alpha > T.
inline bool rebels(const Config& cfg, const std::vector<double>& p_table, double g, float risk, int cops_seen,
                   int actives_seen) {
  return rebels_at(cfg, g, risk, arrest_probability(cfg, p_table, cops_seen, actives_seen), jail_factor(cfg));
}

/// Loyalty after one step: it erodes when the crowd in view dwarfs the cops in view (the cop
/// included) and recovers with the patron's backing signal: dl = -e [a > rho c] + r b(t), clamped.
inline float next_loyalty(const Extensions& e, float l, int cops_here, int actives_seen, double backing) {
  if (actives_seen > e.loyalty_crowd_ratio * cops_here) l -= static_cast<float>(e.loyalty_erosion);
  l += static_cast<float>(e.loyalty_recovery * backing);
  return std::clamp(l, 0.0f, 1.0f);
}

/// A cop whose loyalty fell below the threshold defects.
inline bool defects(const Extensions& e, float loyalty) {
  return e.defection_threshold > 0.0 && static_cast<double>(loyalty) < e.defection_threshold;
}

}  // namespace statecraft::society
