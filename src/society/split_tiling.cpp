// Why the split tiling keeps every dependency (k = reach in bin rows, m_j = j * k, bands of at
// least (2T - 1) k rows, distances along the ring of bin rows; an agent depends only on earlier
// agents of lower rounds at most k rows away, and agents of one round never interact):
// * Phase 1, band [s, e), j-th round of the block: rows [s + m_j, e - m_j). A dependency of such
//   an agent at round j' < j of the block lies within [s + m_j - k, e - m_j + k), inside the
//   band's rows at j' since m_j - k = m_{j-1} >= m_{j'}: it ran before, in the same band. Two
//   bands running at once: rows of neighbouring bands at rounds j and j' are m_j + m_j' + 1 apart,
//   more than k unless j = j' = 0, the same round.
// * Phase 2, boundary at row B, j-th round: rows [B - m_j, B + m_j), after all of phase 1. A
//   region's rows lie within m_{T-1} of its boundary, so two regions are at least
//   H - 2 m_{T-1} + 1 > k rows apart (H >= (2T - 1) k): they never interact, and a dependency of a
//   phase-2 agent is either in phase 1 or in its own region at an earlier round.
// Blocks run one after the other. With one band its two edges are one boundary, and phase 2 is
// one region. Bins along a row are never split, so the last bin row's extra cells and the wrap
// in x change nothing; the wrap in y is the ring's.

#include "split_tiling.hpp"

#include <algorithm>
#include <cstddef>

namespace statecraft::society {

SplitTiling::SplitTiling(int rows, int reach, int bands, int max_block) : reach_(std::max(1, reach)) {
  rows = std::max(1, rows);
  block_ = std::clamp((rows / std::max(1, bands) / reach_ + 1) / 2, 1, std::max(1, max_block));
  const int least = (2 * block_ - 1) * reach_;
  const int n = std::clamp(rows / least, 1, std::max(1, bands));
  for (int b = 0; b <= n; ++b)
    first_.push_back(static_cast<int>(static_cast<long long>(rows) * b / n));  // each >= rows / n >= least
  band_of_.resize(static_cast<std::size_t>(rows));
  for (int b = 0; b < n; ++b)
    std::fill(band_of_.begin() + first_[static_cast<std::size_t>(b)],
              band_of_.begin() + first_[static_cast<std::size_t>(b) + 1], b);
}

std::uint32_t SplitTiling::bucket(std::uint32_t round, int row) const {
  const int b = band_of_[static_cast<std::size_t>(row)];
  const int j = static_cast<int>(round % static_cast<std::uint32_t>(block_));
  const int margin = j * reach_;
  int phase = 0, region = b;
  if (row - first_row(b) < margin) {
    phase = 1;  // near the band's first row: the boundary it shares with the band before
  } else if (first_row(b + 1) - 1 - row < margin) {
    phase = 1;  // near its last row: the boundary with the band after (band 0 after the last)
    region = (b + 1) % bands();
  }
  return static_cast<std::uint32_t>(bucket_of(round / static_cast<std::uint32_t>(block_), phase, region, j));
}

}  // namespace statecraft::society
