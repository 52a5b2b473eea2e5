#include "progress.hpp"

#include <chrono>
#include <cstdio>
#include <memory>

namespace statecraft::cli {

std::function<void(std::size_t, std::size_t)> progress_bar(const std::string& what) {
  using clock = std::chrono::steady_clock;
  struct State {
    clock::time_point start = clock::now(), last{};
    bool drawn = false;
  };
  auto st = std::make_shared<State>();
  return [st, what](std::size_t done, std::size_t total) {
    const auto now = clock::now();
    const double elapsed = std::chrono::duration<double>(now - st->start).count();
    const bool finished = done >= total;
    if (!finished && (elapsed < 1.0 || now - st->last < std::chrono::milliseconds(100))) return;
    if (finished && !st->drawn) return;  // a short run draws nothing
    st->last = now;
    st->drawn = true;
    const double share = total == 0 ? 1.0 : static_cast<double>(done) / static_cast<double>(total);
    const int width = 30, filled = static_cast<int>(share * width);
    const double left = share > 0 ? elapsed * (1 - share) / share : 0.0;
    std::fprintf(stderr, "\r%s [%s%s] %3.0f%%  %.0f s left ", what.c_str(),
                 std::string(static_cast<std::size_t>(filled), '#').c_str(),
                 std::string(static_cast<std::size_t>(width - filled), '.').c_str(), 100 * share, left);
    if (finished) std::fprintf(stderr, "\n");
  };
}

}  // namespace statecraft::cli
