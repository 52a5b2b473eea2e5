#pragma once
/// @file indices.hpp
/// Sobol' indices of groups of inputs from the outputs of a Saltelli design: Saltelli et al.'s
/// (2010) estimator of the first-order (closed) index and Jansen's (1999) estimator of the total
/// index, with percentile bootstrap intervals over the design's rows (deterministic for a seed).

#include <cstdint>
#include <vector>

namespace statecraft::sensitivity {

/// An estimate and its bootstrap interval.
struct Interval {
  double estimate = 0, low = 0, high = 0;
};

/// The indices of one group.
struct GroupIndices {
  Interval first;  ///< V[E(Y | X_g)] / V(Y): the closed first-order index of the group
  Interval total;  ///< E[V(Y | X_~g)] / V(Y): the group's total index
};

/// The indices of every group for one output.
struct Indices {
  double mean = 0, variance = 0;  ///< of the output over the A and B points
  bool constant = false;          ///< the output does not vary: nothing to apportion (indices 0)
  std::size_t rows = 0;           ///< rows the estimates rest on
  std::vector<GroupIndices> groups;
};

/// How to compute the intervals.
struct Bootstrap {
  std::size_t replicates = 200;
  double level = 0.95;
  std::uint64_t seed = 0;
};

/// Indices of `groups` groups from `y`, rows x (groups + 2) outputs row-major, laid out as the
/// points of a SaltelliDesign row (A, B, then A_B^(g) for each g). @throws UsageError when y's
/// size is not a multiple of groups + 2, there are fewer than 2 rows, or an output is not finite.
Indices estimate_indices(std::size_t groups, const std::vector<double>& y, const Bootstrap& bootstrap);

}  // namespace statecraft::sensitivity
