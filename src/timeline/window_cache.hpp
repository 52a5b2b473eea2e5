#pragma once
// Results of deterministic model runs already made, by everything that determines them:
// - society windows: the society model is deterministic, so a window whose configuration (the
//   settings' names and values, the base semantics, the scale, the days and the seed) equals one
//   run before has the same outputs;
// - issue re-forecasts: a bargaining model's forecast depends only on the issue, the model and
//   the issue's numbers (issue_inputs()).
// Repeats happen in a sensitivity design, where the points of one row share the row's draw and
// differ in one group of inputs only: a group that does not reach a window or an issue leaves
// its run unchanged.

#include <array>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace statecraft::timeline::detail {

/// Thread-safe; bounded (emptied when it holds kCapacity entries), so its memory stays small on
/// long ensembles whose runs never repeat. Keys are the bytes of everything the run depends on.
template <class Value>
class RunCache {
 public:
  static constexpr std::size_t kCapacity = 8192;
  [[nodiscard]] std::optional<Value> find(const std::string& key) const {
    const std::lock_guard<std::mutex> lock(mutex_);
    const auto it = map_.find(key);
    if (it == map_.end()) return std::nullopt;
    return it->second;
  }
  void insert(const std::string& key, const Value& value) {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (map_.size() >= kCapacity) map_.clear();
    map_.emplace(key, value);
  }

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Value> map_;
};

/// A window's outputs (scenario::society_window_outputs(), in the order run_window sets them).
using WindowOutputs = std::array<double, 7>;
using WindowCache = RunCache<WindowOutputs>;
/// Issue re-forecasts by issue, model and numbers.
using IssueCache = RunCache<double>;

}  // namespace statecraft::timeline::detail
