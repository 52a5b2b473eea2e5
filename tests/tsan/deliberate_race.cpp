// A race on purpose, for the tsan preset: shows that ThreadSanitizer, with the annotations of
// core/parallel.hpp and the suppressions of tsan.supp, still reports a race between two bodies of
// one parallel call. `deliberate_race race`: both bodies write the same int (ctest expects the
// report); `deliberate_race ordered`: each writes its own (ctest expects a clean exit).
// The bodies meet at a rendezvous on relaxed atomics, which gives TSan no order between them, so
// they run on two threads at once whatever TBB's scheduling.
#include <oneapi/tbb/task_arena.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string_view>
#include <thread>

#include "core/parallel.hpp"

int main(int argc, char** argv) {
  const bool race = argc > 1 && std::string_view(argv[1]) == "race";
  std::array<int, 2> slots{};
  std::atomic<int> arrived{0};
  tbb::task_arena arena(2);
  statecraft::parallel::execute(arena, [&] {
    statecraft::parallel::for_index(0, 2, [&](int i) {
      arrived.fetch_add(1, std::memory_order_relaxed);
      const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
      while (arrived.load(std::memory_order_relaxed) < 2 && std::chrono::steady_clock::now() < give_up)
        std::this_thread::yield();
      slots[race ? 0 : static_cast<std::size_t>(i)] += i + 1;  // the race, when `race`
    });
  });
  std::printf("%d %d\n", slots[0], slots[1]);
  return arrived.load() == 2 ? 0 : 1;
}
