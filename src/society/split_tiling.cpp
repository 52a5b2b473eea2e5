// Why the split tiling keeps every dependency. An agent depends only on earlier agents of lower
// rounds at most k = reach_x bin columns and reach_y bin rows away (along the rings), and agents
// of one round never interact. Let m_j = j * k, bands of at least (2T - 1) k columns.
// * Phase 1, band [s, e), j-th round of the block: columns [s + m_j, e - m_j). A dependency of
//   such an agent at round j' < j of the block lies within [s + m_j - k, e - m_j + k), inside the
//   band's columns at j' since m_j - k = m_{j-1} >= m_{j'}: the same region. Two bands running
//   at once: columns of neighbouring bands at rounds j and j' are m_j + m_j' + 1 apart, more than
//   k unless j = j' = 0, the same round.
// * Phase 2, boundary at column B, j-th round: columns [B - m_j, B + m_j), after all of phase 1.
//   A region lies within m_{T-1} of its boundary, so two regions are at least H - 2 m_{T-1} + 1 > k
//   columns apart (H >= (2T - 1) k): they never interact, and a dependency of a phase-2 agent is
//   in phase 1 or in its own region at an earlier round.
// So a region needs only an order in which each of its agents comes after its dependencies in
// the region (at earlier rounds, at most r = reach_y rows away). The sweep: the agents of round j
// and row y with y in [n_j, rows - n_j), n_j = j * r, at step y + (r + 1) j; a dependency (y', j')
// lies within [n_j - r, rows - n_j + r) without crossing the cut, so y' + (r + 1) j' <= y + r +
// (r + 1) (j - 1) < y + (r + 1) j; agents of one step are (r + 1) rows apart per round between
// them, or of one round. The others (within n_j of the cut) run after the sweep, round by round;
// their dependencies are in the sweep or among them at an earlier round. Bins are never split,
// so the last bin's extra cells change nothing. Blocks run one after the other.

#include "split_tiling.hpp"

#include <algorithm>

namespace statecraft::society {

SplitTiling::SplitTiling(int cols, int rows, int reach_x, int reach_y, int bands, int max_block)
    : reach_x_(std::max(1, reach_x)), reach_y_(std::max(1, reach_y)), rows_(std::max(1, rows)) {
  cols = std::max(1, cols);
  block_ = std::clamp((cols / std::max(1, bands) / reach_x_ + 1) / 2, 1, std::max(1, max_block));
  const int least = (2 * block_ - 1) * reach_x_;
  const int n = std::max(1, cols / least);
  for (int b = 0; b <= n; ++b)
    first_.push_back(static_cast<int>(static_cast<long long>(cols) * b / n));  // each >= cols / n >= least
  band_of_.resize(static_cast<std::size_t>(cols));
  for (int b = 0; b < n; ++b)
    std::fill(band_of_.begin() + first_[static_cast<std::size_t>(b)],
              band_of_.begin() + first_[static_cast<std::size_t>(b) + 1], b);
  sweep_ = static_cast<std::size_t>(rows_) + static_cast<std::size_t>((reach_y_ + 1) * (block_ - 1));
}

std::size_t SplitTiling::step_in_region(int j, int row) const {
  const int margin = j * reach_y_;
  if (row >= margin && row < rows_ - margin)
    return static_cast<std::size_t>(row) + static_cast<std::size_t>((reach_y_ + 1) * j);
  return sweep_ + static_cast<std::size_t>(j);  // near the cut: after the sweep
}

std::size_t SplitTiling::bucket(std::uint32_t round, int col, int row) const {
  const int b = band_of_[static_cast<std::size_t>(col)];
  const int j = static_cast<int>(round % static_cast<std::uint32_t>(block_));
  const int margin = j * reach_x_;
  int phase = 0, region = b;
  if (col - first_[static_cast<std::size_t>(b)] < margin) {
    phase = 1;  // near the band's first column: the boundary it shares with the band before
  } else if (first_[static_cast<std::size_t>(b) + 1] - 1 - col < margin) {
    phase = 1;  // near its last column: the boundary with the band after (band 0 after the last)
    region = (b + 1) % bands();
  }
  return first_bucket(round / static_cast<std::uint32_t>(block_), phase, region) + step_in_region(j, row);
}

}  // namespace statecraft::society
