#pragma once
/// @file random.hpp
/// Counter-based random numbers (Philox4x32-10, Random123). A stream is keyed by
/// (seed, draw, stream id): its numbers depend on nothing else, so results do not depend on the
/// number of threads or processes or on the order in which draws are computed.

#include <Random123/philox.h>

#include <cstdint>

namespace statecraft {

/// Well-known stream ids, so modules never share a stream by accident.
enum class StreamId : std::uint32_t {
  kParameters = 1,  ///< scenario parameter sampling
  kEvents = 2,      ///< hazards and scheduled events
  kGames = 3,       ///< chance in games
  kBargaining = 4,  ///< stochastic bargaining
  kSociety = 5,     ///< agent-based model
  kTimeline = 6,    ///< month-by-month coupling
  kStructural = 7,  ///< structural choices (which model resolves a step)
  kUser = 100,      ///< first id free for other uses
};

/// A reproducible random stream. Not thread-safe; make one per task (they are cheap).
class RandomStream {
 public:
  /// Stream number `sub` of (seed, draw, stream): `sub` lets one draw own many streams, e.g.
  /// one per agent.
  RandomStream(std::uint64_t seed, std::uint64_t draw, std::uint32_t stream, std::uint32_t sub = 0);
  RandomStream(std::uint64_t seed, std::uint64_t draw, StreamId stream, std::uint32_t sub = 0)
      : RandomStream(seed, draw, static_cast<std::uint32_t>(stream), sub) {}

  /// 32 random bits.
  std::uint32_t next_u32();
  /// 64 random bits.
  std::uint64_t next_u64();
  /// Uniform on [0, 1), 53 bits of resolution.
  double uniform();
  /// Uniform on (0, 1): never exactly 0, for logs and inverse CDFs.
  double uniform_open();
  /// Uniform integer in [0, n) without modulo bias; n must be > 0.
  std::uint64_t below(std::uint64_t n);
  /// Standard normal (Box–Muller; deterministic, no cached state between calls).
  double normal();
  /// Gamma(shape, 1) by Marsaglia & Tsang (2000).
  double gamma(double shape);

  /// Makes the UniformRandomBitGenerator interface available (e.g. for std::shuffle).
  using result_type = std::uint32_t;
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return 0xffffffffu; }
  result_type operator()() { return next_u32(); }

 private:
  using Philox = r123::Philox4x32;
  Philox::key_type key_{};
  Philox::ctr_type ctr_{};
  Philox::ctr_type out_{};
  int used_ = 4;
};

}  // namespace statecraft
