// Split tiling of the conflict-free order's rounds (internal; see conflict_free.cpp and
// docs/models/society.md, "Update orders"): the torus's bin rows are cut into horizontal bands and
// the rounds into blocks of `block` rounds. An agent of round r and bin row y falls into one
// bucket: in the block's first phase, the agents at least j * reach rows inside their band at the
// block's j-th round (a shrinking trapezoid per band); in its second, the others, grouped by the
// band boundary they are near (a growing trapezoid per boundary). A bucket is (block, phase,
// region, j), numbered so that sorting by it lists the schedule in order.

#pragma once

#include <cstdint>
#include <vector>

namespace statecraft::society {

class SplitTiling {
 public:
  /// A tiling of `rows` bin rows (a ring) for agents that may interact `reach` bin rows apart,
  /// aiming at `bands` bands and at most `max_block` rounds a block; blocks of one round (the
  /// plain rounds) when the ring is too short for more.
  SplitTiling(int rows, int reach, int bands, int max_block);

  [[nodiscard]] int block() const { return block_; }
  [[nodiscard]] int bands() const { return static_cast<int>(first_.size()) - 1; }
  /// The first bin row of band b (b in [0, bands()]; the last entry is `rows`).
  [[nodiscard]] int first_row(int b) const { return first_[static_cast<std::size_t>(b)]; }
  /// The bucket of an agent of round `round` in bin row `row`.
  [[nodiscard]] std::uint32_t bucket(std::uint32_t round, int row) const;
  /// The bucket of (block, phase, region, j).
  [[nodiscard]] std::size_t bucket_of(std::size_t block, int phase, int region, int j) const {
    return ((block * 2 + static_cast<std::size_t>(phase)) * static_cast<std::size_t>(bands()) +
            static_cast<std::size_t>(region)) *
               static_cast<std::size_t>(block_) +
           static_cast<std::size_t>(j);
  }
  /// Blocks covering `rounds` rounds.
  [[nodiscard]] std::size_t blocks(std::uint32_t rounds) const {
    return (rounds + static_cast<std::size_t>(block_) - 1) / static_cast<std::size_t>(block_);
  }

 private:
  int block_ = 1;
  int reach_ = 1;
  std::vector<int> first_;    // per band its first bin row, then the number of rows
  std::vector<int> band_of_;  // per bin row its band
};

}  // namespace statecraft::society
