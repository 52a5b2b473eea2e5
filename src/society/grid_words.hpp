#pragma once
// Internal to the society engine: the packed per-cell word and a fast bounded random integer,
// shared by the update orders (model.cpp, synchronous.cpp).

#include <cstdint>
#include <limits>

#include "statecraft/random.hpp"

namespace statecraft::society {

constexpr std::uint32_t kNoIndex = std::numeric_limits<std::uint32_t>::max();
// Per cell, packed in one word so that a neighbourhood sum is one add per cell: bits 0-15 loyal
// cops, 16-31 active citizens, 32-47 "free to move to" flag, 48-63 bodies blocking a move.
constexpr std::uint64_t kCop1 = 1, kActive1 = std::uint64_t{1} << 16, kFree1 = std::uint64_t{1} << 32,
                        kBlock1 = std::uint64_t{1} << 48;

// Uniform integer in [0, n), n < 2^32, by Lemire's multiply-shift with rejection (no division on
// the common path).
inline std::uint32_t below32(RandomStream& rng, std::uint32_t n) {
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

}  // namespace statecraft::society
