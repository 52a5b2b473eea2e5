#pragma once
// Internal to the society engine: the engine on agent arrays, which runs every update order in
// both semantics (docs/models/society.md, "Update orders" and "Data layout"). Agents are
// structure-of-arrays; the grid holds per-cell counts and an intrusive list of the agents on each
// cell. The turns are in agent_engine.cpp, the synchronous order's phases in synchronous.cpp and
// the conflict-free order's schedule in conflict_free.cpp.

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "engine.hpp"
#include "internal.hpp"
#include "statecraft/society/model.hpp"

namespace statecraft::society {

class AgentEngine final : public Engine {
 public:
  /// Places the agents of a validated `cfg`; `p_table` holds P = 1 - exp(-k f) for f = 0..255.
  AgentEngine(const Config& cfg, std::vector<double> p_table);

  Tally step(int step, double L, double h, double backing) override;
  [[nodiscard]] StepStats counts() const override;
  [[nodiscard]] std::int64_t own_loyal_cops() const override;
  void place_cops(std::int64_t n, std::uint64_t seed, std::uint64_t draw, std::uint32_t sub) override;
  [[nodiscard]] std::vector<CellView> view() const override;
  [[nodiscard]] std::size_t memory_bytes() const override;
  [[nodiscard]] std::int64_t citizens() const override { return n_citizens_; }
  [[nodiscard]] std::int64_t cops() const override { return n_cops0_; }

 private:
  enum Kind : std::uint8_t { kCitizen = 0, kCop = 1, kDefected = 2, kGone = 3 };
  struct Scan {
    int cops = 0;     // loyal cops in vision
    int actives = 0;  // active citizens in vision
  };
  struct Span {
    int dy;
    int w;
  };
  struct Offset {      // a cell of the vision, centre excluded
    std::int32_t lin;  // its offset on the padded grid (dy * pad_w_ + dx)
    std::int16_t dx, dy;
  };
  using Counters = Tally;

  void setup();
  void build_spans();
  std::uint32_t add_agent(Kind kind, std::uint32_t cell, float hardship, float risk);
  void link(std::uint32_t a, std::uint32_t cell);
  void unlink(std::uint32_t a);
  void add_block(std::uint32_t cell, int delta);
  void cell_add(std::uint32_t cell, std::uint64_t delta);
  void store(std::uint32_t cell, std::uint64_t w);
  [[nodiscard]] std::uint64_t presence(std::uint32_t a) const;
  void list_push(std::uint32_t a, std::uint32_t cell);
  void list_remove(std::uint32_t a);
  void build_images();
  /// Column and row of a cell, without a division.
  [[nodiscard]] std::pair<int, int> xy(std::uint32_t cell) const {
    const auto y = static_cast<std::uint32_t>((std::uint64_t{cell} * row_magic_) >> row_shift_);
    return {static_cast<int>(cell - y * static_cast<std::uint32_t>(cfg_.width)), static_cast<int>(y)};
  }
  [[nodiscard]] bool is_free(std::uint32_t cell) const { return ((cell_[cell] >> 32) & 1u) != 0; }
  [[nodiscard]] unsigned cops_at(std::uint32_t cell) const { return cell_[cell] & 0xffffu; }
  [[nodiscard]] unsigned actives_at(std::uint32_t cell) const { return (cell_[cell] >> 16) & 0xffffu; }
  [[nodiscard]] bool blocks(std::uint32_t a) const;

  template <class F>
  void for_segments(std::uint32_t cell, const std::vector<Span>& spans, F&& f) const;
  [[nodiscard]] Scan scan(std::uint32_t cell, const std::vector<Span>& spans, bool center) const;
  [[nodiscard]] int count_open(std::uint32_t cell, const std::vector<Span>& spans) const;
  [[nodiscard]] std::uint32_t wrap(int x, int y) const;
  [[nodiscard]] std::uint32_t nth_empty(std::uint32_t cell, const std::vector<Span>& spans, int n) const;
  [[nodiscard]] std::uint32_t nth_active(std::uint32_t cell, const std::vector<Span>& spans, int n) const;

  // Rule A: whether citizen a rebels seeing these counts; the diagnostics of a decision; applying it.
  [[nodiscard]] bool rule_a(std::uint32_t a, int cops_seen, int actives_seen) const;
  void note_decision(std::uint32_t a, int cops_seen, bool now, Counters& c);
  void set_active(std::uint32_t a, bool now);
  void citizen_decide(std::uint32_t a, int cops_seen, int actives_seen, Counters& c);
  // Rule C and the loyalty extension.
  [[nodiscard]] bool keeps_loyalty(std::uint32_t a, const Scan& s);
  void defect(std::uint32_t a);
  [[nodiscard]] std::uint32_t pick_arrestee(std::uint32_t a, const Scan& s, AgentStream& rng) const;
  void arrest(std::uint32_t cop, std::uint32_t v, AgentStream& rng, Counters& c, bool move_to_arrestee);
  void cop_arrest_and_loyalty(std::uint32_t a, const Scan& s, AgentStream& rng, Counters& c, bool move_to_arrestee);
  // Emigration.
  [[nodiscard]] bool wants_to_emigrate(std::uint32_t a, AgentStream& rng) const;
  void emigrate(std::uint32_t a, Counters& c);
  bool try_emigrate(std::uint32_t a, AgentStream& rng, Counters& c);
  // Rule M.
  [[nodiscard]] std::uint32_t pick_free_cell(std::uint32_t a, AgentStream& rng) const;
  void move_to(std::uint32_t a, std::uint32_t to);
  void move_uniform(std::uint32_t a, AgentStream& rng);
  void act(std::uint32_t a, AgentStream& rng, Counters& c);
  [[nodiscard]] int reach() const;
  void step_sequential(Counters& c);
  void step_blocked(Counters& total);
  void step_conflict_free(Counters& c);  // conflict_free.cpp
  std::uint32_t conflict_free_rounds();  // conflict_free.cpp: each agent's round in level_
  // Synchronous order (synchronous.cpp): phases over all agents in parallel.
  void step_synchronous(Counters& c);
  void sync_decide(Counters& total);
  void sync_arrest(Counters& total);
  void sync_move(std::uint64_t phase);
  void sync_release();
  [[nodiscard]] std::uint64_t claim_key(std::uint32_t a, std::uint64_t phase) const;
  void release_netlogo();
  [[nodiscard]] double grievance(std::uint32_t a) const;

  Config cfg_;
  int step_ = 0;
  std::uint32_t cells_ = 0;
  std::uint64_t row_magic_ = 0;  // see xy()
  int row_shift_ = 0;
  std::vector<Span> citizen_spans_, cop_spans_;
  std::vector<Offset> citizen_offsets_, cop_offsets_;
  std::vector<double> p_table_;  // P = 1 - exp(-k f) for integer f
  bool center_in_vision_ = false;
  // This step's globals (set by step()).
  double L_ = 0.0, h_ = 1.0, backing_ = 0.0;

  // Agents (structure of arrays).
  std::vector<std::uint8_t> kind_;
  std::vector<std::uint8_t> active_;  // 1 = rebelling (citizens)
  std::vector<std::uint16_t> jail_;   // remaining jail term
  std::vector<std::uint8_t> jailed_;  // 1 = counted as jailed (Mesa: ARRESTED state)
  std::vector<float> hardship_, risk_, loyalty_;
  std::vector<std::uint16_t> last_cops_;  // cops seen at the previous decision (diagnostics)
  std::vector<std::uint8_t> external_;    // reserve / intervention cops: loyalty never erodes
  std::vector<std::uint32_t> pos_, next_;
  std::vector<std::uint32_t> stamp_;  // last step the agent acted (blocked order)
  std::vector<std::uint32_t> order_;  // permutation buffer
  std::vector<std::uint32_t>
      level_;  // conflict-free order, per agent in a step: its bin, then its round, then its bucket
  // Synchronous order: per agent, what it did in the current phase and its chosen cell or
  // arrestee; per cell, the highest claim on it (0 = none).
  std::vector<std::uint8_t> flag_;
  std::vector<std::uint32_t> target_;
  std::vector<std::uint64_t> claim_;

  // Grid.
  // Per cell, packed in one word so that a neighbourhood sum is one add per cell: bits 0-15 loyal
  // cops, 16-31 active citizens, 32-47 "free to move to" flag, 48-63 bodies blocking a move.
  std::vector<std::uint64_t> cell_;
  // What scans read, on the grid padded with a halo of `halo_` cells copied from the far side:
  // the cop and active counts of cell_ (bits 0-15, 16-31) and its free flag.
  std::vector<std::uint32_t> seen_;
  std::vector<std::uint8_t> open_;
  int halo_ = 0, pad_w_ = 0;
  // Where a cell's word is copied on the padded grid: its column (x + halo_) and row start
  // ((y + halo_) * pad_w_), each with the image across the edge within the halo (the same again
  // when there is none), so a store always writes the four combinations.
  std::vector<std::array<std::uint32_t, 2>> col_img_, row_img_;
  std::vector<std::uint32_t> head_;  // first agent on the cell

  std::int64_t n_citizens_ = 0, n_cops0_ = 0;
};

}  // namespace statecraft::society
