#pragma once
/// @file baselines.hpp
/// Baseline forecasts of a one-dimensional issue from actors' capabilities, positions and
/// saliences: the unweighted mean, the compromise model (capability × salience weighted mean)
/// and the capability × salience weighted median (the position of the weighted median voter).
/// See docs/models/compromise.md. Pure functions, thread-safe.

#include <span>

namespace statecraft::bargaining {

/// Unweighted mean of the positions. @throws UsageError when `position` is empty.
double mean_position(std::span<const double> position);

/// Compromise model: Σ c_i s_i x_i / Σ c_i s_i (Achen 2006; Van den Bos 1991).
/// @throws UsageError when the spans differ in length, are empty, hold a negative or non-finite
/// weight, or when every weight c_i s_i is zero.
double compromise(std::span<const double> capability, std::span<const double> position,
                  std::span<const double> salience);

/// Weighted median of the positions with weights c_i s_i: the smallest position x_k whose
/// cumulative weight reaches half the total (to 1e-12 relative), which holds at least half the
/// weighted vote against any other position (Black 1948; Bueno de Mesquita 1994). On an exact
/// tie this is the smaller of the two weak Condorcet winners. Same preconditions and errors as
/// compromise().
double weighted_median(std::span<const double> capability, std::span<const double> position,
                       std::span<const double> salience);

}  // namespace statecraft::bargaining
