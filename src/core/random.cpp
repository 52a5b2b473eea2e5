#include "statecraft/random.hpp"

#include <cmath>
#include <numbers>

namespace statecraft {

RandomStream::RandomStream(std::uint64_t seed, std::uint64_t draw, std::uint32_t stream, std::uint32_t sub) {
  // Key = the seed; counter = (draw, stream, block). The block number in ctr[3] advances as the
  // stream is consumed, so each (seed, draw, stream) owns 2^32 blocks of 4 words. A sub-stream
  // gets its own key, derived from (seed, sub) through one Philox block.
  key_ = {{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
  ctr_ = {{static_cast<std::uint32_t>(draw), static_cast<std::uint32_t>(draw >> 32), stream, 0}};
  if (sub != 0) {
    Philox p;
    Philox::ctr_type c = {{sub, 0x9e3779b9u, 0x7f4a7c15u, 0xf39cc060u}};
    Philox::ctr_type r = p(c, key_);
    key_ = {{r[0] ^ key_[0], r[1] ^ key_[1]}};
  }
}

std::uint32_t RandomStream::next_u32() {
  if (used_ == 4) {
    Philox p;
    out_ = p(ctr_, key_);
    ++ctr_[3];
    used_ = 0;
  }
  return out_[used_++];
}

std::uint64_t RandomStream::next_u64() {
  const std::uint64_t hi = next_u32();
  return (hi << 32) | next_u32();
}

double RandomStream::uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

double RandomStream::uniform_open() { return (static_cast<double>(next_u64() >> 11) + 0.5) * 0x1.0p-53; }

std::uint64_t RandomStream::below(std::uint64_t n) {
  // Lemire-style rejection on 64 bits: reject the low zone so every residue is equally likely.
  const std::uint64_t limit = -n % n;  // (2^64 - n) mod n
  std::uint64_t x = next_u64();
  while (x < limit) x = next_u64();
  return x % n;
}

double RandomStream::normal() {
  const double u1 = uniform_open();
  const double u2 = uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

double RandomStream::gamma(double shape) {
  if (shape < 1.0) {
    // Boost shape by one and rescale (Marsaglia & Tsang 2000, section 6).
    const double u = uniform_open();
    return gamma(shape + 1.0) * std::pow(u, 1.0 / shape);
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x = 0.0;
    double v = 0.0;
    do {
      x = normal();
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = uniform_open();
    if (u < 1.0 - 0.0331 * x * x * x * x) return d * v;
    if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
  }
}

}  // namespace statecraft
