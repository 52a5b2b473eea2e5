#pragma once
/// @file design.hpp
/// Quasi-random designs for variance-based sensitivity analysis: points of a Sobol' sequence
/// (Boost.Random's sobol_engine, Joe & Kuo direction numbers) randomised by a digital shift keyed
/// by a seed, and the Saltelli design built on them for grouped first-order and total indices.

#include <cstdint>
#include <string>
#include <vector>

namespace statecraft::sensitivity {

/// The first `n` points of the `dim`-dimensional Sobol' sequence, each coordinate XOR-ed with 64
/// random bits drawn from (seed, coordinate) (a random digital shift, which keeps the sequence's
/// net structure), as n x dim values strictly inside (0, 1), row-major. Deterministic in
/// (n, dim, seed). @throws UsageError when dim is 0 or beyond the direction-number table.
std::vector<double> sobol_points(std::size_t n, std::size_t dim, std::uint64_t seed);

/// Largest dimension of the Sobol' table (twice the number of inputs a Saltelli design can take).
std::size_t sobol_max_dimension();

/// Saltelli's design for G groups of k inputs (Saltelli et al. 2010): two quasi-random
/// matrices A and B (the first and last k coordinates of a 2k-dimensional Sobol' point) and, per
/// group g, the matrix A_B^(g): A with the columns of group g taken from B. Every row of the design
/// holds G + 2 points: 0 = A, 1 = B, 2 + g = A_B^(g).
class SaltelliDesign {
 public:
  /// `group_of[i]` is the group (0..G-1) of input i; every group must hold an input.
  /// @throws UsageError on an empty group, no rows or no inputs.
  SaltelliDesign(std::size_t rows, std::vector<std::size_t> group_of, std::uint64_t seed);

  [[nodiscard]] std::size_t rows() const noexcept { return rows_; }
  [[nodiscard]] std::size_t inputs() const noexcept { return group_of_.size(); }
  [[nodiscard]] std::size_t groups() const noexcept { return groups_; }
  [[nodiscard]] std::size_t points_per_row() const noexcept { return groups_ + 2; }
  /// Whether input `i` of point `p` takes its value from B (else from A).
  [[nodiscard]] bool from_b(std::size_t p, std::size_t i) const noexcept {
    return p == 1 || (p >= 2 && group_of_[i] == p - 2);
  }
  /// Writes the inputs() coordinates of point `p` of row `row` to `u`, each in (0, 1).
  void point(std::size_t row, std::size_t p, double* u) const;

 private:
  std::size_t rows_ = 0, groups_ = 0;
  std::vector<std::size_t> group_of_;
  std::vector<double> ab_;  // rows x 2k: A's k coordinates, then B's
};

}  // namespace statecraft::sensitivity
