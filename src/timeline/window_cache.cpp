#include "timeline/window_cache.hpp"

namespace statecraft::timeline::detail {

std::optional<WindowOutputs> WindowCache::find(const std::string& key) const {
  const std::lock_guard<std::mutex> lock(mutex_);
  const auto it = map_.find(key);
  if (it == map_.end()) return std::nullopt;
  return it->second;
}

void WindowCache::insert(const std::string& key, const WindowOutputs& outputs) {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (map_.size() >= kCapacity) map_.clear();
  map_.emplace(key, outputs);
}

}  // namespace statecraft::timeline::detail
