#pragma once
/// @file compare.hpp
/// What-if comparison of a scenario's variants: every question's probability under the baseline
/// and under each variant, and each variant's difference from the baseline with a paired 95%
/// interval. All runs use the same seed, so draw d of every variant draws each parameter from the
/// same random stream (common random numbers): the difference is measured draw by draw.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "statecraft/ensemble/difference.hpp"
#include "statecraft/provenance.hpp"
#include "statecraft/services.hpp"

namespace statecraft::services {

struct CompareOptions {
  std::string scenario_file;  ///< empty: the embedded scenario
  std::vector<std::string> variants;
  std::vector<std::pair<std::string, std::string>> set;  ///< --set, applied to the baseline and every variant
  std::optional<std::uint64_t> seed;
  std::size_t draws = 10000;
  int threads = 0;
  std::size_t bargaining_draws = 0;
};

/// One question under one variant.
struct VariantAnswer {
  std::string variant;
  std::size_t yes = 0, draws = 0;
  double probability = 0, wilson_low = 0, wilson_high = 0;
  ensemble::Difference difference;  ///< variant - baseline, paired over the draws
};

struct QuestionComparison {
  std::string id, text, date;
  bool by = false;
  VariantAnswer baseline;               ///< difference unused
  std::vector<VariantAnswer> variants;  ///< in the order asked
};

struct Comparison {
  Provenance provenance;
  std::string scenario_name;
  std::size_t draws = 0;
  std::vector<std::pair<std::string, std::string>> variants;  ///< (name, note)
  std::vector<QuestionComparison> questions;                  ///< modelled questions, scenario order
};

/// Runs the baseline and each variant. @throws UsageError (no variants, an unknown one).
Comparison compare(const CompareOptions& options, const Callbacks& callbacks = {});

/// Terminal text: provenance, then per question the baseline and each variant's probability and
/// difference with its interval.
std::string comparison_text(const Comparison& c);

/// JSON (deterministic).
std::string comparison_json(const Comparison& c);

}  // namespace statecraft::services
