#pragma once
/// @file model.hpp
/// Epstein's (2002) agent-based model of civil violence on a torus, in the two reference
/// semantics (Mesa's `epstein_civil_violence` example and NetLogo's Rebellion), with optional
/// Belarus extensions (legitimacy shock, security-force loyalty and defection, a patron's reserve,
/// information control, emigration, regime collapse and patron intervention). See
/// docs/models/society.md for the rules and equations.
///
/// This header describes a run (Config) and its results; the engines that run it are internal
/// (src/society/engine.hpp): agent arrays for every update order, and a cell-centric grid for the
/// synchronous order in Mesa semantics.

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "statecraft/random.hpp"

namespace statecraft::society {

/// Which reference implementation the engine follows (rules that differ between them).
enum class Semantics : std::uint8_t {
  kMesa,     ///< Mesa 3.3.1 example: decide then move, jailed agents keep their cell
  kNetLogo,  ///< NetLogo Rebellion: move then decide, jailed agents free their cell, cop moves to arrestee
};

/// Shape of the field of vision.
enum class Vision : std::uint8_t {
  kVonNeumann,  ///< |dx| + |dy| <= v (Mesa's OrthogonalVonNeumannGrid neighbourhood)
  kEuclidean,   ///< dx^2 + dy^2 <= v^2 (NetLogo `in-radius`)
};

/// How the cop-to-active ratio C/A enters P = 1 - exp(-k * f(C/A)).
enum class RatioRounding : std::uint8_t {
  kNone,   ///< f(x) = x, Epstein's paper as printed
  kRound,  ///< f(x) = round half to even (Python's round, Mesa)
  kFloor,  ///< f(x) = floor(x) (NetLogo)
};

/// Order in which agents act within a step.
enum class UpdateOrder : std::uint8_t {
  kRandomSequential,  ///< one random permutation of all agents per step (both references); 1 thread
  kBlocked,           ///< random order inside tiles, tiles of one of 4 colours in parallel
  kSynchronous,       ///< all agents act at once from the step's start, conflicts settled at random
  /// The sequential order's law in parallel: one random permutation per step, agents whose
  /// footprints cannot overlap act concurrently, each with its own random stream.
  kConflictFree,
};

/// A piecewise-linear schedule of a value over steps; empty means "use the constant".
struct Schedule {
  std::vector<std::pair<double, double>> points;  ///< (step, value), steps increasing
  /// Value at `step` (flat before the first and after the last point); `fallback` when empty.
  [[nodiscard]] double at(double step, double fallback) const;
};

/// Belarus extensions. Each rule is off with its default value, so a default-constructed
/// Extensions leaves the exact Epstein model untouched.
struct Extensions {
  /// Legitimacy L(t) over steps (empty: constant Config::legitimacy).
  Schedule legitimacy;
  /// Hardship multiplier h(t) over steps, grievance = min(1, H*h(t)) * (1 - L(t)) (empty: 1).
  Schedule hardship;

  /// Loyalty: each step a cop's loyalty falls by `loyalty_erosion` when the actives it sees exceed
  /// `loyalty_crowd_ratio` times the cops it sees (itself included), and rises by
  /// `loyalty_recovery * backing(t)`; clamped to [0, 1]. 0 erosion = off.
  double loyalty_erosion = 0.0;
  double loyalty_crowd_ratio = 5.0;  ///< crowd-to-cops ratio that erodes loyalty
  double loyalty_recovery = 0.0;     ///< recovery per step at full patron backing
  double loyalty_initial_min = 1.0;  ///< initial loyalty ~ U(min, 1)
  /// Patron-backing signal b(t) in [0, 1] over steps (empty: 0).
  Schedule backing;
  /// Defection: a cop whose loyalty falls below this stops arresting and counts as defected
  /// (0 = off).
  double defection_threshold = 0.0;

  /// Reserve: `reserve_cops` loyal external cops arrive `reserve_delay` steps after the active
  /// share of citizens first exceeds `reserve_trigger` (0 cops = off). They do not lose loyalty.
  std::int64_t reserve_cops = 0;
  double reserve_trigger = 0.05;
  int reserve_delay = 0;

  /// Information control: citizens see only this share of the actives in vision, A = 1 + s*a
  /// (1 = off).
  double visible_share = 1.0;

  /// Emigration: a free quiet citizen whose grievance exceeds `emigration_grievance` leaves the
  /// country with probability `emigration_rate` per step (0 = off).
  double emigration_rate = 0.0;
  double emigration_grievance = 0.5;

  /// Collapse: the regime collapses when loyal cops fall below this share of the initial force
  /// (0 = off). The patron then intervenes with probability `intervention_probability`, sending
  /// `intervention_cops` loyal cops `intervention_delay` steps later, and legitimacy is reset to
  /// `occupation_legitimacy` (if >= 0) from then on.
  double collapse_threshold = 0.0;
  double intervention_probability = 0.0;
  std::int64_t intervention_cops = 0;
  int intervention_delay = 0;
  double occupation_legitimacy = -1.0;

  /// True when any rule above is switched on.
  [[nodiscard]] bool any() const;
};

/// Switches of the engines' internals, for tests: none changes the law of a run, and the defaults
/// are what runs use.
struct EngineOptions {
  /// Conflict-free order: run the step's permutation one agent after the other instead of in
  /// parallel rounds (the execution every schedule must reproduce).
  bool serial_schedule = false;
  /// Cell-centric engine: probe eight movers at once with AVX2 where the processor has it (the
  /// portable probes draw the same cells).
  bool simd = true;
  /// Cell-centric engine: recompute the cops' counts in view afresh at every step and throw
  /// InternalError if the counts updated from the decisions differ.
  bool check_counts = false;
};

/// All parameters of one run. Use Config::mesa(), Config::netlogo() or Config::belarus() and
/// adjust; every field is validated by Model's constructor.
struct Config {
  Semantics semantics = Semantics::kMesa;
  int width = 40;   ///< grid columns (torus)
  int height = 40;  ///< grid rows (torus)
  /// Mesa places agents cell by cell with these probabilities; NetLogo creates
  /// round(density * cells) of each kind on distinct random cells.
  double citizen_density = 0.7;
  double cop_density = 0.074;
  int citizen_vision = 7;
  int cop_vision = 7;
  Vision vision = Vision::kVonNeumann;
  double legitimacy = 0.8;     ///< L, the same for all citizens
  int max_jail_term = 1000;    ///< jail terms are uniform on 0..max_jail_term inclusive
  double k = 2.3;              ///< arrest-probability constant
  double threshold = 0.1;      ///< T: rebel when G - N > T
  double jail_exponent = 0.0;  ///< alpha: N = R * P * J^alpha (0 in the paper's runs)
  RatioRounding rounding = RatioRounding::kRound;
  bool movement = true;  ///< agents move each step (cops always move)
  /// Probability a cop with actives in view makes an arrest this step (1 = Epstein).
  double arrest_probability = 1.0;
  UpdateOrder update = UpdateOrder::kRandomSequential;
  std::uint64_t seed = 1;
  Extensions ext;
  EngineOptions engine;

  /// Mesa 3.3.1 `epstein_civil_violence` defaults (40x40, 0.70/0.074, von Neumann 7, L 0.8,
  /// jail 0..1000, round).
  static Config mesa();
  /// NetLogo Rebellion defaults (40x40, 70% / 4%, Euclidean 7, L 0.82, jail 0..29, floor).
  static Config netlogo();
  /// NetLogo semantics with the Belarus extensions set to illustrative values (see docs).
  static Config belarus();
};

/// The state of the population at the end of one step.
struct StepStats {
  int step = 0;
  std::int64_t quiet = 0;          ///< free citizens not rebelling
  std::int64_t active = 0;         ///< citizens in open rebellion
  std::int64_t jailed = 0;         ///< citizens in jail
  std::int64_t cops_loyal = 0;     ///< cops still enforcing
  std::int64_t cops_defected = 0;  ///< cops who stopped enforcing
  std::int64_t arrests = 0;        ///< arrests made during this step
  std::int64_t emigrated = 0;      ///< citizens who have left, cumulative
  double legitimacy = 0.0;         ///< L(t) used in this step
  double backing = 0.0;            ///< patron-backing signal b(t) used in this step
  /// Deception diagnostics (NetLogo's "watch one"): decisions by citizens who were active at
  /// their previous decision, split by whether more cops were in view than then.
  std::int64_t active_more_cops = 0;
  std::int64_t active_more_cops_to_quiet = 0;
  std::int64_t active_same_cops = 0;
  std::int64_t active_same_cops_to_quiet = 0;
};

/// What happened to the regime (a result, not an error).
struct RegimeOutcome {
  int reserve_arrived_step = -1;  ///< step the patron's reserve arrived (-1: never)
  int collapse_step = -1;         ///< step loyal cops fell below the collapse threshold (-1: never)
  bool intervention = false;      ///< the patron intervened after a collapse
  int intervention_step = -1;     ///< step the intervention force arrived (-1: never)
};

/// Cell contents for snapshots.
enum class CellView : std::uint8_t { kEmpty, kQuiet, kActive, kJailed, kCop, kDefected };

/// One run of the model. Not thread-safe; the blocked update order uses TBB inside step().
class Model {
 public:
  /// Validates `config` and places the agents. @throws UsageError naming the bad field.
  explicit Model(Config config);
  ~Model();
  Model(Model&&) noexcept;
  Model& operator=(Model&&) noexcept;

  /// Advances one step and returns the counts at its end.
  StepStats step();
  /// Counts now (after the last step, or the initial state).
  [[nodiscard]] StepStats stats() const;
  /// Steps done so far.
  [[nodiscard]] int steps_done() const;
  [[nodiscard]] const Config& config() const;
  [[nodiscard]] const RegimeOutcome& outcome() const;
  /// Number of citizens and cops created at setup (reserve cops excluded).
  [[nodiscard]] std::int64_t citizens() const;
  [[nodiscard]] std::int64_t initial_cops() const;
  /// What a person would see in each cell, row-major (active > cop > quiet > jailed).
  [[nodiscard]] std::vector<CellView> view() const;
  /// Bytes held by the model's arrays (agents and grid).
  [[nodiscard]] std::size_t memory_bytes() const;

 private:
  struct Impl;  // the run's state and its engine (src/society/model.cpp)
  std::unique_ptr<Impl> impl_;
};

/// Side length of a square grid holding `agents` citizens and cops at the config's densities.
int side_for_agents(const Config& config, std::int64_t agents);

}  // namespace statecraft::society
