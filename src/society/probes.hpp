#pragma once
// Internal to the society engine: the search for a free cell in an agent's vision by rejection
// (docs/models/society.md §1, "Moves"), over a bitmap of the free cells, for a list of movers at
// once. One portable implementation and one with AVX2 (eight movers per instruction, the cells'
// bits fetched by gathers) that gives the same results; the second is used where the processor
// has AVX2, unless the configuration switches it off (`Config::engine.simd`).

#include <cstdint>
#include <utility>
#include <vector>

#include "internal.hpp"

namespace statecraft::society {

/// The cells of a vision, as offsets in the bitmap's bits, with their numbers (from 1).
struct ProbeTable {
  const std::int32_t* bits = nullptr;
  // numbers[i + 1]: the number of cell i; numbers[0] = 0, so that a miss (i = -1) maps to 0
  // without a branch (a branch there mispredicts on every third mover).
  const std::uint8_t* numbers = nullptr;
  std::uint32_t size = 0;  // cells in the vision (below 65536)
  std::uint32_t zone = 0;  // 65536 mod size: 16-bit draws below it are rejected (exact uniformity)
  // When the vision is a von Neumann diamond listed in diamond_cell's order: its radius (else 0)
  // and the bitmap's bits per row, so that the AVX2 path computes a cell's bit offset instead of
  // gathering it from `bits`.
  int diamond = 0;
  std::int32_t row_bits = 0;
  bool identity = false;  // numbers[i] == i for all i: the AVX2 path stores index + 1 directly
};

/// Cell `idx` (0 <= idx < 2r(r+1)) of the von Neumann diamond |dx| + |dy| <= r without its centre,
/// as (dx, dy), in an order that arithmetic finds: the diamond is a square turned by 45 degrees,
/// u = dx + dy and v = dx - dy of equal parity, so its cells are an (r+1) x (r+1) grid of (u, v)
/// (both of r's parity) followed by an r x r grid (the other parity), the centre skipped.
std::pair<int, int> diamond_cell(int r, int idx);

/// Whether the AVX2 arithmetic of diamond_cell is exact for radius r (true up to large radii).
bool diamond_arithmetic_exact(int r);

/// One round for a mover whose cell is bit `here` of `free_cells`: four cells of the vision drawn
/// uniformly from one 64-bit number of `rng` (16 bits each, multiply-shift); the number of the last
/// free one, or 0 if none is free. Given which draws hit, each hit is uniform over the free cells,
/// so the result is uniform over them.
std::uint32_t probe_round(const ProbeTable& t, const std::uint64_t* free_cells, std::int64_t here, AgentStream& rng);

/// probe_round for movers at bits base + xs[i], i < n, in order (one number of `rng` each):
/// out[i] is the result. With `simd`, eight at a time with AVX2 (the caller checks simd_usable()).
void probe_rounds(const ProbeTable& t, const std::uint64_t* free_cells, std::int64_t base, const int* xs, int n,
                  AgentStream& rng, std::uint32_t* out, bool simd);

/// A free cell drawn uniformly among all the free cells of a vision (the rows `spans`, each a
/// (dy, half width), of a vision of radius at most 28), by counting them row by row; one number
/// of `rng` if there is any. The cell's number from `number_at[(dy + r) * (2r + 1) + dx + r]`, or 0
/// if none is free. The bitmap must have a word to spare after its last row.
std::uint32_t pick_free(const std::uint64_t* free_cells, std::int64_t here, std::int64_t row_bits,
                        const std::vector<std::pair<int, int>>& spans, const std::uint8_t* number_at, int r,
                        AgentStream& rng);

/// Whether the AVX2 path can run here (processor and build).
bool simd_usable();

}  // namespace statecraft::society
