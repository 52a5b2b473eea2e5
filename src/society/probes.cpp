// The free-cell search of probes.hpp, portable and with AVX2.

#include "probes.hpp"

#include <bit>
#include <cstdlib>
#include <cstring>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define STATECRAFT_HAVE_AVX2_PATH 1
#endif

namespace statecraft::society {

namespace {

// The constants of diamond_cell's order for radius r: cells in the first grid, the centre's
// position (before skipping it), and 16-bit reciprocals of the grids' sides for division by
// multiply-shift.
struct Diamond {
  int n_a, centre;
  std::uint32_t magic_a, magic_b;
  explicit Diamond(int r)
      : n_a((r + 1) * (r + 1)),
        centre(r % 2 == 0 ? (r / 2) * (r + 1) + r / 2 : (r + 1) * (r + 1) + ((r - 1) / 2) * r + (r - 1) / 2),
        magic_a(65536u / static_cast<std::uint32_t>(r + 1) + 1),
        magic_b(65536u / static_cast<std::uint32_t>(r) + 1) {}
};

}  // namespace

std::pair<int, int> diamond_cell(int r, int idx) {
  const Diamond d(r);
  const int i = idx + static_cast<int>(idx >= d.centre);
  int u = 0, v = 0;
  if (i < d.n_a) {
    u = 2 * (i / (r + 1)) - r;
    v = 2 * (i % (r + 1)) - r;
  } else {
    const int j = i - d.n_a;
    u = 2 * (j / r) - r + 1;
    v = 2 * (j % r) - r + 1;
  }
  return {(u + v) / 2, (u - v) / 2};
}

bool diamond_arithmetic_exact(int r) {
  if (r < 1 || r > 100) return false;
  const Diamond d(r);
  for (int i = 0; i < d.n_a; ++i)
    if (static_cast<int>((static_cast<std::uint32_t>(i) * d.magic_a) >> 16) != i / (r + 1)) return false;
  for (int j = 0; j < r * r; ++j)
    if (static_cast<int>((static_cast<std::uint32_t>(j) * d.magic_b) >> 16) != j / r) return false;
  return true;
}

std::uint32_t probe_round(const ProbeTable& t, const std::uint64_t* free_cells, std::int64_t here, AgentStream& rng) {
  std::uint64_t r = rng.next_u64();
  int k = -1;
  for (unsigned j = 0; j < 4; ++j, r >>= 16) {
    const std::uint32_t m = static_cast<std::uint32_t>(r & 0xffffu) * t.size;
    const auto idx = static_cast<int>(m >> 16);
    const std::int64_t b = here + t.bits[idx];
    const auto free_bit = static_cast<unsigned>(free_cells[b >> 6] >> (b & 63)) & 1u;
    k = (static_cast<unsigned>((m & 0xffffu) >= t.zone) & free_bit) != 0 ? idx : k;
  }
  return t.numbers[k + 1];
}

#ifdef STATECRAFT_HAVE_AVX2_PATH
namespace {

// The bit offsets of diamond cells idx (diamond_cell's arithmetic, lane by lane).
__attribute__((target("avx2"))) __m256i diamond_bits(const ProbeTable& t, __m256i idx) {
  const int r = t.diamond;
  const Diamond d(r);
  const __m256i i = _mm256_sub_epi32(idx, _mm256_cmpgt_epi32(idx, _mm256_set1_epi32(d.centre - 1)));
  const __m256i second = _mm256_cmpgt_epi32(i, _mm256_set1_epi32(d.n_a - 1));
  const __m256i j = _mm256_sub_epi32(i, _mm256_and_si256(second, _mm256_set1_epi32(d.n_a)));
  const __m256i side = _mm256_blendv_epi8(_mm256_set1_epi32(r + 1), _mm256_set1_epi32(r), second);
  const __m256i magic = _mm256_blendv_epi8(_mm256_set1_epi32(static_cast<int>(d.magic_a)),
                                           _mm256_set1_epi32(static_cast<int>(d.magic_b)), second);
  const __m256i a = _mm256_srli_epi32(_mm256_mullo_epi32(j, magic), 16);
  const __m256i b = _mm256_sub_epi32(j, _mm256_mullo_epi32(a, side));
  const __m256i shift = _mm256_blendv_epi8(_mm256_set1_epi32(-r), _mm256_set1_epi32(1 - r), second);
  const __m256i u = _mm256_add_epi32(_mm256_slli_epi32(a, 1), shift),
                v = _mm256_add_epi32(_mm256_slli_epi32(b, 1), shift);
  const __m256i dx = _mm256_srai_epi32(_mm256_add_epi32(u, v), 1), dy = _mm256_srai_epi32(_mm256_sub_epi32(u, v), 1);
  return _mm256_add_epi32(_mm256_mullo_epi32(dy, _mm256_set1_epi32(t.row_bits)), dx);
}

// Eight movers: the same draws and the same rule as probe_round, lane by lane.
__attribute__((target("avx2"))) void probe_eight(const ProbeTable& t, const std::int32_t* free_words, std::int32_t base,
                                                 const int* xs, AgentStream& rng, std::uint32_t* out) {
  alignas(32) std::uint64_t r[8];
  for (auto& v : r) v = rng.next_u64();
  // Low and high 32 bits of the eight numbers, lane i for mover i.
  const __m256i pick = _mm256_setr_epi32(0, 2, 4, 6, 1, 3, 5, 7);
  const __m256i a = _mm256_permutevar8x32_epi32(_mm256_load_si256(reinterpret_cast<const __m256i*>(r)), pick);
  const __m256i b = _mm256_permutevar8x32_epi32(_mm256_load_si256(reinterpret_cast<const __m256i*>(r + 4)), pick);
  const __m256i lo = _mm256_permute2x128_si256(a, b, 0x20), hi = _mm256_permute2x128_si256(a, b, 0x31);
  const __m256i mask16 = _mm256_set1_epi32(0xffff), size = _mm256_set1_epi32(static_cast<int>(t.size));
  const __m256i zone_less_one = _mm256_set1_epi32(static_cast<int>(t.zone) - 1);
  const __m256i one = _mm256_set1_epi32(1), low5 = _mm256_set1_epi32(31);
  const __m256i here =
      _mm256_add_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(xs)), _mm256_set1_epi32(base));
  __m256i k = _mm256_set1_epi32(-1);
  const __m256i chunks[4] = {_mm256_and_si256(lo, mask16), _mm256_srli_epi32(lo, 16), _mm256_and_si256(hi, mask16),
                             _mm256_srli_epi32(hi, 16)};
  for (const __m256i& c : chunks) {
    const __m256i m = _mm256_mullo_epi32(c, size);
    const __m256i idx = _mm256_srli_epi32(m, 16);
    const __m256i valid = _mm256_cmpgt_epi32(_mm256_and_si256(m, mask16), zone_less_one);
    const __m256i bit =
        _mm256_add_epi32(here, t.diamond > 0 ? diamond_bits(t, idx) : _mm256_i32gather_epi32(t.bits, idx, 4));
    const __m256i word = _mm256_i32gather_epi32(free_words, _mm256_srli_epi32(bit, 5), 4);
    const __m256i is_free = _mm256_and_si256(_mm256_srlv_epi32(word, _mm256_and_si256(bit, low5)), one);
    k = _mm256_blendv_epi8(k, idx, _mm256_and_si256(valid, _mm256_cmpeq_epi32(is_free, one)));
  }
  if (t.identity) {
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out), _mm256_add_epi32(k, _mm256_set1_epi32(1)));
    return;
  }
  alignas(32) std::int32_t ks[8];
  _mm256_store_si256(reinterpret_cast<__m256i*>(ks), k);
  for (int i = 0; i < 8; ++i) out[i] = t.numbers[ks[i] + 1];
}

}  // namespace
#endif

void probe_rounds(const ProbeTable& t, const std::uint64_t* free_cells, std::int64_t base, const int* xs, int n,
                  AgentStream& rng, std::uint32_t* out, bool simd) {
  int i = 0;
#ifdef STATECRAFT_HAVE_AVX2_PATH
  if (simd) {
    // The bitmap as 32-bit words (little-endian: bit b of the 64-bit words is bit b & 31 of word
    // b >> 5); the caller keeps every bit index below 2^31.
    const auto* words = reinterpret_cast<const std::int32_t*>(free_cells);
    for (; i + 8 <= n; i += 8) probe_eight(t, words, static_cast<std::int32_t>(base), xs + i, rng, out + i);
  }
#else
  (void)simd;
#endif
  for (; i < n; ++i) out[i] = probe_round(t, free_cells, base + xs[i], rng);
}

std::uint32_t pick_free(const std::uint64_t* free_cells, std::int64_t here, std::int64_t row_bits,
                        const std::vector<std::pair<int, int>>& spans, const std::uint8_t* number_at, int r,
                        AgentStream& rng) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(free_cells);
  // The 2w + 1 bits of a row of the vision (at most 57, so one unaligned 8-byte read holds them).
  auto window = [&](const std::pair<int, int>& span) {
    const std::int64_t start = here + span.first * row_bits - span.second;
    std::uint64_t v = 0;
    std::memcpy(&v, bytes + (start >> 3), sizeof v);
    return (v >> (start & 7)) & ((std::uint64_t{1} << (2 * span.second + 1)) - 1);
  };
  std::uint32_t total = 0;
  for (const auto& span : spans) total += static_cast<std::uint32_t>(std::popcount(window(span)));
  if (total == 0) return 0;
  auto m = static_cast<int>(below32(rng, total));
  for (const auto& span : spans) {
    std::uint64_t w = window(span);
    const int count = std::popcount(w);
    if (m >= count) {
      m -= count;
      continue;
    }
    for (; m > 0; --m) w &= w - 1;  // drop the m lowest free cells
    const int dx = std::countr_zero(w) - span.second;
    return number_at[(span.first + r) * (2 * r + 1) + dx + r];
  }
  return 0;  // not reached: m < total
}

bool simd_usable() {
#ifdef STATECRAFT_HAVE_AVX2_PATH
  static const bool avx2 = __builtin_cpu_supports("avx2") != 0;
  return avx2;
#else
  return false;
#endif
}

}  // namespace statecraft::society
