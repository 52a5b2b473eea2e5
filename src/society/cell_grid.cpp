// The cell-centric engine of the synchronous order, Mesa semantics (see cell_grid.hpp and
// synchronous.cpp for the phases and the claims). A step:
//
//   1. counts in every citizen's vision (row prefix sums of cop = 1, active = 256), then every
//      citizen decides (rule A) or serves a day of its sentence;
//   2. counts in every cop's vision after the decisions; loyalty and defection; each loyal cop
//      with actives in view picks one and claims it; every claimed active is jailed;
//   3. every free agent picks a free cell in its vision and claims it; every claimed cell takes
//      the claimant that won.
//
// Race-free without atomics: the passes that claim cells of other rows (2 and 3's first halves)
// run over bands of at least 2r rows, the even bands in parallel and then the odd ones, so two
// bands running at once never claim the same cell, and a claim is the maximum of the claimants'
// keys, whatever their order. Every other pass writes only the cells it iterates over, or (the
// moves) the one cell its claim names, which no other claim names. Random streams are keyed by
// (seed, step, phase, cell), so the run does not depend on the number of threads.

#include "cell_grid.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>

#include "internal.hpp"
#include "rules.hpp"

namespace statecraft::society {
namespace {

enum Phase : std::uint64_t { kDecide = 1, kPick = 2, kTerm = 3, kMove = 4, kPhases = 8 };

// Packed counts of one cell for the vision sums: cops in the low byte, actives in the high one.
constexpr std::uint16_t kWeight[6] = {0, 0, 256, 0, 1, 0};

// A claim: a random 16-bit priority of the claimant (cell c of a phase with key k) above the
// offset's number, which is different for every claimant of the same cell and says where the
// claimant is.
std::uint32_t claim_key(std::uint64_t k, std::size_t c, std::uint16_t box) {
  return (static_cast<std::uint32_t>(AgentStream::mix(k + c * 0x9E3779B97F4A7C15ull) >> 48) << 16) | box;
}

}  // namespace

bool CellGrid::supports(const Config& cfg) {
  // One agent per cell (Mesa), and every count in view, and every offset's number, in a byte.
  auto cells_in_view = [&](int v) {
    int n = 0;
    for (int dy = -v; dy <= v; ++dy)
      n += 2 * (cfg.vision == Vision::kVonNeumann
                    ? v - std::abs(dy)
                    : static_cast<int>(std::floor(std::sqrt(static_cast<double>(v * v - dy * dy)) + 1e-9))) + 1;
    return n;
  };
  // The halo holds one image of each cell near an edge, so the torus is at least 2r wide and tall.
  const int r = std::max(cfg.citizen_vision, cfg.cop_vision);
  return cfg.semantics == Semantics::kMesa && cells_in_view(r) <= 255 && cfg.width >= 2 * r && cfg.height >= 2 * r;
}

CellGrid::CellGrid(const Config& cfg, const std::vector<double>& p_table) : cfg_(cfg), p_table_(p_table) {
  W_ = cfg.width;
  H_ = cfg.height;
  r_ = std::max(cfg.citizen_vision, cfg.cop_vision);
  pw_ = W_ + 2 * r_;
  auto make = [&](int v, std::vector<Offset>& offs, std::vector<std::pair<int, int>>& spans) {
    for (int dy = -v; dy <= v; ++dy) {
      const int w = cfg.vision == Vision::kVonNeumann
                        ? v - std::abs(dy)
                        : static_cast<int>(std::floor(std::sqrt(static_cast<double>(v * v - dy * dy)) + 1e-9));
      spans.emplace_back(dy, w);
      for (int dx = -w; dx <= w; ++dx) {
        if (dx == 0 && dy == 0) continue;
        offs.push_back({dx, dy, static_cast<std::ptrdiff_t>(dy) * pw_ + dx,
                        static_cast<std::uint16_t>((dy + r_) * (2 * r_ + 1) + (dx + r_))});
      }
    }
  };
  make(cfg.citizen_vision, citizen_offsets_, citizen_spans_);
  make(cfg.cop_vision, cop_offsets_, cop_spans_);
  for (int dy = -r_; dy <= r_; ++dy)
    for (int dx = -r_; dx <= r_; ++dx) box_.emplace_back(dx, dy);

  // Bands for the claiming passes: an even number of them (so that the first and the last, which
  // touch across the torus, have different colours), each at least 2r rows and about 32; a single
  // band when the grid is too small for two.
  const int tall = std::max(2 * r_, 32);
  int nb = 2 * (H_ / (2 * tall));
  if (nb < 2) nb = H_ >= 4 * r_ ? 2 : 1;
  for (int i = 0; i <= nb; ++i) band_.push_back(static_cast<int>(static_cast<std::int64_t>(H_) * i / nb));

  const auto cells = static_cast<std::size_t>(W_) * static_cast<std::size_t>(H_);
  state_.assign(static_cast<std::size_t>(pw_) * static_cast<std::size_t>(H_ + 2 * r_), kEmpty);
  agent_.assign(cells, Agent{});
  claim_.assign(cells, 0);
  seen_.assign(cells, 0);

  // The draws of Model::setup in Mesa semantics: every cell independently, then the agents'
  // attributes in row-major order.
  RandomStream rng(cfg.seed, 0, StreamId::kSociety, 0);
  for (int y = 0; y < H_; ++y)
    for (int x = 0; x < W_; ++x) {
      const double u = rng.uniform();
      if (u < cfg.citizen_density) set_state(x, y, kQuiet);
      else if (u < cfg.citizen_density + cfg.cop_density) set_state(x, y, kCop);
    }
  for (int y = 0; y < H_; ++y)
    for (int x = 0; x < W_; ++x) {
      const std::size_t c = static_cast<std::size_t>(y) * static_cast<std::size_t>(W_) + static_cast<std::size_t>(x);
      const std::uint8_t s = state_[padded(x, y)];
      if (s == kQuiet) {
        agent_[c].hardship = static_cast<float>(rng.uniform());
        agent_[c].risk = static_cast<float>(rng.uniform());
        ++citizens_;
      } else if (s == kCop) {
        const double lo = cfg.ext.loyalty_initial_min;
        agent_[c].loyalty = static_cast<float>(lo + (1.0 - lo) * rng.uniform());
        ++cops_;
      }
    }
}

std::size_t CellGrid::padded(int x, int y) const {
  return static_cast<std::size_t>(y + r_) * static_cast<std::size_t>(pw_) + static_cast<std::size_t>(x + r_);
}

void CellGrid::set_state(int x, int y, std::uint8_t s) {
  std::uint8_t* p = state_.data() + padded(x, y);
  *p = s;
  // Near an edge, the cell's images in the halo.
  const int ix = x < r_ ? W_ : (x >= W_ - r_ ? -W_ : 0);
  const int iy = y < r_ ? H_ : (y >= H_ - r_ ? -H_ : 0);
  if ((ix | iy) == 0) return;
  const std::ptrdiff_t row = static_cast<std::ptrdiff_t>(iy) * pw_;
  if (ix != 0) p[ix] = s;
  if (iy != 0) {
    p[row] = s;
    if (ix != 0) p[row + ix] = s;
  }
}

template <class F>
void CellGrid::rows(F&& f) {
  tbb::parallel_for(tbb::blocked_range<int>(0, H_, 4), [&](const tbb::blocked_range<int>& r) {
    for (int y = r.begin(); y < r.end(); ++y) f(y);
  });
}

template <class F>
void CellGrid::banded(F&& f) {
  const int nb = static_cast<int>(band_.size()) - 1;
  for (int colour = 0; colour < 2 && colour < nb; ++colour)
    tbb::parallel_for(tbb::blocked_range<int>(0, (nb - colour + 1) / 2), [&](const tbb::blocked_range<int>& r) {
      for (int i = r.begin(); i < r.end(); ++i) {
        const int b = 2 * i + colour;
        for (int y = band_[static_cast<std::size_t>(b)]; y < band_[static_cast<std::size_t>(b) + 1]; ++y) f(y);
      }
    });
}

std::uint64_t CellGrid::phase_key(int step, int phase) const {
  return AgentStream(cfg_.seed, static_cast<std::uint64_t>(step + 1) * kPhases + static_cast<std::uint64_t>(phase), 0).next_u64();
}

void CellGrid::field(const std::vector<std::pair<int, int>>& spans) {
  // seen_[cell] = sum over the vision given by `spans`, centre included, of kWeight[state]; by prefix
  // sums along the padded rows (modulo 2^16, exact because each count stays below 256).
  const auto stride = static_cast<std::size_t>(pw_) + 1;
  const int ph = H_ + 2 * r_;
  prefix_.resize(static_cast<std::size_t>(ph) * stride);
  tbb::parallel_for(tbb::blocked_range<int>(0, ph, 8), [&](const tbb::blocked_range<int>& r) {
    for (int y = r.begin(); y < r.end(); ++y) {
      const std::uint8_t* in = state_.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(pw_);
      std::uint16_t* p = prefix_.data() + static_cast<std::size_t>(y) * stride;
      std::uint16_t acc = 0;
      p[0] = 0;
      for (int i = 0; i < pw_; ++i) p[i + 1] = acc = static_cast<std::uint16_t>(acc + kWeight[in[i]]);
    }
  });
  rows([&](int y) {
    std::uint16_t* out = seen_.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(W_);
    std::fill(out, out + W_, std::uint16_t{0});
    for (const auto& [dy, w] : spans) {
      const std::uint16_t* p = prefix_.data() + static_cast<std::size_t>(y + r_ + dy) * stride + static_cast<std::size_t>(r_);
      const std::uint16_t* hi = p + w + 1;
      const std::uint16_t* lo = p - w;
      for (int x = 0; x < W_; ++x) out[x] = static_cast<std::uint16_t>(out[x] + hi[x] - lo[x]);
    }
  });
}

CellGrid::Tally CellGrid::step(int step, double L, double h, double backing) {
  const auto& cfg = cfg_;
  const auto& e = cfg.ext;
  const std::uint64_t k_decide = phase_key(step, kDecide), k_pick = phase_key(step, kPick),
                      k_term = phase_key(step, kTerm), k_move = phase_key(step, kMove),
                      k_claim_arrest = phase_key(step, kPhases + kPick), k_claim_move = phase_key(step, kPhases + kMove);
  const auto Wz = static_cast<std::size_t>(W_);
  tbb::enumerable_thread_specific<Tally> local;
  auto wrap = [&](int v, int n) { return v < 0 ? v + n : (v >= n ? v - n : v); };
  auto claim = [&](int x, int y, const Offset& o, std::uint32_t key) {
    std::uint32_t& slot = claim_[static_cast<std::size_t>(wrap(y + o.dy, H_)) * Wz + static_cast<std::size_t>(wrap(x + o.dx, W_))];
    slot = std::max(slot, key);
  };

  // 1. Decide.
  field(citizen_spans_);
  rows([&](int y) {
    Tally& t = local.local();
    const std::uint8_t* row = state_.data() + padded(0, y);
    for (int x = 0; x < W_; ++x) {
      const std::size_t c = static_cast<std::size_t>(y) * Wz + static_cast<std::size_t>(x);
      const std::uint8_t s = row[x];
      if (s != kQuiet && s != kActive && s != kJailed) continue;
      Agent& a = agent_[c];
      if (s == kJailed && a.jail > 0) {  // Mesa serves the sentence on the agent's turn
        --a.jail;
        continue;
      }
      const bool active = s == kActive;
      const double g = grievance(a.hardship, h, L);
      if (e.emigration_rate > 0.0 && !active && g > e.emigration_grievance) {
        auto rng = AgentStream::keyed(k_decide, c);
        if (rng.uniform() < e.emigration_rate) {
          set_state(x, y, kEmpty);
          ++t.emigrated;
          continue;
        }
      }
      if (!active && g <= cfg.threshold) {  // G <= T: quiet whatever the risk
        if (s == kJailed) set_state(x, y, kQuiet);
        continue;
      }
      const auto seen = static_cast<std::uint16_t>(seen_[c] - kWeight[s]);  // Mesa: own cell not in view
      const int cops = seen & 0xff, actives = seen >> 8;
      const bool now = rebels(cfg, p_table_, g, a.risk, cops, actives);
      if (active) {
        const bool more = cops > a.last_cops;
        (more ? t.more : t.same) += 1;
        if (!now) (more ? t.more_quiet : t.same_quiet) += 1;
      }
      a.last_cops = static_cast<std::uint8_t>(cops);
      const std::uint8_t ns = now ? kActive : kQuiet;
      if (ns != s) set_state(x, y, ns);
    }
  });

  // 2. Arrest: each cop chooses and claims (a defector changes only its own cell, which no cop
  // looks at: cops look for actives), then every claimed active is jailed.
  field(cop_spans_);
  const int nc = static_cast<int>(cop_offsets_.size());
  banded([&](int y) {
    const std::uint8_t* row = state_.data() + padded(0, y);
    for (int x = 0; x < W_; ++x) {
      if (row[x] != kCop) continue;
      const std::size_t c = static_cast<std::size_t>(y) * Wz + static_cast<std::size_t>(x);
      const auto seen = static_cast<std::uint16_t>(seen_[c] - kWeight[kCop]);
      const int cops = seen & 0xff, actives = seen >> 8;
      if (e.loyalty_erosion > 0.0 && !agent_[c].external) {
        agent_[c].loyalty = next_loyalty(e, agent_[c].loyalty, cops + 1, actives, backing);
        if (defects(e, agent_[c].loyalty)) {
          set_state(x, y, kDefected);
          continue;
        }
      }
      if (actives == 0) continue;
      auto rng = AgentStream::keyed(k_pick, c);
      if (cfg.arrest_probability < 1.0 && rng.uniform() >= cfg.arrest_probability) continue;
      int n = static_cast<int>(below32(rng, static_cast<std::uint32_t>(actives)));
      const std::uint8_t* here = row + x;
      for (int k = 0; k < nc; ++k) {
        const Offset& o = cop_offsets_[k];
        if (here[o.pad] != kActive || n-- > 0) continue;
        claim(x, y, o, claim_key(k_claim_arrest, c, o.box));
        break;
      }
    }
  });
  rows([&](int y) {
    Tally& t = local.local();
    std::uint32_t* cl = claim_.data() + static_cast<std::size_t>(y) * Wz;
    for (int x = 0; x < W_; ++x) {
      if (cl[x] == 0) continue;
      cl[x] = 0;
      auto rng = AgentStream::keyed(k_term, static_cast<std::size_t>(y) * Wz + static_cast<std::size_t>(x));
      agent_[static_cast<std::size_t>(y) * Wz + static_cast<std::size_t>(x)].jail =
          static_cast<std::uint16_t>(below32(rng, static_cast<std::uint32_t>(cfg.max_jail_term) + 1));
      set_state(x, y, kJailed);
      ++t.arrests;
    }
  });

  // 3. Move: every free agent chooses a free cell and claims it, then every claimed cell takes
  // the agent whose claim won.
  if (cfg.movement) {
    const auto nz = [](std::size_t n) { return static_cast<std::uint32_t>((65536u - n) % n); };
    const std::uint32_t citizen_zone = nz(citizen_offsets_.size()), cop_zone = nz(cop_offsets_.size());
    banded([&](int y) {
      const std::uint8_t* row = state_.data() + padded(0, y);
      // The rows this row's claims and probes reach first, r + 1 ahead, fetched for the next row
      // (the others are in cache from the rows before).
      const std::uint32_t* ahead = claim_.data() + static_cast<std::size_t>(wrap(y + r_ + 1, H_)) * Wz;
      const std::uint8_t* ahead_state = state_.data() + padded(0, std::min(y + r_ + 1, H_ + r_ - 1));
      for (int x = 0; x < W_; ++x) {
        if ((x & 15) == 0) {
          __builtin_prefetch(ahead + x, 1);
          if ((x & 63) == 0) __builtin_prefetch(ahead_state + x);
        }
        const std::uint8_t s = row[x];
        if (s == kEmpty || s == kJailed) continue;
        const bool citizen = s == kQuiet || s == kActive;
        const auto& offs = citizen ? citizen_offsets_ : cop_offsets_;
        const auto n = static_cast<std::uint32_t>(offs.size());
        const std::uint8_t* here = row + x;
        const std::size_t c = static_cast<std::size_t>(y) * Wz + static_cast<std::size_t>(x);
        auto rng = AgentStream::keyed(k_move, c);
        // Rejection over the vision's cells (uniform over the free ones given a hit), four draws
        // from each 64-bit number (16-bit multiply-shift, exact by rejecting the low zone) probed
        // together, the first free one taken; after 48 draws, count the free cells and pick one
        // (also uniform).
        const std::uint32_t zone = citizen ? citizen_zone : cop_zone;
        int k = -1;
        for (int t = 0; t < 12 && k < 0; ++t) {
          std::uint64_t r = rng.next_u64();
          unsigned hit = 0;
          std::uint32_t idx[4];
          for (unsigned j = 0; j < 4; ++j, r >>= 16) {
            const std::uint32_t m = static_cast<std::uint32_t>(r & 0xffffu) * n;
            idx[j] = m >> 16;
            hit |= static_cast<unsigned>((m & 0xffffu) >= zone && here[offs[idx[j]].pad] == kEmpty) << j;
          }
          if (hit != 0) k = static_cast<int>(idx[std::countr_zero(hit)]);
        }
        if (k < 0) {
          std::uint32_t free_cells = 0;
          for (const auto& o : offs) free_cells += here[o.pad] == kEmpty;
          if (free_cells == 0) continue;
          auto m = below32(rng, free_cells);
          for (std::uint32_t i = 0; i < n; ++i)
            if (here[offs[i].pad] == kEmpty && m-- == 0) {
              k = static_cast<int>(i);
              break;
            }
        }
        const Offset& o = offs[static_cast<std::size_t>(k)];
        claim(x, y, o, claim_key(k_claim_move, c, o.box));
      }
    });
    rows([&](int y) {
      std::uint32_t* cl = claim_.data() + static_cast<std::size_t>(y) * Wz;
      for (int x = 0; x < W_; ++x) {
        if (cl[x] == 0) continue;
        const auto [dx, dy] = box_[cl[x] & 0xffffu];
        cl[x] = 0;
        const int fx = wrap(x - dx, W_), fy = wrap(y - dy, H_);
        agent_[static_cast<std::size_t>(y) * Wz + static_cast<std::size_t>(x)] =
            agent_[static_cast<std::size_t>(fy) * Wz + static_cast<std::size_t>(fx)];
        set_state(x, y, state_[padded(fx, fy)]);
        set_state(fx, fy, kEmpty);
      }
    });
  }

  Tally total;
  for (const auto& t : local) {
    total.arrests += t.arrests;
    total.emigrated += t.emigrated;
    total.more += t.more;
    total.more_quiet += t.more_quiet;
    total.same += t.same;
    total.same_quiet += t.same_quiet;
  }
  return total;
}

StepStats CellGrid::counts() const {
  using Counts = std::array<std::int64_t, 6>;
  const Counts n = tbb::parallel_reduce(
      tbb::blocked_range<int>(0, H_, 16), Counts{},
      [&](const tbb::blocked_range<int>& r, Counts acc) {
        for (int y = r.begin(); y < r.end(); ++y) {
          const std::uint8_t* row = state_.data() + padded(0, y);
          for (int x = 0; x < W_; ++x) ++acc[row[x]];
        }
        return acc;
      },
      [](Counts a, const Counts& b) {
        for (std::size_t i = 0; i < a.size(); ++i) a[i] += b[i];
        return a;
      });
  StepStats s;
  s.quiet = n[kQuiet];
  s.active = n[kActive];
  s.jailed = n[kJailed];
  s.cops_loyal = n[kCop];
  s.cops_defected = n[kDefected];
  return s;
}

std::int64_t CellGrid::own_loyal_cops() const {
  std::int64_t n = 0;
  for (int y = 0; y < H_; ++y)
    for (int x = 0; x < W_; ++x)
      n += state_[padded(x, y)] == kCop && !agent_[static_cast<std::size_t>(y) * static_cast<std::size_t>(W_) + static_cast<std::size_t>(x)].external;
  return n;
}

void CellGrid::place_cops(std::int64_t n, std::uint64_t seed, std::uint64_t draw, std::uint32_t sub) {
  RandomStream rng(seed, draw, StreamId::kSociety, sub);
  const auto cells = static_cast<std::uint64_t>(W_) * static_cast<std::uint64_t>(H_);
  std::int64_t free_cells = 0;
  for (int y = 0; y < H_; ++y)
    for (int x = 0; x < W_; ++x) free_cells += state_[padded(x, y)] == kEmpty;
  n = std::min(n, free_cells);
  for (std::int64_t i = 0; i < n; ++i) {
    std::uint64_t c = 0;
    do {
      c = rng.below(cells);
    } while (state_[padded(static_cast<int>(c % static_cast<std::uint64_t>(W_)), static_cast<int>(c / static_cast<std::uint64_t>(W_)))] != kEmpty);
    const int x = static_cast<int>(c % static_cast<std::uint64_t>(W_)), y = static_cast<int>(c / static_cast<std::uint64_t>(W_));
    set_state(x, y, kCop);
    agent_[c].loyalty = 1.0f;
    agent_[c].external = 1;
  }
}

std::vector<CellView> CellGrid::view() const {
  static constexpr CellView kView[6] = {CellView::kEmpty, CellView::kQuiet, CellView::kActive,
                                        CellView::kJailed, CellView::kCop, CellView::kDefected};
  std::vector<CellView> v(static_cast<std::size_t>(W_) * static_cast<std::size_t>(H_));
  for (int y = 0; y < H_; ++y)
    for (int x = 0; x < W_; ++x)
      v[static_cast<std::size_t>(y) * static_cast<std::size_t>(W_) + static_cast<std::size_t>(x)] = kView[state_[padded(x, y)]];
  return v;
}

std::size_t CellGrid::memory_bytes() const {
  auto b = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
  return b(state_) + b(agent_) + b(claim_) + b(prefix_) + b(seen_);
}

}  // namespace statecraft::society
