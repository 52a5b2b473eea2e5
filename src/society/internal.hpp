#pragma once
// Internal to the society engine: the packed per-cell word and a fast bounded random integer,
// shared by the update orders (model.cpp, synchronous.cpp).

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <new>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "statecraft/random.hpp"

namespace statecraft::society {

constexpr std::uint32_t kNoIndex = std::numeric_limits<std::uint32_t>::max();

/// Half-width of row dy (|dy| <= v) of a vision of radius v: the row's cells are x-w..x+w.
/// Von Neumann (`diamond`, |dx| + |dy| <= v, Mesa's OrthogonalVonNeumannGrid): w = v - |dy|;
/// Euclidean (dx^2 + dy^2 <= v^2, NetLogo `in-radius` between patch centres): the largest w with
/// w^2 + dy^2 <= v^2, in integers (no rounding of a square root).
constexpr int span_width(int v, bool diamond, int dy) {
  if (diamond) return v - (dy < 0 ? -dy : dy);
  int w = 0;
  while ((w + 1) * (w + 1) + dy * dy <= v * v) ++w;
  return w;
}
// Per cell, packed in one word so that a neighbourhood sum is one add per cell: bits 0-15 loyal
// cops, 16-31 active citizens, 32-47 "free to move to" flag, 48-63 bodies blocking a move.
constexpr std::uint64_t kCop1 = 1, kActive1 = std::uint64_t{1} << 16, kFree1 = std::uint64_t{1} << 32,
                        kBlock1 = std::uint64_t{1} << 48;

// The random stream of the agents' turns: SplitMix64 (Steele, Lea & Flood 2014, the generator of
// Java's SplittableRandom; passes BigCrush), started from a state derived from (seed, draw, sub)
// by the same mixing function. One stream per step, tile or agent-phase costs a few
// instructions, where a Philox stream costs two Philox blocks to open; the draws of the run
// still depend on nothing but the seed.
class AgentStream {
 public:
  AgentStream(std::uint64_t seed, std::uint64_t draw, std::uint64_t sub)
      : s_(mix(seed + mix(draw * 0xD1B54A32D192ED03ull + sub + 1) * kGamma)) {}
  /// Stream `sub` of a phase whose key is `phase_key` (one mix to open: for the many
  /// per-agent streams of a step).
  static AgentStream keyed(std::uint64_t phase_key, std::uint64_t sub) {
    AgentStream r;
    r.s_ = mix(phase_key ^ (sub * 0xD1B54A32D192ED03ull));
    return r;
  }
  std::uint64_t next_u64() { return mix(s_ += kGamma); }
  std::uint32_t next_u32() { return static_cast<std::uint32_t>(next_u64() >> 32); }
  /// Uniform on [0, 1), 53 bits.
  double uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

  static std::uint64_t mix(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

 private:
  AgentStream() = default;
  static constexpr std::uint64_t kGamma = 0x9E3779B97F4A7C15ull;
  std::uint64_t s_ = 0;
};

// Uniform integer in [0, n), n < 2^32, by Lemire's multiply-shift with rejection (no division on
// the common path).
inline std::uint32_t below32(AgentStream& rng, std::uint32_t n) {
  std::uint64_t m = static_cast<std::uint64_t>(rng.next_u32()) * n;
  auto l = static_cast<std::uint32_t>(m);
  if (l < n) {
    const std::uint32_t t = (0u - n) % n;
    while (l < t) {
      m = static_cast<std::uint64_t>(rng.next_u32()) * n;
      l = static_cast<std::uint32_t>(m);
    }
  }
  return static_cast<std::uint32_t>(m >> 32);
}

// Allocator for the large per-cell arrays: 2 MiB aligned and, on Linux, backed by transparent huge
// pages where the kernel allows (madvise), so that the window of rows a pass works on is covered
// by a few TLB entries instead of hundreds. Memory is zero-initialised by the vector as usual.
template <class T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <class U>
  explicit HugePageAllocator(const HugePageAllocator<U>& /*other*/) {}
  T* allocate(std::size_t n) {
    constexpr std::size_t kHuge = std::size_t{2} << 20;
    if (n > std::numeric_limits<std::size_t>::max() / sizeof(T) - kHuge) throw std::bad_alloc();
    const std::size_t bytes = n * sizeof(T);
    const std::size_t align = bytes >= kHuge ? kHuge : alignof(std::max_align_t);
    void* p = std::aligned_alloc(align, (bytes + align - 1) / align * align);
    if (p == nullptr) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (bytes >= kHuge) madvise(p, bytes, MADV_HUGEPAGE);  // advice only: failure is harmless
#endif
    return static_cast<T*>(p);
  }
  void deallocate(T* p, std::size_t /*n*/) { std::free(p); }
  template <class U>
  bool operator==(const HugePageAllocator<U>& /*other*/) const {
    return true;
  }
};
template <class T>
using HugeVector = std::vector<T, HugePageAllocator<T>>;

}  // namespace statecraft::society
