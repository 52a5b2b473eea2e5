// Monte Carlo forecast. Draws are cut into fixed blocks of kBlock draws whatever the number of
// threads; each block is computed by one task into its own slots, and every reduction runs over
// blocks in order afterwards, so the numbers are identical on any number of threads.

#include "statecraft/ensemble/forecast.hpp"

#include <fmt/format.h>
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <span>

#include "core/parallel.hpp"
#include "ensemble/distributed.hpp"
#include "ensemble/questions.hpp"
#include "ensemble/structural_answers.hpp"
#include "statecraft/ensemble/team.hpp"
#include "statecraft/error.hpp"
#include "statecraft/scenario/sampler.hpp"
#include "statecraft/version.hpp"

namespace statecraft::ensemble {
namespace {

// A block is the unit of work of one task: small enough that the threads finish together (a
// draw of the default forecast costs about 2 ms, so the last block to finish keeps one thread busy
// for up to 0.13 s while the others wait), large enough that scheduling costs nothing.
constexpr std::size_t kBlock = 64;
// Draws between progress reports (without a sink).
constexpr std::size_t kProgressDraws = 16384;

/// The summary of xs, which it leaves sorted (the mean is summed in draw order first).
Summary summarise_sorting(std::vector<double>& xs) {
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

/// The lenses' outputs laid out in one table: names, which lens writes them, on which draws.
struct Layout {
  std::vector<std::string> names;
  std::vector<std::size_t> lens_offset, lens_stride, output_stride;
  std::map<std::string, std::size_t> index;
};

Layout make_layout(const std::vector<std::unique_ptr<Lens>>& lenses, std::size_t draws, ForecastResult& res) {
  Layout L;
  for (const auto& l : lenses) {
    res.lenses.push_back(l->name());
    L.lens_offset.push_back(L.names.size());
    // A costly lens limited to K draws runs on every stride-th draw (spread over all blocks so
    // that the threads share its work), i.e. on ceil(draws / stride) draws.
    const std::size_t k = l->max_draws();
    const std::size_t stride = (k == 0 || k >= draws) ? 1 : (draws + k - 1) / k;
    L.lens_stride.push_back(stride);
    for (auto& o : l->outputs()) {
      L.names.push_back(std::move(o));
      L.output_stride.push_back(stride);
    }
  }
  for (std::size_t i = 0; i < L.names.size(); ++i) L.index[L.names[i]] = i;
  return L;
}

/// Everything the draws write, per block where a reduction follows.
struct Tables {
  std::size_t n_draws = 0, n_blocks = 0, months = 0;
  std::vector<double> outputs;             // [output][draw]
  std::vector<unsigned char> answers;      // [question][draw]
  std::vector<std::uint32_t> monthly_yes;  // [block][question][month]
};

Tables make_tables(const scenario::Scenario& s, const Layout& L, const QuestionSet& qs, std::size_t n_draws) {
  Tables T;
  T.n_draws = n_draws;
  T.n_blocks = (n_draws + kBlock - 1) / kBlock;
  T.months = static_cast<std::size_t>(s.meta.horizon_months);
  T.outputs.assign(L.names.size() * n_draws, 0.0);
  const std::size_t nq = qs.questions.size();
  T.answers.assign(nq * n_draws, 0);
  T.monthly_yes.assign(T.n_blocks * nq * (T.months + 1), 0);
  return T;
}

/// Accumulates one draw's answers.
void record_draw(const QuestionSet& qs, Tables& T, std::size_t b, std::size_t d, const double* outs,
                 const std::vector<double>& values) {
  const std::size_t nq = qs.questions.size();
  for (std::size_t k = 0; k < nq; ++k) {
    const auto& q = qs.questions[k];
    if (d % q.stride != 0) continue;
    std::uint32_t* monthly = T.monthly_yes.data() + (b * nq + k) * (T.months + 1);
    T.answers[k * T.n_draws + d] = qs.answer(k, outs, values, monthly) ? 1 : 0;
  }
}

/// Gathers every member's share of the tables on rank 0 (see team.hpp).
void merge_tables(Team& team, Tables& T) {
  team.merge(std::as_writable_bytes(std::span(T.outputs)));
  team.merge(std::as_writable_bytes(std::span(T.answers)));
  team.merge(std::as_writable_bytes(std::span(T.monthly_yes)));
}

/// Each modelled question's answer in every draw (-1 where its lens did not run).
void keep_draw_answers(const QuestionSet& qs, const Tables& T, ForecastResult& res) {
  for (std::size_t k = 0; k < qs.questions.size(); ++k) {
    const auto& pq = qs.questions[k];
    auto& kept = res.questions[pq.question].draw_answers;
    kept.assign(T.n_draws, -1);
    for (std::size_t d = 0; d < T.n_draws; d += pq.stride)
      kept[d] = static_cast<signed char>(T.answers[k * T.n_draws + d]);
  }
}

void summarise_questions(const QuestionSet& qs, const Tables& T, ForecastResult& res) {
  const std::size_t nq = qs.questions.size();
  for (std::size_t k = 0; k < nq; ++k) {
    const auto& pq = qs.questions[k];
    auto& fq = res.questions[pq.question];
    std::size_t n = 0, yes = 0;
    for (std::size_t d = 0; d < T.n_draws; d += pq.stride) {
      yes += T.answers[k * T.n_draws + d];
      ++n;
    }
    fq.yes = yes;
    fq.draws = n;
    fq.probability = static_cast<double>(yes) / static_cast<double>(n);
    std::tie(fq.wilson_low, fq.wilson_high) = wilson_interval(yes, n);
    fq.words = likelihood_words(fq.probability);
    if (!pq.on_timeline) continue;
    for (std::size_t m = 1; m <= T.months; ++m) {
      std::uint64_t count = 0;
      for (std::size_t b = 0; b < T.n_blocks; ++b) count += T.monthly_yes[(b * nq + k) * (T.months + 1) + m];
      fq.monthly.push_back(static_cast<double>(count) / static_cast<double>(n));
    }
  }
}

void summarise_issues(const scenario::Scenario& s, const Layout& L, const Tables& T, ForecastResult& res) {
  for (const auto& is : s.issues) {
    IssueForecast f{is.id, is.question, is.low, is.high, {}};
    const std::string prefix = "issue." + is.id + ".";
    for (std::size_t o = 0; o < L.names.size(); ++o) {
      if (L.names[o].rfind(prefix, 0) != 0) continue;
      std::vector<double> xs;
      for (std::size_t d = 0; d < T.n_draws; d += L.output_stride[o]) xs.push_back(T.outputs[o * T.n_draws + d]);
      const std::size_t n_used = xs.size();
      f.models.push_back(ModelSummary{L.names[o].substr(prefix.size()), n_used, summarise_sorting(xs)});
    }
    res.issues.push_back(std::move(f));
  }
}

SeriesForecast summarise_series(const std::string& name, const std::vector<std::string>& states, const Layout& L,
                                const Tables& T) {
  SeriesForecast f{name, states, {}, {}, {}};
  std::vector<double> xs(T.n_draws);
  for (std::size_t m = 0; m <= T.months; ++m) {
    const std::size_t o = L.index.at(fmt::format("timeline.{}@{}", name, m));
    std::copy(T.outputs.begin() + static_cast<std::ptrdiff_t>(o * T.n_draws),
              T.outputs.begin() + static_cast<std::ptrdiff_t>((o + 1) * T.n_draws), xs.begin());
    if (!states.empty()) {
      std::vector<double> share(states.size(), 0.0);
      for (double x : xs) share[static_cast<std::size_t>(x)] += 1.0;
      for (double& c : share) c /= static_cast<double>(T.n_draws);
      f.shares.push_back(std::move(share));
      continue;
    }
    const Summary sm = summarise_sorting(xs);
    f.quantiles.push_back({sm.p05, quantile_sorted(xs, 0.25), sm.p50, quantile_sorted(xs, 0.75), sm.p95});
    f.mean.push_back(sm.mean);
  }
  return f;
}

/// The timeline's series (variables, then events), each summarised on its own: in parallel on the
/// forecast's threads, stored in order.
void summarise_timeline(const scenario::Scenario& s, const Layout& L, const Tables& T, int threads,
                        ForecastResult& res) {
  if (!s.timeline.present) return;
  const auto& vars = s.timeline.vars;
  const auto& hazards = s.timeline.hazards;
  std::vector<SeriesForecast> series(vars.size() + hazards.size());
  tbb::task_arena arena(threads > 0 ? threads : tbb::this_task_arena::max_concurrency());
  parallel::execute(arena, [&] {
    parallel::for_index(std::size_t{0}, series.size(), [&](std::size_t k) {
      series[k] = k < vars.size() ? summarise_series(vars[k].name, vars[k].states, L, T)
                                  : summarise_series("events." + hazards[k - vars.size()].id, {}, L, T);
    });
  });
  for (auto& f : series) res.series.push_back(std::move(f));
}

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
  // Exact ends (rounding would put the bound for 0 of n a hair above 0), and never past p.
  const double lo = yes == 0 ? 0.0 : std::min(p, std::max(0.0, centre - half));
  const double hi = yes == n ? 1.0 : std::max(p, std::min(1.0, centre + half));
  return {lo, hi};
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

double quantile_sorted(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return std::nan("");
  const double h = (static_cast<double>(sorted.size()) - 1) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const auto hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

namespace {

/// Runs every lens on every draw (or its share of them) in parallel blocks.
class DrawRunner {
 public:
  DrawRunner(const scenario::Scenario& s, const std::vector<std::unique_ptr<Lens>>& lenses, const Layout& L,
             const QuestionSet& qs, Tables& T, const ForecastOptions& opt)
      : s_(s), lenses_(lenses), L_(L), qs_(qs), T_(T), opt_(opt), lens_ns_(lenses.size()), samplers_([&s] {
          return std::make_unique<scenario::Sampler>(s);
        }) {}

  void run() {
    const int threads = opt_.threads > 0 ? opt_.threads : tbb::this_task_arena::max_concurrency();
    tbb::task_arena arena(threads);
    parallel::execute(arena, [&] {
      // Progress (and the sink's chunks) between chunks of blocks, from this thread. A run store
      // needs the whole range (no MPI team), so its chunks start at block 0.
      const std::size_t chunk =
          opt_.sink != nullptr ? kChunkDraws / kBlock
                               : std::max<std::size_t>(1, std::min<std::size_t>(T_.n_blocks, kProgressDraws / kBlock));
      for (std::size_t b0 = share_.first; b0 < share_.last; b0 += chunk) {
        const std::size_t b1 = std::min(share_.last, b0 + chunk);
        DrawChunk dc;
        dc.begin = b0 * kBlock;
        dc.end = std::min(T_.n_draws, b1 * kBlock);
        const bool restored = opt_.sink != nullptr && opt_.sink->restore(dc);
        STATECRAFT_ASSERT(!restored || dc.outputs.size() == (dc.end - dc.begin) * L_.names.size(),
                          "a restored chunk of the wrong size");
        if (opt_.sink != nullptr && !restored) dc.values.resize((dc.end - dc.begin) * s_.quantities.size());
        parallel::for_index(b0, b1,
                            [&](std::size_t b) { run_block(b, opt_.sink != nullptr ? &dc : nullptr, restored); });
        if (first_error_) break;
        if (opt_.sink != nullptr && !restored) opt_.sink->commit(fill_chunk(dc));
        if (opt_.progress) opt_.progress(done_.load(), share_draws());
      }
    });
    settle_errors(opt_.team, first_error_);
  }

  [[nodiscard]] double lens_seconds(std::size_t l) const { return static_cast<double>(lens_ns_[l].load()) * 1e-9; }

  [[nodiscard]] std::size_t share_draws() const {
    return std::min(T_.n_draws, share_.last * kBlock) - std::min(T_.n_draws, share_.first * kBlock);
  }

 private:
  void fail(std::size_t d, ScenarioError e) {
    std::lock_guard<std::mutex> lock(error_mutex_);
    if (!first_error_ || first_error_->first > d) first_error_.emplace(d, std::move(e));
  }

  void evaluate(std::size_t d, std::vector<double>& values, std::vector<double>& outs) {
    samplers_.local()->sample(opt_.seed, d, values);
    for (std::size_t l = 0; l < lenses_.size(); ++l) {
      const std::size_t end_l = l + 1 < lenses_.size() ? L_.lens_offset[l + 1] : outs.size();
      auto first = outs.begin() + static_cast<std::ptrdiff_t>(L_.lens_offset[l]);
      if (d % L_.lens_stride[l] != 0) {
        std::fill(first, outs.begin() + static_cast<std::ptrdiff_t>(end_l), std::numeric_limits<double>::quiet_NaN());
        continue;
      }
      const auto t0 = std::chrono::steady_clock::now();
      lenses_[l]->evaluate(values, opt_.seed, d, outs.data() + L_.lens_offset[l]);
      lens_ns_[l] +=
          std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count();
    }
  }

  /// Computes the draws of block b, or takes their outputs from a restored chunk; keeps the
  /// values of computed draws in `chunk` when there is one.
  void run_block(std::size_t b, DrawChunk* chunk, bool restored) {
    std::vector<double> values, outs(L_.names.size());
    const std::size_t begin = b * kBlock, end = std::min(T_.n_draws, begin + kBlock);
    for (std::size_t d = begin; d < end; ++d) {
      try {
        if (restored) {
          samplers_.local()->sample(opt_.seed, d, values);  // the drivers need them; cheap
          const double* row = chunk->outputs.data() + (d - chunk->begin) * outs.size();
          std::copy(row, row + outs.size(), outs.begin());
        } else {
          evaluate(d, values, outs);
        }
      } catch (const ScenarioError& e) {
        return fail(d, e);
      } catch (const UsageError& e) {
        // A model rejected the draw's numbers (e.g. all weights zero): report as bad data.
        return fail(d, ScenarioError({Diagnostic{Location{s_.file, 0, 0}, "",
                                                 std::string(e.what()) + " in draw " + std::to_string(d),
                                                 "numbers every model can use"}}));
      }
      if (chunk != nullptr && !restored)
        std::copy(values.begin(), values.end(),
                  chunk->values.begin() + static_cast<std::ptrdiff_t>((d - chunk->begin) * values.size()));
      for (std::size_t o = 0; o < outs.size(); ++o) T_.outputs[o * T_.n_draws + d] = outs[o];
      record_draw(qs_, T_, b, d, outs.data(), values);
    }
    done_ += end - begin;
  }

  /// The outputs and answers of a computed chunk, from the tables, draw by draw.
  const DrawChunk& fill_chunk(DrawChunk& dc) const {
    const std::size_t n = dc.end - dc.begin, no = L_.names.size(), nq = s_.questions.size();
    dc.outputs.resize(n * no);
    dc.answers.assign(n * nq, -1);
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t d = dc.begin + i;
      for (std::size_t o = 0; o < no; ++o) dc.outputs[i * no + o] = T_.outputs[o * T_.n_draws + d];
      for (std::size_t k = 0; k < qs_.questions.size(); ++k)
        if (d % qs_.questions[k].stride == 0)
          dc.answers[i * nq + qs_.questions[k].question] = static_cast<signed char>(T_.answers[k * T_.n_draws + d]);
    }
    return dc;
  }

  const scenario::Scenario& s_;
  const std::vector<std::unique_ptr<Lens>>& lenses_;
  const Layout& L_;
  const QuestionSet& qs_;
  Tables& T_;
  const ForecastOptions& opt_;
  const BlockShare share_ =
      opt_.team ? block_share(T_.n_blocks, opt_.team->rank(), opt_.team->size()) : BlockShare{0, T_.n_blocks};
  std::vector<std::atomic<std::int64_t>> lens_ns_;
  tbb::enumerable_thread_specific<std::unique_ptr<scenario::Sampler>> samplers_;
  std::mutex error_mutex_;
  std::optional<std::pair<std::size_t, ScenarioError>> first_error_;
  std::atomic<std::size_t> done_{0};
};

}  // namespace

ForecastResult forecast(const scenario::Scenario& s, const ForecastOptions& opt) {
  if (opt.draws == 0) throw UsageError("forecast: the number of draws must be at least 1");
  if (opt.draws > 100'000'000) throw UsageError("forecast: at most 100000000 draws");
  const auto t0 = std::chrono::steady_clock::now();
  ForecastResult res;
  res.provenance = Provenance::of("forecast", s.file, s.sha256).with("seed", opt.seed).with("draws", opt.draws);
  res.draws = opt.draws;
  res.scenario_name = s.meta.name;
  res.as_of = s.meta.as_of;
  res.horizon_months = s.meta.horizon_months;
  res.uncertain_numbers = s.uncertain_count();
  if (s.timeline.present) res.month_labels = month_labels(s);

  const auto lenses = default_lenses(s, opt.bargaining_draws);
  const Layout L = make_layout(lenses, opt.draws, res);
  const QuestionSet qs(s, L.index, L.output_stride, res.questions);
  Tables T = make_tables(s, L, qs, opt.draws);
  if (opt.sink != nullptr) opt.sink->start(L.names);
  DrawRunner runner(s, lenses, L, qs, T, opt);
  runner.run();
  for (std::size_t l = 0; l < lenses.size(); ++l) {
    res.cost.emplace_back(lenses[l]->name(), runner.lens_seconds(l));
    for (auto& part : lenses[l]->cost()) res.cost.push_back(std::move(part));
  }
  if (opt.team != nullptr) {
    merge_tables(*opt.team, T);
    sum_costs(*opt.team, res.cost);
    if (opt.team->rank() != 0) return res;
  }

  summarise_issues(s, L, T, res);
  summarise_questions(qs, T, res);
  if (opt.keep_draw_answers) keep_draw_answers(qs, T, res);
  summarise_structural(s, qs, T.answers, T.n_draws, opt.seed, res);
  summarise_timeline(s, L, T, opt.threads, res);
  res.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return res;
}

}  // namespace statecraft::ensemble
