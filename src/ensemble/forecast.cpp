// Monte Carlo forecast. Draws are cut into fixed blocks of kBlock draws whatever the number of
// threads; each block is computed by one task into its own slots, and every reduction runs over
// blocks in order afterwards, so the numbers are identical on any number of threads.

#include "statecraft/ensemble/forecast.hpp"

#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <mutex>
#include <limits>
#include <optional>

#include "statecraft/error.hpp"
#include "statecraft/scenario/sampler.hpp"
#include "statecraft/version.hpp"

namespace statecraft::ensemble {
namespace {

using scenario::CompareOp;
using scenario::QuantityId;
using scenario::Rule;
constexpr std::size_t kBlock = 256;

void collect_outputs(const Rule& r, std::vector<std::string>& out) {
  if (r.kind == Rule::Kind::kCompare) {
    if (std::find(out.begin(), out.end(), r.output) == out.end()) out.push_back(r.output);
  } else {
    for (const auto& c : r.children) collect_outputs(c, out);
  }
}

bool holds(const Rule& r, const std::map<std::string, std::size_t>& index, const double* outs,
           const std::vector<double>& values) {
  switch (r.kind) {
    case Rule::Kind::kAll:
      return std::all_of(r.children.begin(), r.children.end(), [&](const Rule& c) { return holds(c, index, outs, values); });
    case Rule::Kind::kAny:
      return std::any_of(r.children.begin(), r.children.end(), [&](const Rule& c) { return holds(c, index, outs, values); });
    case Rule::Kind::kCompare: {
      const double x = outs[index.at(r.output)];
      const double t = values[static_cast<std::size_t>(r.threshold)];
      switch (r.op) {
        case CompareOp::kLess: return x < t;
        case CompareOp::kLessEqual: return x <= t;
        case CompareOp::kGreater: return x > t;
        case CompareOp::kGreaterEqual: return x >= t;
      }
    }
  }
  return false;
}

Summary summarise(std::vector<double> xs) {
  Summary s;
  double sum = 0;
  for (double x : xs) sum += x;  // in draw order: deterministic
  s.mean = sum / static_cast<double>(xs.size());
  std::sort(xs.begin(), xs.end());
  s.p05 = quantile_sorted(xs, 0.05);
  s.p50 = quantile_sorted(xs, 0.50);
  s.p95 = quantile_sorted(xs, 0.95);
  return s;
}

// Per-block sums for the correlation of each random quantity with each question's outcome.
struct Moments {
  double sx = 0, sxx = 0, sxy = 0;
};

}  // namespace

const ModelSummary* IssueForecast::find(const std::string& model) const {
  for (const auto& m : models)
    if (m.model == model) return &m;
  return nullptr;
}

std::pair<double, double> wilson_interval(std::size_t yes, std::size_t n, double z) {
  if (n == 0) return {0.0, 1.0};
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(yes) / nn;
  const double z2 = z * z;
  const double denom = 1 + z2 / nn;
  const double centre = (p + z2 / (2 * nn)) / denom;
  const double half = z / denom * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn));
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

std::string likelihood_words(double p) {
  if (p < 0.05) return "almost no chance";
  if (p < 0.20) return "very unlikely";
  if (p < 0.45) return "unlikely";
  if (p <= 0.55) return "roughly even chance";
  if (p < 0.80) return "likely";
  if (p < 0.95) return "very likely";
  return "almost certain";
}

double quantile_sorted(const std::vector<double>& xs, double q) {
  if (xs.empty()) return std::nan("");
  const double h = (static_cast<double>(xs.size()) - 1) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const auto hi = std::min(lo + 1, xs.size() - 1);
  return xs[lo] + (h - static_cast<double>(lo)) * (xs[hi] - xs[lo]);
}

ForecastResult forecast(const scenario::Scenario& s, const ForecastOptions& opt) {
  if (opt.draws == 0) throw UsageError("forecast: the number of draws must be at least 1");
  if (opt.draws > 100'000'000) throw UsageError("forecast: at most 100000000 draws");
  ForecastResult res;
  res.provenance = Provenance{version(), git_commit(), s.file, s.sha256, opt.seed, opt.draws};
  res.scenario_name = s.meta.name;
  res.as_of = s.meta.as_of;
  res.horizon_months = s.meta.horizon_months;
  res.uncertain_numbers = s.uncertain_count();

  const auto lenses = default_lenses(s, opt.bargaining_draws);
  std::vector<std::string> names;
  std::vector<std::size_t> lens_offset;
  // A costly lens limited to K draws runs on every stride-th draw (spread over all blocks so
  // that the threads share its work), i.e. on ceil(draws / stride) draws.
  std::vector<std::size_t> lens_stride;
  std::vector<std::size_t> output_stride;
  for (const auto& l : lenses) {
    res.lenses.push_back(l->name());
    lens_offset.push_back(names.size());
    const std::size_t k = l->max_draws();
    const std::size_t stride = (k == 0 || k >= opt.draws) ? 1 : (opt.draws + k - 1) / k;
    lens_stride.push_back(stride);
    for (auto& o : l->outputs()) {
      names.push_back(std::move(o));
      output_stride.push_back(stride);
    }
  }
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < names.size(); ++i) index[names[i]] = i;

  // Which questions can be answered by the available outputs.
  std::vector<std::size_t> modelled;
  std::vector<std::size_t> question_stride;  // per modelled question: draws its outputs all have
  res.questions.resize(s.questions.size());
  for (std::size_t q = 0; q < s.questions.size(); ++q) {
    const auto& sq = s.questions[q];
    auto& fq = res.questions[q];
    fq.id = sq.id;
    fq.text = sq.text;
    fq.horizon_months = sq.horizon_months;
    std::vector<std::string> needed;
    collect_outputs(sq.rule, needed);
    for (const auto& n : needed)
      if (!index.count(n)) fq.missing_outputs.push_back(n);
    fq.modelled = fq.missing_outputs.empty();
    if (fq.modelled) {
      modelled.push_back(q);
      std::size_t stride = 1;
      for (const auto& o : needed) stride = std::max(stride, output_stride[index.at(o)]);
      question_stride.push_back(stride);
    }
  }

  // Random quantities, for the drivers of each answer.
  std::vector<QuantityId> random;
  for (std::size_t i = 0; i < s.quantities.size(); ++i)
    if (s.quantities[i].kind == scenario::Quantity::Kind::kRandom) random.push_back(static_cast<QuantityId>(i));

  const std::size_t n_out = names.size();
  const std::size_t n_draws = opt.draws;
  const std::size_t n_blocks = (n_draws + kBlock - 1) / kBlock;
  std::vector<double> outputs(n_out * n_draws);           // [output][draw]
  std::vector<unsigned char> answers(modelled.size() * n_draws);  // [question][draw]
  // Drivers: per block, the sums of each random number over the draws of each stride class
  // (sx, sxx; shared by the questions of that class) and over each question's yes-draws (sxy).
  std::vector<std::size_t> strides;
  for (std::size_t st : question_stride)
    if (std::find(strides.begin(), strides.end(), st) == strides.end()) strides.push_back(st);
  std::vector<std::size_t> question_class(modelled.size());
  for (std::size_t k = 0; k < modelled.size(); ++k)
    question_class[k] = static_cast<std::size_t>(std::find(strides.begin(), strides.end(), question_stride[k]) - strides.begin());
  std::vector<Moments> base_moments(n_blocks * strides.size() * random.size());
  std::vector<double> yes_sums(n_blocks * modelled.size() * random.size(), 0.0);

  std::mutex error_mutex;
  std::optional<std::pair<std::size_t, ScenarioError>> first_error;
  std::atomic<std::size_t> done{0};

  tbb::enumerable_thread_specific<std::unique_ptr<scenario::Sampler>> samplers(
      [&] { return std::make_unique<scenario::Sampler>(s); });

  auto run_block = [&](std::size_t b) {
    auto& sampler = *samplers.local();
    std::vector<double> values;
    std::vector<double> outs(n_out);
    const std::size_t begin = b * kBlock;
    const std::size_t end = std::min(n_draws, begin + kBlock);
    for (std::size_t d = begin; d < end; ++d) {
      try {
        sampler.sample(opt.seed, d, values);
        for (std::size_t l = 0; l < lenses.size(); ++l) {
          if (d % lens_stride[l] != 0) {
            const std::size_t end_l = l + 1 < lenses.size() ? lens_offset[l + 1] : n_out;
            std::fill(outs.begin() + static_cast<std::ptrdiff_t>(lens_offset[l]), outs.begin() + static_cast<std::ptrdiff_t>(end_l),
                      std::numeric_limits<double>::quiet_NaN());
            continue;
          }
          lenses[l]->evaluate(values, opt.seed, d, outs.data() + lens_offset[l]);
        }
      } catch (const ScenarioError& e) {
        std::lock_guard<std::mutex> lock(error_mutex);
        if (!first_error || first_error->first > d) first_error.emplace(d, e);
        return;
      } catch (const UsageError& e) {
        // A model rejected the draw's numbers (e.g. all weights zero): report as bad data.
        std::lock_guard<std::mutex> lock(error_mutex);
        if (!first_error || first_error->first > d)
          first_error.emplace(d, ScenarioError({Diagnostic{Location{s.file, 0, 0}, "", std::string(e.what()) + " in draw " + std::to_string(d), "numbers every model can use"}}));
        return;
      }
      for (std::size_t o = 0; o < n_out; ++o) outputs[o * n_draws + d] = outs[o];
      for (std::size_t c = 0; c < strides.size(); ++c) {
        if (d % strides[c] != 0) continue;
        Moments* m = &base_moments[(b * strides.size() + c) * random.size()];
        for (std::size_t r = 0; r < random.size(); ++r) {
          const double x = values[static_cast<std::size_t>(random[r])];
          m[r].sx += x;
          m[r].sxx += x * x;
        }
      }
      for (std::size_t k = 0; k < modelled.size(); ++k) {
        if (d % question_stride[k] != 0) continue;
        const bool yes = holds(s.questions[modelled[k]].rule, index, outs.data(), values);
        answers[k * n_draws + d] = yes ? 1 : 0;
        if (!yes) continue;
        double* sy = &yes_sums[(b * modelled.size() + k) * random.size()];
        for (std::size_t r = 0; r < random.size(); ++r) sy[r] += values[static_cast<std::size_t>(random[r])];
      }
    }
    done += end - begin;
  };

  const int threads = opt.threads > 0 ? opt.threads : tbb::this_task_arena::max_concurrency();
  tbb::task_arena arena(threads);
  arena.execute([&] {
    // Progress is reported between chunks of blocks from this thread.
    const std::size_t chunk = std::max<std::size_t>(1, std::min<std::size_t>(n_blocks, 64));
    for (std::size_t b0 = 0; b0 < n_blocks; b0 += chunk) {
      const std::size_t b1 = std::min(n_blocks, b0 + chunk);
      tbb::parallel_for(b0, b1, [&](std::size_t b) { run_block(b); });
      if (first_error) break;
      if (opt.progress) opt.progress(done.load(), n_draws);
    }
  });
  if (first_error) throw first_error->second;

  for (const auto& is : s.issues) {
    IssueForecast f{is.id, is.question, is.low, is.high, {}};
    const std::string prefix = "issue." + is.id + ".";
    for (std::size_t o = 0; o < n_out; ++o) {
      if (names[o].rfind(prefix, 0) != 0) continue;
      std::vector<double> xs;
      for (std::size_t d = 0; d < n_draws; d += output_stride[o]) xs.push_back(outputs[o * n_draws + d]);
      const std::size_t n_used = xs.size();
      f.models.push_back(ModelSummary{names[o].substr(prefix.size()), n_used, summarise(std::move(xs))});
    }
    res.issues.push_back(std::move(f));
  }

  for (std::size_t k = 0; k < modelled.size(); ++k) {
    auto& fq = res.questions[modelled[k]];
    std::size_t nq = 0;
    std::size_t yes = 0;
    for (std::size_t d = 0; d < n_draws; d += question_stride[k]) {
      yes += answers[k * n_draws + d];
      ++nq;
    }
    fq.yes = yes;
    fq.draws = nq;
    fq.probability = static_cast<double>(yes) / static_cast<double>(nq);
    std::tie(fq.wilson_low, fq.wilson_high) = wilson_interval(yes, nq);
    fq.words = likelihood_words(fq.probability);
    // Point-biserial correlation of each random number with the answer, summed block by block.
    const double n = static_cast<double>(nq);
    const double py = fq.probability;
    std::vector<Driver> drivers;
    for (std::size_t r = 0; r < random.size(); ++r) {
      Moments tot;
      for (std::size_t b = 0; b < n_blocks; ++b) {
        const Moments& m = base_moments[(b * strides.size() + question_class[k]) * random.size() + r];
        tot.sx += m.sx;
        tot.sxx += m.sxx;
        tot.sxy += yes_sums[(b * modelled.size() + k) * random.size() + r];
      }
      const double mx = tot.sx / n;
      const double vx = tot.sxx / n - mx * mx;
      const double vy = py * (1 - py);
      if (vx <= 1e-15 * (1 + mx * mx) || vy <= 0) continue;
      const double cov = tot.sxy / n - mx * py;
      const double corr = cov / std::sqrt(vx * vy);
      if (std::abs(corr) < 0.05) continue;  // below the noise of a few thousand draws
      const auto& q = s.quantities[static_cast<std::size_t>(random[r])];
      drivers.push_back(Driver{q.name.empty() ? q.path : q.name, corr});
    }
    std::stable_sort(drivers.begin(), drivers.end(), [](const Driver& a, const Driver& b) {
      return std::abs(a.correlation) > std::abs(b.correlation);
    });
    if (drivers.size() > 3) drivers.resize(3);
    fq.drivers = std::move(drivers);
  }
  return res;
}

}  // namespace statecraft::ensemble
