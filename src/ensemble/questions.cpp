#include "ensemble/questions.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace statecraft::ensemble {
namespace {

using scenario::CompareOp;
using scenario::Rule;

bool holds(const ResolvedRule& r, const double* outs, const std::vector<double>& values, int month) {
  switch (r.kind) {
    case Rule::Kind::kAll:
      return std::all_of(r.children.begin(), r.children.end(),
                         [&](const ResolvedRule& c) { return holds(c, outs, values, month); });
    case Rule::Kind::kAny:
      return std::any_of(r.children.begin(), r.children.end(),
                         [&](const ResolvedRule& c) { return holds(c, outs, values, month); });
    case Rule::Kind::kCompare: {
      const std::size_t i = r.index.size() == 1 ? r.index[0] : r.index[static_cast<std::size_t>(month)];
      const double x = outs[i];
      const double t = values[static_cast<std::size_t>(r.threshold)];
      switch (r.op) {
        case CompareOp::kLess:
          return x < t;
        case CompareOp::kLessEqual:
          return x <= t;
        case CompareOp::kGreater:
          return x > t;
        case CompareOp::kGreaterEqual:
          return x >= t;
      }
    }
  }
  return false;
}

struct Resolver {
  const std::map<std::string, std::size_t>& index;
  const std::vector<std::size_t>& output_stride;
  int months;
  std::vector<std::string> missing;
  std::size_t stride = 1;
  bool on_timeline = false;

  std::size_t find(const std::string& name) {
    const auto it = index.find(name);
    if (it == index.end()) return static_cast<std::size_t>(-1);
    stride = std::max(stride, output_stride[it->second]);
    return it->second;
  }

  ResolvedRule resolve(const Rule& r) {
    ResolvedRule out{r.kind, r.op, r.threshold, {}, {}};
    for (const auto& c : r.children) out.children.push_back(resolve(c));
    if (r.kind != Rule::Kind::kCompare) return out;
    if (r.output.rfind("timeline.", 0) == 0) {
      on_timeline = true;
      for (int m = 0; m <= months; ++m) out.index.push_back(find(fmt::format("{}@{}", r.output, m)));
    } else {
      out.index.push_back(find(r.output));
    }
    if (std::find(out.index.begin(), out.index.end(), static_cast<std::size_t>(-1)) != out.index.end() &&
        std::find(missing.begin(), missing.end(), r.output) == missing.end())
      missing.push_back(r.output);
    return out;
  }
};

}  // namespace

QuestionSet::QuestionSet(const scenario::Scenario& s, const std::map<std::string, std::size_t>& index,
                         const std::vector<std::size_t>& output_stride, std::vector<QuestionForecast>& out)
    : months(s.meta.horizon_months) {
  out.resize(s.questions.size());
  for (std::size_t q = 0; q < s.questions.size(); ++q) {
    const auto& sq = s.questions[q];
    auto& fq = out[q];
    fq.id = sq.id;
    fq.text = sq.text;
    fq.horizon_months = sq.horizon_months;
    fq.by = sq.by;
    fq.diagnostic = sq.diagnostic;
    Resolver r{index, output_stride, months, {}, 1, false};
    PreparedQuestion pq{q, 1, false, sq.month, sq.by, r.resolve(sq.rule)};
    fq.missing_outputs = r.missing;
    fq.modelled = r.missing.empty();
    if (r.on_timeline) fq.date = sq.date;
    if (!fq.modelled) continue;
    pq.stride = r.stride;
    pq.on_timeline = r.on_timeline;
    questions.push_back(std::move(pq));
  }
}

bool QuestionSet::answer(std::size_t k, const double* outs, const std::vector<double>& values,
                         std::uint32_t* monthly) const {
  const auto& q = questions[k];
  if (!q.on_timeline) return holds(q.rule, outs, values, 0);
  bool so_far = false, at_month = false;
  for (int m = 1; m <= months; ++m) {
    const bool h = holds(q.rule, outs, values, m);
    so_far = so_far || h;
    if (q.by ? so_far : h) ++monthly[m];
    if (m == q.month) at_month = q.by ? so_far : h;
  }
  return at_month;
}

std::vector<std::string> month_labels(const scenario::Scenario& s) {
  std::vector<std::string> out;
  for (int m = 0; m <= s.meta.horizon_months; ++m) out.push_back(scenario::month_label(s.meta.as_of, m));
  return out;
}

}  // namespace statecraft::ensemble
