#include "sensitivity/point_runner.hpp"

#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <mutex>
#include <optional>
#include <span>
#include <string>

#include "core/parallel.hpp"
#include "statecraft/error.hpp"

namespace statecraft::sensitivity {
namespace {

constexpr std::size_t kBlock = 16;

struct FirstError {
  std::mutex mutex;
  std::optional<std::pair<std::size_t, ScenarioError>> error;
  void record(std::size_t i, ScenarioError e) {
    std::lock_guard<std::mutex> lock(mutex);
    if (!error || error->first > i) error.emplace(i, std::move(e));
  }
};

}  // namespace

std::vector<double> run_points(const ScenarioModel& model, std::size_t count, const PointFn& point, std::uint64_t seed,
                               int threads, ProgressSink& progress, ensemble::Team* team) {
  const std::size_t m = model.outputs().size();
  std::vector<double> y(count * m, 0.0);
  tbb::enumerable_thread_specific<std::unique_ptr<ScenarioModel::Scratch>> scratch([&] { return model.scratch(); });
  FirstError first;
  auto block = [&](std::size_t b) {
    auto& w = *scratch.local();
    std::vector<double> shares(model.inputs().size());
    for (std::size_t i = b * kBlock; i < std::min(count, (b + 1) * kBlock); ++i) {
      try {
        const std::uint64_t draw = point(i, shares.data());
        model.evaluate(w, shares.data(), seed, draw, y.data() + i * m);
      } catch (const ScenarioError& e) {
        return first.record(i, e);
      } catch (const UsageError& e) {
        return first.record(i,
                            ScenarioError({Diagnostic{Location{model.scenario().file, 0, 0}, "",
                                                      std::string(e.what()) + " at a point of the sensitivity design",
                                                      "numbers every model can use"}}));
      }
    }
  };
  const std::size_t blocks = (count + kBlock - 1) / kBlock;
  const auto share = team ? ensemble::block_share(blocks, team->rank(), team->size()) : ensemble::BlockShare{0, blocks};
  tbb::task_arena arena(threads > 0 ? threads : tbb::this_task_arena::max_concurrency());
  parallel::execute(arena, [&] {
    for (std::size_t b0 = share.first; b0 < share.last && !first.error; b0 += 32) {
      const std::size_t b1 = std::min(share.last, b0 + 32);
      parallel::for_index(b0, b1, block);
      progress.done += std::min(count, b1 * kBlock) - b0 * kBlock;
      if (progress.report) progress.report(progress.done, progress.total);
    }
  });
  ensemble::settle_errors(team, first.error);
  if (team) team->merge_all(std::as_writable_bytes(std::span(y)));
  return y;
}

}  // namespace statecraft::sensitivity
