#pragma once
// Internal to the society engine: the cell-centric engine of the synchronous order in Mesa
// semantics (one agent per cell, jailed agents keep theirs). docs/models/society.md §1 ("Update
// orders", "Data layout").
//
// Each agent's state lives in the cell it occupies: one byte of kind per cell (on a grid padded
// with a halo, so that neighbourhoods never wrap) and one array per attribute. Nothing refers to
// an agent by number, so a move copies a few bytes inside a window of rows that fits in cache.

#include <tbb/enumerable_thread_specific.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "engine.hpp"
#include "internal.hpp"
#include "probes.hpp"
#include "statecraft/society/model.hpp"

namespace statecraft::society {

class CellGrid final : public Engine {
 public:
  /// What the cells hold.
  enum State : std::uint8_t { kEmpty = 0, kQuiet, kActive, kJailed, kCop, kDefected };

  /// Whether this engine runs `cfg`: Mesa semantics and at most 255 cells in view.
  static bool supports(const Config& cfg);
  /// Places the agents as the agent engine does in Mesa semantics (same random draws, so the same start).
  CellGrid(const Config& cfg, const std::vector<double>& p_table);

  /// One synchronous step (decide, arrest, move) with legitimacy L, hardship factor h and
  /// patron backing b; `step` keys the random streams.
  Tally step(int step, double L, double h, double backing) override;
  /// Counts of each state (emigrated not included).
  [[nodiscard]] StepStats counts() const override;
  /// Loyal cops that are not external reinforcements.
  [[nodiscard]] std::int64_t own_loyal_cops() const override;
  /// Puts `n` loyal external cops on random free cells.
  void place_cops(std::int64_t n, std::uint64_t seed, std::uint64_t draw, std::uint32_t sub) override;
  [[nodiscard]] std::vector<CellView> view() const override;
  [[nodiscard]] std::size_t memory_bytes() const override;
  [[nodiscard]] std::int64_t citizens() const override { return citizens_; }
  [[nodiscard]] std::int64_t cops() const override { return cops_; }

 private:
  struct Offset {
    int dx, dy;
    std::ptrdiff_t pad;  // dy * padded width + dx
    std::uint8_t box;    // the offset's number (from 1) in the widest vision: who claims, seen from the target
  };
  [[nodiscard]] std::size_t padded(int x, int y) const {
    return static_cast<std::size_t>(y + r_) * static_cast<std::size_t>(pw_) + static_cast<std::size_t>(x + r_);
  }
  // Sets a cell's state and, near an edge, its images in the halo.
  void set_state(int x, int y, std::uint8_t s) {
    state_[padded(x, y)] = s;
    if (x < r_ || x >= W_ - r_ || y < r_ || y >= H_ - r_) set_images(x, y, s);
  }
  void set_images(int x, int y, std::uint8_t s);
  void field(const std::vector<std::pair<int, int>>& spans);
  // Runs f(y) for every row, in parallel.
  template <class F>
  void rows(F&& f);
  // Runs f(y) for every row, band by band: the even bands in parallel, then the odd ones.
  template <class F>
  void banded(F&& f);
  [[nodiscard]] std::uint64_t phase_key(int step, int phase) const;
  // Adds `weight` (mod 2^16) to the counts in view of every cell that sees (x, y).
  void add_in_view(int x, int y, std::uint16_t weight);
  // Every free agent of row y picks a free cell in its vision and claims it.
  void choose_moves(int y, int step);
  // Every claimed cell of row y takes the agent whose claim won.
  void apply_moves(int y);
  // Sets free_ from state_.
  void free_map();
  // Moves the claims that fell in the halo onto the cells they are images of.
  void fold_claims();

  Config cfg_;
  std::vector<double> p_table_;
  std::vector<double> p_view_;                   // P by packed counts in view, when they are integers
  int W_ = 0, H_ = 0, r_ = 0, pw_ = 0, fw_ = 0;  // fw_: 64-bit words per padded row of free_
  std::vector<Offset> citizen_offsets_, cop_offsets_;
  std::vector<std::pair<int, int>> cop_spans_;  // (dy, half width)
  std::vector<std::pair<int, int>> citizen_spans_;
  std::vector<std::int32_t> citizen_bit_, cop_bit_;        // the offsets in free_'s bits, for probing
  std::vector<std::uint8_t> citizen_number_, cop_number_;  // and their numbers (box)
  ProbeTable citizen_probe_, cop_probe_;                   // the two above, for probes.hpp
  bool simd_ = false;                                      // probes with AVX2
  bool check_ = false;                                     // self-checks (Config::engine.check_counts)
  std::vector<std::pair<int, int>> box_;                   // offset's number -> (dx, dy); 0 unused
  std::vector<std::ptrdiff_t> box_pad_;                    // offset's number -> dy * padded width + dx
  std::vector<std::uint8_t> number_at_;                    // (dy + r) * (2r + 1) + dx + r -> offset's number
  std::vector<int> band_;                                  // first row of each band, then H

  // Padded grid: what each cell holds, halo included.
  HugeVector<std::uint8_t> state_;
  // Per cell (canonical W x H): the occupant's attributes, together so that a move copies one
  // 12-byte record. A citizen has a hardship, a cop a loyalty.
  struct Agent {
    union {
      float hardship = 0;
      float loyalty;
    };
    float risk = 0;
    std::uint16_t jail = 0;
    std::uint8_t last_cops = 0, external = 0;  // cops seen when it last decided to be active
  };
  HugeVector<Agent> agent_;
  // Per cell (padded like state_), scratch of a step: the best claim on it (0: none); per canonical
  // cell, the counts in the citizens' or cops' vision (cops | actives << 8) from row prefix sums.
  HugeVector<std::uint32_t> claim_;
  // Per padded cell, one bit: empty (built before the moves, which probe it: a window of rows of
  // it fits in the first-level cache).
  HugeVector<std::uint64_t> free_;
  HugeVector<std::uint16_t> prefix_, seen_;
  // Per thread, scratch of a row's moves: the movers' columns, their choices, the ones to retry.
  struct RowScratch {
    std::vector<int> x, miss, miss_x;
    std::vector<std::uint32_t> k, miss_k;
  };
  tbb::enumerable_thread_specific<RowScratch> scratch_;
  // Per thread, what a pass counts: cells by state after it, and the citizens that turned active
  // or quiet (for the cops' counts in view).
  struct Change {
    int x, y, weight;
  };
  struct PassTally : Tally {
    std::array<std::int64_t, 8> count{};
    std::vector<Change> changed;
    std::vector<std::size_t> arrested;  // cells of the actives the cops picked
  };
  // Set-up, in the constructor's order (cell_grid.cpp).
  [[nodiscard]] int half_width(int v, int dy) const;
  [[nodiscard]] std::uint8_t number_of(int dx, int dy) const;
  void number_offsets();
  void list_offsets(int v, std::vector<Offset>& offs, std::vector<std::int32_t>& pads,
                    std::vector<std::uint8_t>& numbers, std::vector<std::pair<int, int>>& spans);
  [[nodiscard]] ProbeTable probe_table(int v, std::vector<std::int32_t>& bits,
                                       std::vector<std::uint8_t>& numbers) const;
  void make_bands();
  void allocate();
  void populate();
  void probe_moves(const std::uint8_t* row, std::int64_t row_bit, int n, AgentStream& rng, RowScratch& sc) const;
  void claim_cells(std::uint32_t* claims, int n, AgentStream& rng, const RowScratch& sc) const;
  using Passes = tbb::enumerable_thread_specific<PassTally>;
  // The phases of step(), in cell_grid.cpp.
  void decide_row(int y, std::uint64_t k_decide, double L, double h, double jail, PassTally& t);
  [[nodiscard]] bool emigrates(bool active, double g, std::uint64_t k_decide, std::size_t c) const;
  std::size_t count_decisions(Passes& local);
  void refresh_cop_counts(std::size_t changed, Passes& local, int step);
  void cops_choose(int y, std::uint64_t k_pick, double backing, PassTally& t);
  [[nodiscard]] std::optional<std::size_t> nth_active(const std::uint8_t* here, int x, int y, int pick) const;
  std::int64_t jail_picked(std::uint64_t k_term, Passes& local);
  Tally step_tally(const Passes& local, std::int64_t arrests);
  std::int64_t citizens_ = 0, cops_ = 0;
  std::array<std::int64_t, 8> n_{};  // cells by state, kept up to date
};

}  // namespace statecraft::society
