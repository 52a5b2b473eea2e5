// Split tiling of the conflict-free order's rounds (internal; see conflict_free.cpp and
// docs/models/society.md, "Update orders"). The torus's bin columns are cut into vertical bands
// and the rounds into blocks of `block` rounds. In a block's first phase each band runs, in
// parallel with the others, the agents at least j * reach columns inside it at the block's j-th
// round (a shrinking trapezoid); in its second phase each band boundary runs the rest near it (a
// growing trapezoid). Inside such a region, which one thread runs, the agents are swept down the
// rows, round j lagging (reach + 1) * j rows behind round 0, so that the rows a region works on
// stay few and in cache; the agents near the cut between the last and the first row run after
// the sweep, round by round. Each agent falls into one bucket, numbered so that listing the
// buckets in order lists the schedule: (block, phase, region, step of the region's order).

#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace statecraft::society {

class SplitTiling {
 public:
  /// A tiling of a torus of `cols` x `rows` bins on which agents may interact `reach_x` bin
  /// columns and `reach_y` bin rows apart (along either ring), aiming at `bands` bands at least and
  /// at most `max_block` rounds a block; blocks of one round when the ring is too short for more.
  SplitTiling(int cols, int rows, int reach_x, int reach_y, int bands, int max_block);

  [[nodiscard]] int block() const { return block_; }
  [[nodiscard]] int bands() const { return static_cast<int>(first_.size()) - 1; }
  /// Buckets in one region of one phase of one block.
  [[nodiscard]] std::size_t steps() const { return sweep_ + static_cast<std::size_t>(block_); }
  /// The bucket of an agent of round `round` in bin (col, row).
  [[nodiscard]] std::size_t bucket(std::uint32_t round, int col, int row) const;
  /// The first bucket of (block, phase, region); phase 2 of a block is phase 0 of the next.
  [[nodiscard]] std::size_t first_bucket(std::size_t block, int phase, int region) const {
    return ((block * 2 + static_cast<std::size_t>(phase)) * static_cast<std::size_t>(bands()) +
            static_cast<std::size_t>(region)) *
           steps();
  }
  /// Blocks covering `rounds` rounds.
  [[nodiscard]] std::size_t blocks(std::uint32_t rounds) const {
    return (rounds + static_cast<std::size_t>(block_) - 1) / static_cast<std::size_t>(block_);
  }

 private:
  [[nodiscard]] std::size_t step_in_region(int j, int row) const;

  int block_ = 1;
  int reach_x_ = 1, reach_y_ = 1;
  int rows_ = 1;
  std::size_t sweep_ = 1;     // steps of the sweep: rows + (reach_y + 1) (block - 1)
  std::vector<int> first_;    // per band its first bin column, then the number of columns
  std::vector<int> band_of_;  // per bin column its band
};

}  // namespace statecraft::society
