#pragma once
// Forecast questions resolved on the lenses' outputs: each rule's outputs looked up once, and,
// for outputs of the timeline, one output per month, so that a question is answered "by" or
// "in" its month and its probability can be followed month by month.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "statecraft/ensemble/forecast.hpp"

namespace statecraft::ensemble {

/// A rule with its outputs resolved to indices: one index for a static output, one per month
/// 0..horizon for an output of the timeline.
struct ResolvedRule {
  scenario::Rule::Kind kind = scenario::Rule::Kind::kCompare;
  scenario::CompareOp op = scenario::CompareOp::kGreaterEqual;
  scenario::QuantityId threshold = -1;
  std::vector<std::size_t> index;
  std::vector<ResolvedRule> children;
};

struct PreparedQuestion {
  std::size_t question = 0;  ///< index in Scenario::questions
  std::size_t stride = 1;    ///< answered on every stride-th draw
  bool on_timeline = false;
  int month = 0;
  bool by = false;
  ResolvedRule rule;
};

/// The questions that the outputs can answer; fills the identity fields of every question's
/// forecast (and, for the others, the outputs they miss).
class QuestionSet {
 public:
  QuestionSet(const scenario::Scenario& s, const std::map<std::string, std::size_t>& index,
              const std::vector<std::size_t>& output_stride, std::vector<QuestionForecast>& out);
  /// Answer of prepared question k on one draw; adds 1 to monthly[m] for every month m whose
  /// monthly answer is yes (timeline questions only).
  bool answer(std::size_t k, const double* outs, const std::vector<double>& values, std::uint32_t* monthly) const;

  std::vector<PreparedQuestion> questions;
  int months = 0;
};

/// YYYY-MM of months 0..horizon of a scenario.
std::vector<std::string> month_labels(const scenario::Scenario& s);

}  // namespace statecraft::ensemble
