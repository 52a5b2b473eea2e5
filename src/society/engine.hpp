#pragma once
// Internal to the society engine: what an engine of the model does, whatever its data layout.
// Model (model.cpp) validates the configuration, runs the schedules and the regime's events
// (the patron's reserve, collapse, intervention), and asks its engine for the agents' part of a
// step. Two engines: the agent arrays of agent_engine.hpp (every update order, both semantics)
// and the cell-centric grid of cell_grid.hpp (the synchronous order in Mesa semantics).

#include <cstddef>
#include <cstdint>
#include <vector>

#include "statecraft/society/model.hpp"

namespace statecraft::society {

/// What the agents did in one step, summed over threads.
struct Tally {
  std::int64_t arrests = 0;
  std::int64_t emigrated = 0;
  /// Deception diagnostics: decisions of citizens active at their previous decision, seeing more
  /// cops than then (`more`) or not (`same`), and how many of those turned quiet.
  std::int64_t more = 0, more_quiet = 0, same = 0, same_quiet = 0;
  void add(const Tally& o) {
    arrests += o.arrests;
    emigrated += o.emigrated;
    more += o.more;
    more_quiet += o.more_quiet;
    same += o.same;
    same_quiet += o.same_quiet;
  }
};

class Engine {
 public:
  virtual ~Engine() = default;
  /// The agents' turns of one step, `step` steps having been done, with legitimacy L, hardship
  /// factor h and patron backing b for this step.
  virtual Tally step(int step, double L, double h, double backing) = 0;
  /// Quiet, active and jailed citizens and loyal and defected cops now (other fields zero).
  [[nodiscard]] virtual StepStats counts() const = 0;
  /// Loyal cops that are not external reinforcements.
  [[nodiscard]] virtual std::int64_t own_loyal_cops() const = 0;
  /// Puts `n` loyal external cops on random free cells (stream (seed, draw, sub)).
  virtual void place_cops(std::int64_t n, std::uint64_t seed, std::uint64_t draw, std::uint32_t sub) = 0;
  /// What a person would see in each cell, row-major.
  [[nodiscard]] virtual std::vector<CellView> view() const = 0;
  /// Bytes held by the engine's arrays.
  [[nodiscard]] virtual std::size_t memory_bytes() const = 0;
  /// Citizens and cops placed at setup.
  [[nodiscard]] virtual std::int64_t citizens() const = 0;
  [[nodiscard]] virtual std::int64_t cops() const = 0;
};

}  // namespace statecraft::society
