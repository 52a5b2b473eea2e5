#pragma once
/// @file model.hpp
/// Epstein's (2002) agent-based model of civil violence on a torus, in the two reference
/// semantics (Mesa's `epstein_civil_violence` example and NetLogo's Rebellion), with optional
/// Belarus extensions (legitimacy shock, security-force loyalty and defection, a patron's reserve,
/// information control, emigration, regime collapse and patron intervention). See
/// docs/models/society.md for the rules and equations.
///
/// Data-oriented layout: agents are structure-of-arrays, the grid holds per-cell byte counts and an
/// intrusive list of the agents on each cell. Three update orders: the exact random-sequential one
/// of the references (single thread), and two parallel ones for whole populations (blocked random
/// order; synchronous phases).

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "statecraft/random.hpp"

namespace statecraft::society {

class AgentStream;  // the agents' random stream (src/society/internal.hpp)
class CellGrid;     // the cell-centric engine of the synchronous order (src/society/cell_grid.hpp)

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
  [[nodiscard]] int steps_done() const { return step_; }
  [[nodiscard]] const Config& config() const { return cfg_; }
  [[nodiscard]] const RegimeOutcome& outcome() const { return outcome_; }
  /// Number of citizens and cops created at setup (reserve cops excluded).
  [[nodiscard]] std::int64_t citizens() const { return n_citizens_; }
  [[nodiscard]] std::int64_t initial_cops() const { return n_cops0_; }
  /// What a person would see in each cell, row-major (active > cop > quiet > jailed).
  [[nodiscard]] std::vector<CellView> view() const;
  /// Bytes held by the model's arrays (agents and grid).
  [[nodiscard]] std::size_t memory_bytes() const;

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
  struct Counters {  // per-step tallies, summed over threads
    std::int64_t arrests = 0;
    std::int64_t emigrated = 0;
    std::int64_t more = 0, more_quiet = 0, same = 0, same_quiet = 0;
    void add(const Counters& o) {
      arrests += o.arrests;
      emigrated += o.emigrated;
      more += o.more;
      more_quiet += o.more_quiet;
      same += o.same;
      same_quiet += o.same_quiet;
    }
  };

  void setup();
  void build_spans();
  std::uint32_t add_agent(Kind kind, std::uint32_t cell, float hardship, float risk);
  void link(std::uint32_t a, std::uint32_t cell);
  void unlink(std::uint32_t a);
  void add_block(std::uint32_t cell, int delta);
  void cell_add(std::uint32_t cell, std::uint64_t delta);
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
  void global_events();
  void place_new_cops(std::int64_t n, std::uint32_t sub);
  [[nodiscard]] double grievance(std::uint32_t a) const;

  Config cfg_;
  int step_ = 0;
  std::uint32_t cells_ = 0;
  std::uint64_t row_magic_ = 0;  // see xy()
  int row_shift_ = 0;
  std::vector<Span> citizen_spans_, cop_spans_;
  std::vector<std::pair<int, int>> citizen_offsets_, cop_offsets_;  // (dx, dy) in vision, no centre
  std::vector<double> p_table_;                                     // P = 1 - exp(-k f) for integer f
  bool center_in_vision_ = false;
  // Per-step globals.
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
  std::vector<std::uint32_t> level_;  // conflict-free order: the agent's round in the step
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
  std::vector<std::uint32_t> head_;  // first agent on the cell

  // The synchronous order in Mesa semantics runs on a cell-centric grid instead of the agent
  // arrays above (which then stay empty).
  std::unique_ptr<CellGrid> grid_;

  std::int64_t n_citizens_ = 0, n_cops0_ = 0, emigrated_ = 0;
  StepStats last_{};
  RegimeOutcome outcome_{};
  int trigger_step_ = -1;
  bool collapsed_ = false;
};

/// Side length of a square grid holding `agents` citizens and cops at the config's densities.
int side_for_agents(const Config& config, std::int64_t agents);

}  // namespace statecraft::society
