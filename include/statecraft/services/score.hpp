#pragma once
/// @file score.hpp
/// Scoring a hindcast (docs/validation.md): run the forecast of a scenario, read what happened
/// from an outcomes file, and score the forecast's probabilities against the outcomes with the
/// Brier score, the logarithmic score and a reliability table - beside three reference
/// forecasters: always 50%, the base rate (a per-question reference class counted in the
/// outcomes file, Laplace's rule of succession) and "nothing changes" (each question answered as
/// if the state at meta.as_of persisted; 0 or 1).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "statecraft/error.hpp"
#include "statecraft/provenance.hpp"
#include "statecraft/services.hpp"

namespace statecraft::services {

// ---- the formulas (each checked on hand-computed cases in tests/unit/services) -----------------

/// Mean of (p_i - o_i)^2 over the questions; 0 is perfect, 0.25 is always 50%.
double brier_score(const std::vector<double>& p, const std::vector<bool>& outcome);
/// Mean of ln(p_i) for a yes and ln(1 - p_i) for a no, p first clamped to [clamp, 1 - clamp] so
/// that a certain miss (a 0/1 forecaster, or 0 of N draws) costs ln(clamp), not minus infinity.
/// 0 is perfect, ln 0.5 = -0.693 is always 50%; higher is better.
double log_score(const std::vector<double>& p, const std::vector<bool>& outcome, double clamp = 0.01);
/// Laplace's rule of succession: (yes + 1) / (of + 2).
double laplace_rate(int yes, int of);

/// One bin of a reliability table: forecasts in [low, high) (the last bin includes 1).
struct ReliabilityBin {
  double low = 0, high = 0;
  std::size_t n = 0;         ///< questions whose forecast falls in the bin
  double mean_forecast = 0;  ///< mean forecast in the bin (0 when empty)
  double observed = 0;       ///< share of yes outcomes in the bin (0 when empty)
};
/// `bins` equal bins over [0, 1]. @throws UsageError if bins < 1.
std::vector<ReliabilityBin> reliability_table(const std::vector<double>& p, const std::vector<bool>& outcome, int bins);

// ---- the outcomes file ----------------------------------------------------------------------

/// A source an outcome rests on: a citation (outlet, title, date) and where to find it.
struct OutcomeSource {
  std::string id, citation, url, date, note;
};

/// What happened on one question.
struct Outcome {
  std::string question;  ///< a question id of the scenario
  bool yes = false;
  std::string resolved;  ///< YYYY-MM or YYYY-MM-DD: when it resolved (or the latest evidence)
  std::vector<std::string> sources;
  std::string evidence;           ///< the figures that decide it
  bool nothing_changes = false;   ///< the answer if the state at meta.as_of persisted
  int base_yes = 0, base_of = 0;  ///< reference class: yes in `base_of` comparable past periods
  std::string base_basis;         ///< what the reference class is and where its count comes from
  Location where;
};

/// An outcomes file (docs/validation.md, "The outcomes file").
struct Outcomes {
  std::string file, sha256;
  std::string scenario;  ///< the scenario it resolves (informational)
  std::string resolved_as_of;
  std::vector<OutcomeSource> sources;
  std::vector<Outcome> outcomes;
};

/// Reads and checks an outcomes file against the scenario's questions: unknown keys, unknown or
/// duplicate question ids, unknown sources, malformed dates and counts, and scenario questions
/// (not equilibrium diagnostics) that have no outcome are problems, all located.
/// @throws ScenarioError (exit 65) listing every problem; IoError.
Outcomes load_outcomes(const std::string& path, const scenario::Scenario& s);
/// The same on text already read; `file` names it in messages.
Outcomes parse_outcomes(const std::string& text, const std::string& file, const scenario::Scenario& s);

// ---- the service ----------------------------------------------------------------------------

struct ScoreOptions {
  std::string scenario_file;          ///< required (a hindcast; every source must be dated)
  std::string outcomes_file;          ///< required
  std::optional<std::uint64_t> seed;  ///< default: the scenario's meta.seed
  std::size_t draws = 2000;
  int threads = 0;
  std::size_t bargaining_draws = 0;
  int bins = 5;             ///< reliability table bins
  double log_clamp = 0.01;  ///< see log_score
};

/// One question's forecasts and outcome.
struct ScoredQuestion {
  std::string id, text, resolution, date, resolved, evidence;
  std::vector<std::string> sources;  ///< citations
  bool yes = false;
  std::size_t model_yes = 0, model_draws = 0;
  double model = 0, model_low = 0, model_high = 0;  ///< statecraft's probability and 95% Wilson interval
  double always_half = 0.5, base_rate = 0, nothing_changes = 0;
  int base_yes = 0, base_of = 0;
  std::string base_basis;
};

/// One forecaster's scores over all questions.
struct ForecasterScore {
  std::string name;  ///< "statecraft", "always 50%", "base rate", "nothing changes"
  double brier = 0, log = 0;
  double brier_skill = 0;  ///< 1 - brier / brier(always 50%)
  std::vector<ReliabilityBin> reliability;
};

struct ScoreResult {
  Provenance provenance;
  std::string scenario_name, as_of, resolved_as_of;
  std::size_t draws = 0;
  int bins = 0;
  double log_clamp = 0;
  std::vector<ScoredQuestion> questions;
  std::vector<ForecasterScore> forecasters;  ///< statecraft first
};

/// Loads the scenario (refused unless every source is dated, since a hindcast must show it used
/// nothing later than meta.as_of) and the outcomes, runs the forecast and scores it.
/// @throws UsageError, IoError, ScenarioError.
ScoreResult score(const ScoreOptions& options, const Callbacks& callbacks = {});

}  // namespace statecraft::services
