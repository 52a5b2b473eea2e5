#pragma once
/// @file difference.hpp
/// The difference between two probabilities estimated from Monte Carlo draws, with a 95%
/// interval: paired when both came from the same draws (common random numbers), which makes it
/// far narrower than two separate intervals suggest; unpaired otherwise. Both are Newcombe's
/// hybrid score intervals built from Wilson intervals (Newcombe 1998, Stat. Med. 17: method 10
/// of "Improved confidence intervals for the difference between binomial proportions based on
/// paired data", and method 10 of "Interval estimation for the difference between independent
/// proportions").

#include <cstddef>
#include <vector>

namespace statecraft::ensemble {

/// p_b - p_a and its 95% interval.
struct Difference {
  double estimate = 0, low = 0, high = 0;
  std::size_t pairs = 0;  ///< draws answered in both (paired); 0 when unpaired
  bool paired = false;
};

/// From per-draw answers of the same draws (1 yes, 0 no, -1 not answered; draws answered in only
/// one are left out). Zero pairs give the whole interval [-1, 1].
Difference paired_difference(const std::vector<signed char>& a, const std::vector<signed char>& b);

/// From counts of independent runs: yes_a of n_a draws and yes_b of n_b.
Difference unpaired_difference(std::size_t yes_a, std::size_t n_a, std::size_t yes_b, std::size_t n_b);

}  // namespace statecraft::ensemble
