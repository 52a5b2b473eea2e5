#pragma once
/// @file models.hpp
/// Bargaining models on a BargainingProblem: four baselines (mean, compromise, weighted median,
/// Nash bargaining solution), Bueno de Mesquita's expected-utility model as specified by Scholz,
/// Calbert & Smith (2011), and KTAB's Spatial Model of Politics. See docs/models/bargaining.md.
/// All functions are pure (thread-safe) and throw ScenarioError on invalid problems.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "statecraft/bargaining/problem.hpp"

namespace statecraft::bargaining {

// ---------------------------------------------------------------------------------------------
// Baselines (one dimension at a time; dimension k uses the salience of dimension k)

/// Unweighted mean of the actors' positions on dimension `k`.
[[nodiscard]] double mean_position(const BargainingProblem& p, std::size_t k);
/// Compromise model: mean weighted by capability x salience (Achen 2006; van den Bos 1991).
[[nodiscard]] double compromise_position(const BargainingProblem& p, std::size_t k);
/// Weighted median with weights capability x salience: the smallest position at which the
/// cumulative weight reaches half the total (the weighted Condorcet winner in one dimension).
[[nodiscard]] double weighted_median_position(const BargainingProblem& p, std::size_t k);
/// Asymmetric Nash bargaining solution on one dimension: argmax over x in the scale of
/// sum_i w_i log(D_i - |x - x_i|), w_i = capability x salience, linear-loss utilities and the
/// disagreement point at each actor's worst point on the scale (D_i = distance to the far end).
[[nodiscard]] double nash_bargaining_position(const BargainingProblem& p, std::size_t k);

// ---------------------------------------------------------------------------------------------
// Bueno de Mesquita's expected-utility model (Scholz, Calbert & Smith 2011)

/// Parameters of the BDM model; defaults are the paper's.
struct BdmOptions {
  int max_rounds = 100;  ///< stop after this many rounds when no state repeats
  double q = 1.0;        ///< probability that the status quo persists without a challenge (Q)
  double t = 1.0;        ///< probability that a change without challenge is for the better (T)
  /// Two states are the same when no position differs by more than
  /// tolerance x (scale_max - scale_min); the run stops when the state repeats an earlier one.
  double tolerance = 1e-3;
  /// Evaluate U_sq at the problem's status quo when it has one (false: the paper's constant
  /// U_sq = 2 - 4 (1/2)^r, as if the status quo were each actor's own position).
  bool use_status_quo = true;
};

/// Why a BDM run stopped.
enum class BdmStop {
  kFixedPoint,  ///< a round left every position where it was (within the tolerance)
  kCycle,       ///< the state repeated the state cycle_period >= 2 rounds earlier
  kRoundLimit,  ///< max_rounds ran without either
};

/// The kind of offer an actor accepts in a round.
enum class BdmOfferKind { kNone, kConfrontation, kCompromise, kCapitulation };

/// What one actor did in one round.
struct BdmMove {
  int actor = -1;     ///< the receiver, who moves
  int proposer = -1;  ///< whose offer it accepted (-1: none)
  BdmOfferKind kind = BdmOfferKind::kNone;
  double from = 0.0;  ///< position before (scale units)
  double to = 0.0;    ///< position after
};

/// State after one round (round 0: the input).
struct BdmRound {
  std::vector<double> positions;      ///< per actor, scale units
  std::vector<double> risk_exponent;  ///< r_i used in the round (empty for round 0)
  std::vector<BdmMove> moves;         ///< one per actor (empty for round 0)
  double median = 0.0;                ///< weighted median (capability x salience) of positions
  double mean = 0.0;                  ///< weighted mean of positions
};

/// Result of a BDM run on one dimension.
struct BdmResult {
  std::vector<BdmRound> rounds;  ///< rounds[0] is the initial state
  BdmStop stop = BdmStop::kRoundLimit;
  bool converged = false;  ///< stopped by rule: a fixed point or a cycle
  int cycle_period = 0;    ///< 1: fixed point; p >= 2: cycle of p states; 0: round limit
  /// BDM's prediction: the weighted median of the final positions; for a cycle, the mean over
  /// the cycle's p states of their weighted medians.
  double forecast = 0.0;
};

/// Runs the BDM model on dimension `k` of a problem. @throws ScenarioError on invalid input.
[[nodiscard]] BdmResult run_bdm(const BargainingProblem& p, std::size_t k, const BdmOptions& options = {});

/// Probability that actor i's position prevails over actor j's, from the votes of all actors
/// (Scholz et al. 2011, section 4): sum of positive votes for i over the sum of absolute votes.
/// x: positions, c: capabilities, s: saliences (the result does not depend on the position scale).
[[nodiscard]] double bdm_probability(const std::vector<double>& x, const std::vector<double>& c,
                                     const std::vector<double>& s, std::size_t i, std::size_t j);

// ---------------------------------------------------------------------------------------------
// KTAB Spatial Model of Politics

/// How the next state is chosen among the bargains an actor is involved in.
enum class SmpTransition { kDeterministic, kStochastic };

/// Parameters of the SMP. Defaults reproduce KTAB smpc's default run (Linear victory
/// probabilities, proportional voting, conditional PCE, BigRRange Mid, BigRAdjust OneThird,
/// semi-committed third parties, S2P2 interpolated bargains, initiator-only bargains).
struct SmpOptions {
  SmpTransition transition = SmpTransition::kDeterministic;
  std::uint64_t seed = 0;         ///< stochastic mode: seed of the RandomStream
  std::uint64_t draw = 0;         ///< stochastic mode: Monte Carlo draw index
  int min_turns = 2;              ///< KTAB stopping rule: at least this many turns
  int max_turns = 100;            ///< ... and at most this many
  double min_delta_ratio = 0.02;  ///< stop when a turn moves less than this fraction of turn 1
  bool parallel = true;           ///< use TBB inside a run (results identical either way)
  bool keep_states = true;        ///< false: SmpResult::states stays empty (the outcome is the same)
};

/// One state of an SMP run.
struct SmpState {
  std::vector<std::vector<double>> positions;  ///< [actor][dimension], scale units
  std::vector<double> probabilities;           ///< per actor: probability its position prevails
  std::vector<double> risk;                    ///< inferred risk attitude per actor, [-1, 1]
};

/// Result of an SMP run.
struct SmpResult {
  std::vector<SmpState> states;          ///< states[0] is the input; states.size() - 1 turns
  int turns = 0;                         ///< number of steps taken
  bool stopped_by_max_turns = false;     ///< true when the stopping rule never fired
  std::vector<double> expected_outcome;  ///< per dimension: sum over unique positions of p x position
};

/// KTAB's conditional probabilistic Condorcet election over `options` options: voter k (weight
/// weights[k]) votes w_k (u_k(a) - u_k(b)) for a over b; coalition strengths start at 1e-8; the
/// victory probabilities are linear and P(a) is proportional to prod_b P(a beats b), with
/// P(a beats a) = 1/2. Computed in log space (log-sum-exp), so it never underflows.
/// utilities[a * weights.size() + k] is voter k's utility of option a.
[[nodiscard]] std::vector<double> condorcet_probabilities(const std::vector<double>& weights, std::size_t options,
                                                          const std::vector<double>& utilities);

/// Runs the SMP. @throws ScenarioError on invalid input.
[[nodiscard]] SmpResult run_smp(const BargainingProblem& p, const SmpOptions& options = {});

// ---------------------------------------------------------------------------------------------
// Uniform front end

/// The models available through forecast().
enum class ModelKind { kMean, kCompromise, kMedian, kNash, kBdm, kSmp };

/// "mean", "compromise", "median", "nash", "bdm", "smp".
[[nodiscard]] std::string model_name(ModelKind m);
/// Inverse of model_name. @throws UsageError for unknown names.
[[nodiscard]] ModelKind parse_model_name(const std::string& name);
/// All models, in the order of the documentation table.
[[nodiscard]] std::vector<ModelKind> all_models();

/// Options for forecast().
struct ForecastOptions {
  BdmOptions bdm;
  SmpOptions smp;
};

/// A model's forecast for a problem.
struct Forecast {
  ModelKind model = ModelKind::kMean;
  std::vector<double> outcome;                            ///< per dimension
  std::vector<std::vector<std::vector<double>>> history;  ///< [round][actor][dimension]
  std::vector<std::vector<double>> probabilities;         ///< SMP: [round][actor]
  int rounds = 0;                                         ///< dynamic models: rounds run
  bool converged = true;                                  ///< dynamic models: stopped by rule
  int cycle_period = 1;  ///< BDM: largest cycle period over the dimensions (1: fixed point, 0: none)
};

/// Runs one model. BDM runs each dimension separately. @throws ScenarioError on invalid input.
[[nodiscard]] Forecast forecast(const BargainingProblem& p, ModelKind model, const ForecastOptions& options = {});

/// forecast(p, model, options).outcome[dim] alone, without recording the history (for ensembles
/// that keep only the outcome). @throws ScenarioError on invalid input.
[[nodiscard]] double forecast_outcome(const BargainingProblem& p, ModelKind model, std::size_t dim,
                                      const ForecastOptions& options = {});

}  // namespace statecraft::bargaining
