#pragma once
// The outputs of society windows already run, by everything that determines them: the society
// model is deterministic, so a window whose configuration (the settings' names and values, the
// base semantics, the scale, the days and the seed) equals one run before has the same outputs.
// This happens in a sensitivity design, where the points of one row share the row's draw and
// differ in one group of inputs only: a group that does not reach a window leaves it as it was.

#include <array>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace statecraft::timeline::detail {

/// A window's outputs (scenario::society_window_outputs(), in the order run_window sets them).
using WindowOutputs = std::array<double, 7>;

/// Thread-safe; bounded (emptied when it holds kCapacity entries), so its memory stays small on
/// long ensembles whose windows never repeat.
class WindowCache {
 public:
  static constexpr std::size_t kCapacity = 8192;
  [[nodiscard]] std::optional<WindowOutputs> find(const std::string& key) const;
  void insert(const std::string& key, const WindowOutputs& outputs);

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::string, WindowOutputs> map_;
};

}  // namespace statecraft::timeline::detail
