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

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <utility>

#include "core/parallel.hpp"
#include "internal.hpp"
#include "probes.hpp"
#include "rules.hpp"

namespace statecraft::society {
namespace {

enum Phase : std::uint64_t { kDecide = 1, kPick = 2, kTerm = 3, kMove = 4, kPhases = 8 };

// v in [-n, 2n) onto the torus's [0, n).
constexpr int wrap(int v, int n) { return v < 0 ? v + n : (v >= n ? v - n : v); }

// Packed counts of one cell for the vision sums: cops in the low byte, actives in the high one.
constexpr std::uint16_t kWeight[6] = {0, 0, 256, 0, 1, 0};

// out[x] += hi[x] - lo[x] (mod 2^16), x < n: built for AVX2 too, picked at run time (not under
// ThreadSanitizer, whose runtime is not up yet when the loader runs the clone's resolver).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_THREAD__)
__attribute__((target_clones("avx2", "default")))
#endif
void add_differences(std::uint16_t* __restrict out, const std::uint16_t* __restrict hi, const std::uint16_t* __restrict lo, int n) {
  for (int x = 0; x < n; ++x) out[x] = static_cast<std::uint16_t>(out[x] + hi[x] - lo[x]);
}

// The bytes of v equal to k, as their high bits: a byte d is zero iff its high bit stays clear in
// ((d & 0x7f) + 0x7f) | d.
constexpr std::uint64_t equal_bytes(std::uint64_t v, unsigned k) {
  constexpr std::uint64_t kLow7 = 0x7f7f7f7f7f7f7f7full, kHigh = 0x8080808080808080ull, kBytes = 0x0101010101010101ull;
  const std::uint64_t d = v ^ (k * kBytes);
  return ~(((d & kLow7) + kLow7) | d) & kHigh;
}

template <unsigned kTest, std::size_t... K>
constexpr std::uint64_t equal_any(std::uint64_t v, std::index_sequence<K...> /*states*/) {
  return (std::uint64_t{0} | ... | (((kTest >> K) & 1u) != 0 ? equal_bytes(v, K) : 0));
}

// Which of the n <= 64 cells from `cells` hold one of the states in kKinds (a set of states as
// bits), as the bits of a word: eight cells at a time, testing the states in the set or, if fewer,
// the others; the eight flags (bit 8i + 7) then go to the top byte (bit 56 + i) by one
// multiplication by the sum of 2^(7j), which moves no other bit there.
template <unsigned kKinds>
std::uint64_t cells_in(const std::uint8_t* cells, int n) {
  constexpr unsigned kStates = (1u << 6) - 1;  // kEmpty .. kDefected
  constexpr bool kOthers = std::popcount(kKinds & kStates) > std::popcount(kStates & ~kKinds);
  constexpr unsigned kTest = kOthers ? kStates & ~kKinds : kKinds;
  constexpr std::uint64_t kHigh = 0x8080808080808080ull, kGather = 0x0002040810204081ull;
  std::uint64_t bits = 0;
  for (int j = 0; j * 8 < n; ++j) {
    std::uint64_t v = ~std::uint64_t{0};  // 0xff: no state
    if (j * 8 + 8 <= n) {
      std::memcpy(&v, cells + static_cast<std::ptrdiff_t>(j) * 8, 8);
    } else {
      for (int i = 0; j * 8 + i < n; ++i)
        v = (v & ~(std::uint64_t{0xff} << (8 * i))) | (std::uint64_t{cells[j * 8 + i]} << (8 * i));
    }
    std::uint64_t hit = equal_any<kTest>(v, std::make_index_sequence<6>{});
    if constexpr (kOthers) hit = ~hit & kHigh;
    bits |= (hit * kGather >> 56) << (8 * j);
  }
  return n < 64 ? bits & ((std::uint64_t{1} << n) - 1) : bits;
}

// The columns of a row (width w) whose state is in kKinds, in order, into `out`.
template <unsigned kKinds>
int list_cells(const std::uint8_t* row, int w, std::vector<int>& out) {
  out.resize(static_cast<std::size_t>(w));
  int n = 0;
  for (int x0 = 0; x0 < w; x0 += 64) {
    for (std::uint64_t m = cells_in<kKinds>(row + x0, std::min(64, w - x0)); m != 0; m &= m - 1)
      out[static_cast<std::size_t>(n++)] = x0 + std::countr_zero(m);
  }
  return n;
}

}  // namespace

bool CellGrid::supports(const Config& cfg) {
  // One agent per cell (Mesa), and every count in view, and every offset's number, in a byte.
  auto cells_in_view = [&](int v) {
    int n = 0;
    for (int dy = -v; dy <= v; ++dy) n += 2 * span_width(v, cfg.vision == Vision::kVonNeumann, dy) + 1;
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
  fw_ = (pw_ + 63) / 64;
  number_offsets();
  list_offsets(cfg.citizen_vision, citizen_offsets_, citizen_bit_, citizen_number_, citizen_spans_);
  list_offsets(cfg.cop_vision, cop_offsets_, cop_bit_, cop_number_, cop_spans_);
  citizen_probe_ = probe_table(cfg.citizen_vision, citizen_bit_, citizen_number_);
  cop_probe_ = probe_table(cfg.cop_vision, cop_bit_, cop_number_);
  // With integer counts in view, P for every (cops, actives) pair in a table indexed like the
  // packed counts (cops | actives << 8).
  if (cfg.ext.visible_share == 1.0 && cfg.rounding != RatioRounding::kNone) {
    p_view_.resize(65536);
    for (int v = 0; v < 65536; ++v)
      p_view_[static_cast<std::size_t>(v)] = arrest_probability(cfg, p_table, v & 0xff, v >> 8);
  }
  make_bands();
  allocate();
  populate();
}

int CellGrid::half_width(int v, int dy) const { return span_width(v, cfg_.vision == Vision::kVonNeumann, dy); }

std::uint8_t CellGrid::number_of(int dx, int dy) const {
  const int at = (dy + r_) * (2 * r_ + 1) + dx + r_;
  return number_at_[static_cast<std::size_t>(at)];
}

// Every offset of the widest vision gets a number from 1 (supports() keeps them within a byte),
// which says, in a claim, where the claimant stands. In the probes' order (a von Neumann vision in
// diamond order, below), so that for the widest vision a probe's index + 1 is the cell's number.
void CellGrid::number_offsets() {
  const std::size_t side = 2 * static_cast<std::size_t>(r_) + 1;
  number_at_.assign(side * side, 0);
  box_.emplace_back(0, 0);
  box_pad_.push_back(0);
  auto add_number = [&](int dx, int dy) {
    const int at = (dy + r_) * (2 * r_ + 1) + dx + r_;
    number_at_[static_cast<std::size_t>(at)] = static_cast<std::uint8_t>(box_.size());
    box_.emplace_back(dx, dy);
    box_pad_.push_back(static_cast<std::ptrdiff_t>(dy) * pw_ + dx);
  };
  if (cfg_.vision == Vision::kVonNeumann && diamond_arithmetic_exact(r_)) {
    for (int i = 0; i < 2 * r_ * (r_ + 1); ++i) add_number(diamond_cell(r_, i).first, diamond_cell(r_, i).second);
  } else {
    for (int dy = -r_; dy <= r_; ++dy)
      for (int dx = -half_width(r_, dy); dx <= half_width(r_, dy); ++dx)
        if (dx != 0 || dy != 0) add_number(dx, dy);
  }
}

// The offsets of a vision of radius v, row by row: with their padded and bitmap steps, numbers
// and the spans of each row.
void CellGrid::list_offsets(int v, std::vector<Offset>& offs, std::vector<std::int32_t>& pads,
                            std::vector<std::uint8_t>& numbers, std::vector<std::pair<int, int>>& spans) {
  numbers.assign(1, 0);  // probes.hpp: a leading 0 for "no cell"
  for (int dy = -v; dy <= v; ++dy) {
    const int w = half_width(v, dy);
    spans.emplace_back(dy, w);
    for (int dx = -w; dx <= w; ++dx) {
      if (dx == 0 && dy == 0) continue;
      offs.push_back({dx, dy, static_cast<std::ptrdiff_t>(dy) * pw_ + dx, number_of(dx, dy)});
      pads.push_back(dy * fw_ * 64 + dx);
      numbers.push_back(offs.back().box);
    }
  }
}

// The probes' table of a vision; a von Neumann vision listed in diamond order, whose offsets the
// AVX2 path computes rather than looks up.
ProbeTable CellGrid::probe_table(int v, std::vector<std::int32_t>& bits, std::vector<std::uint8_t>& numbers) const {
  ProbeTable t;
  if (cfg_.vision == Vision::kVonNeumann && diamond_arithmetic_exact(v)) {
    bits.clear();
    numbers.assign(1, 0);
    for (int i = 0; i < 2 * v * (v + 1); ++i) {
      const auto [dx, dy] = diamond_cell(v, i);
      bits.push_back(dy * fw_ * 64 + dx);
      numbers.push_back(number_of(dx, dy));
    }
    t.diamond = v;
    t.row_bits = fw_ * 64;
  }
  t.bits = bits.data();
  t.numbers = numbers.data();
  t.identity = true;
  for (std::size_t i = 0; i < numbers.size(); ++i) t.identity = t.identity && numbers[i] == i;
  t.size = static_cast<std::uint32_t>(bits.size());
  t.zone = (65536u - t.size) % t.size;
  return t;
}

// Bands for the claiming passes: an even number of them (so that the first and the last, which
// touch across the torus, have different colours), each at least 2r rows and about 32; a single
// band when the grid is too small for two.
void CellGrid::make_bands() {
  const int tall = std::max(2 * r_, 32);
  int nb = 2 * (H_ / (2 * tall));
  if (nb < 2) nb = H_ >= 4 * r_ ? 2 : 1;
  for (int i = 0; i <= nb; ++i) band_.push_back(static_cast<int>(static_cast<std::int64_t>(H_) * i / nb));
}

void CellGrid::allocate() {
  const auto cells = static_cast<std::size_t>(W_) * static_cast<std::size_t>(H_);
  state_.assign(static_cast<std::size_t>(pw_) * static_cast<std::size_t>(H_ + 2 * r_), kEmpty);
  agent_.assign(cells, Agent{});
  claim_.assign(state_.size(), 0);
  free_.assign(static_cast<std::size_t>(fw_) * static_cast<std::size_t>(H_ + 2 * r_) + 1, 0);  // + 1: see pick_free
  // The AVX2 probes index the bitmap's bits with 32-bit integers.
  simd_ = cfg_.engine.simd && simd_usable() && free_.size() * 64 < (std::size_t{1} << 31);
  check_ = cfg_.engine.check_counts;
  seen_.assign(cells, 0);
}

// The draws of AgentEngine::setup in Mesa semantics: every cell independently, then the agents'
// attributes in row-major order.
void CellGrid::populate() {
  RandomStream rng(cfg_.seed, 0, StreamId::kSociety, 0);
  for (int y = 0; y < H_; ++y)
    for (int x = 0; x < W_; ++x) {
      const double u = rng.uniform();
      if (u < cfg_.citizen_density)
        set_state(x, y, kQuiet);
      else if (u < cfg_.citizen_density + cfg_.cop_density)
        set_state(x, y, kCop);
    }
  for (int y = 0; y < H_; ++y)
    for (int x = 0; x < W_; ++x) {
      const std::size_t c = static_cast<std::size_t>(y) * static_cast<std::size_t>(W_) + static_cast<std::size_t>(x);
      const std::uint8_t s = state_[padded(x, y)];
      ++n_[s];
      if (s == kQuiet) {
        agent_[c].hardship = static_cast<float>(rng.uniform());
        agent_[c].risk = static_cast<float>(rng.uniform());
        ++citizens_;
      } else if (s == kCop) {
        const double lo = cfg_.ext.loyalty_initial_min;
        agent_[c].loyalty = static_cast<float>(lo + (1.0 - lo) * rng.uniform());
        ++cops_;
      }
    }
}

void CellGrid::set_images(int x, int y, std::uint8_t s) {
  std::uint8_t* p = state_.data() + padded(x, y);
  const int ix = x < r_ ? W_ : (x >= W_ - r_ ? -W_ : 0);
  const int iy = y < r_ ? H_ : (y >= H_ - r_ ? -H_ : 0);
  const std::ptrdiff_t row = static_cast<std::ptrdiff_t>(iy) * pw_;
  if (ix != 0) p[ix] = s;
  if (iy != 0) {
    p[row] = s;
    if (ix != 0) p[row + ix] = s;
  }
}

template <class F>
void CellGrid::rows(F&& f) {
  parallel::for_range(tbb::blocked_range<int>(0, H_, 4), [&](const tbb::blocked_range<int>& r) {
    for (int y = r.begin(); y < r.end(); ++y) f(y);
  });
}

template <class F>
void CellGrid::banded(F&& f) {
  const int nb = static_cast<int>(band_.size()) - 1;
  for (int colour = 0; colour < 2 && colour < nb; ++colour)
    parallel::for_range(tbb::blocked_range<int>(0, (nb - colour + 1) / 2), [&](const tbb::blocked_range<int>& r) {
      for (int i = r.begin(); i < r.end(); ++i) {
        const int b = 2 * i + colour;
        for (int y = band_[static_cast<std::size_t>(b)]; y < band_[static_cast<std::size_t>(b) + 1]; ++y) f(y);
      }
    });
}

std::uint64_t CellGrid::phase_key(int step, int phase) const {
  return AgentStream(cfg_.seed, static_cast<std::uint64_t>(step + 1) * kPhases + static_cast<std::uint64_t>(phase), 0)
      .next_u64();
}

void CellGrid::field(const std::vector<std::pair<int, int>>& spans) {
  // seen_[cell] = sum over the vision given by `spans`, centre included, of kWeight[state]; by prefix
  // sums along the padded rows (modulo 2^16, exact because each count stays below 256).
  const auto stride = static_cast<std::size_t>(pw_) + 1;
  const int ph = H_ + 2 * r_;
  prefix_.resize(static_cast<std::size_t>(ph) * stride);
  parallel::for_range(tbb::blocked_range<int>(0, ph, 8), [&](const tbb::blocked_range<int>& r) {
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
      const std::uint16_t* p =
          prefix_.data() + static_cast<std::size_t>(y + r_ + dy) * stride + static_cast<std::size_t>(r_);
      add_differences(out, p + w + 1, p - w, W_);
    }
  });
}

Tally CellGrid::step(int step, double L, double h, double backing) {
  Passes local;
  // 1. Decide. 2. Arrest: each cop chooses and claims (a defector changes only its own cell, which
  // no cop looks at: cops look for actives), then every claimed active is jailed. 3. Move.
  field(citizen_spans_);
  const std::uint64_t k_decide = phase_key(step, kDecide);
  const double jail = jail_factor(cfg_);
  rows([&](int y) { decide_row(y, k_decide, L, h, jail, local.local()); });
  const std::size_t changed = count_decisions(local);
  refresh_cop_counts(changed, local, step);
  const std::uint64_t k_pick = phase_key(step, kPick);
  banded([&](int y) { cops_choose(y, k_pick, backing, local.local()); });
  const std::int64_t arrests = jail_picked(phase_key(step, kTerm), local);
  // Every free agent chooses a free cell and claims it, then every claimed cell takes the agent
  // whose claim won.
  if (cfg_.movement) {
    free_map();
    banded([&](int y) { choose_moves(y, step); });
    fold_claims();
    rows([&](int y) { apply_moves(y); });
  }
  return step_tally(local, arrests);
}

// The citizens of a row are listed first (without a branch), then each decides; a citizen with
// G <= T goes through the rule too (it cannot rebel), which is cheaper than a branch that half of
// them take.
void CellGrid::decide_row(int y, std::uint64_t k_decide, double L, double h, double jail, PassTally& t) {
  const std::uint8_t* row = state_.data() + padded(0, y);
  auto& sc = scratch_.local();
  const int n = list_cells<1u << kQuiet | 1u << kActive | 1u << kJailed>(row, W_, sc.x);
  std::int64_t serving = 0, now_active = 0, decided = 0;  // in registers, not the tally's array
  for (int i = 0; i < n; ++i) {
    const int x = sc.x[static_cast<std::size_t>(i)];
    const std::size_t c = static_cast<std::size_t>(y) * static_cast<std::size_t>(W_) + static_cast<std::size_t>(x);
    const std::uint8_t s = row[x];
    Agent& a = agent_[c];
    if (s == kJailed && a.jail > 0) {  // Mesa serves the sentence on the agent's turn
      --a.jail;
      ++serving;
      continue;
    }
    const bool active = s == kActive;
    const double g = grievance(a.hardship, h, L);
    if (emigrates(active, g, k_decide, c)) {
      set_state(x, y, kEmpty);
      ++t.emigrated;
      continue;
    }
    const auto seen = static_cast<std::uint16_t>(seen_[c] - kWeight[s]);  // Mesa: own cell not in view
    const int cops = seen & 0xff, actives = seen >> 8;
    const double p =
        p_view_.empty() ? arrest_probability(cfg_, p_table_, cops, actives) : p_view_[static_cast<std::size_t>(seen)];
    const bool now = rebels_at(cfg_, g, a.risk, p, jail);
    if (active) {
      const bool more = cops > a.last_cops;
      (more ? t.more : t.same) += 1;
      if (!now) (more ? t.more_quiet : t.same_quiet) += 1;
    }
    // Only an active agent's count is compared next step (an agent active then decided so now),
    // so only theirs is kept: the quiet majority's records are read, not written back.
    if (now) a.last_cops = static_cast<std::uint8_t>(cops);
    const std::uint8_t ns = now ? kActive : kQuiet;
    ++decided;
    now_active += now;
    if (ns != s) {
      set_state(x, y, ns);
      if (ns == kActive || s == kActive) t.changed.push_back({x, y, ns == kActive ? 256 : -256});
    }
  }
  t.count[kJailed] += serving;
  t.count[kActive] += now_active;
  t.count[kQuiet] += decided - now_active;
}

bool CellGrid::emigrates(bool active, double g, std::uint64_t k_decide, std::size_t c) const {
  const auto& e = cfg_.ext;
  if (!(e.emigration_rate > 0.0 && !active && g > e.emigration_grievance)) return false;
  auto rng = AgentStream::keyed(k_decide, c);
  return rng.uniform() < e.emigration_rate;
}

// The citizens by state after the decisions; returns how many turned active or quiet.
std::size_t CellGrid::count_decisions(Passes& local) {
  std::size_t changed = 0;
  for (int k : {kQuiet, kActive, kJailed}) n_[static_cast<std::size_t>(k)] = 0;
  for (auto& t : local) {
    changed += t.changed.size();
    for (int k : {kQuiet, kActive, kJailed}) n_[static_cast<std::size_t>(k)] += t.count[static_cast<std::size_t>(k)];
  }
  return changed;
}

// The counts in the cops' vision: with the citizens' vision, the counts before the decisions plus
// the actives that changed, when they are few; otherwise computed afresh.
void CellGrid::refresh_cop_counts(std::size_t changed, Passes& local, int step) {
  if (cop_spans_ == citizen_spans_ &&
      changed * citizen_offsets_.size() < static_cast<std::size_t>(W_) * static_cast<std::size_t>(H_) / 8) {
    for (auto& t : local) {
      for (const Change& ch : t.changed) add_in_view(ch.x, ch.y, static_cast<std::uint16_t>(ch.weight));
      t.changed.clear();
    }
    if (check_) {  // engine.check_counts: the update must equal the counts computed afresh
      const HugeVector<std::uint16_t> updated = seen_;
      field(cop_spans_);
      if (updated != seen_)
        throw std::logic_error("society: cops' counts in view updated wrongly at step " + std::to_string(step));
    }
  } else {
    for (auto& t : local) t.changed.clear();
    field(cop_spans_);
  }
}

// The cops of row y: loyalty and defection, then each picks an active in view to arrest.
void CellGrid::cops_choose(int y, std::uint64_t k_pick, double backing, PassTally& t) {
  const auto& e = cfg_.ext;
  const std::uint8_t* row = state_.data() + padded(0, y);
  auto& sc = scratch_.local();
  const int ncops = list_cells<1u << kCop>(row, W_, sc.x);
  for (int i = 0; i < ncops; ++i) {
    const int x = sc.x[static_cast<std::size_t>(i)];
    const std::size_t c = static_cast<std::size_t>(y) * static_cast<std::size_t>(W_) + static_cast<std::size_t>(x);
    const auto seen = static_cast<std::uint16_t>(seen_[c] - kWeight[kCop]);
    const int cops = seen & 0xff, actives = seen >> 8;
    if (e.loyalty_erosion > 0.0 && !agent_[c].external) {
      agent_[c].loyalty = next_loyalty(e, agent_[c].loyalty, cops + 1, actives, backing);
      if (defects(e, agent_[c].loyalty)) {
        set_state(x, y, kDefected);
        ++t.count[kDefected];
        continue;
      }
    }
    if (actives == 0) continue;
    auto rng = AgentStream::keyed(k_pick, c);
    if (cfg_.arrest_probability < 1.0 && rng.uniform() >= cfg_.arrest_probability) continue;
    const int pick = static_cast<int>(below32(rng, static_cast<std::uint32_t>(actives)));
    if (const auto v = nth_active(row + x, x, y, pick)) t.arrested.push_back(*v);
  }
}

// The cell of the pick-th active (from 0) in a cop's view, in the order of its offsets.
std::optional<std::size_t> CellGrid::nth_active(const std::uint8_t* here, int x, int y, int pick) const {
  for (const Offset& o : cop_offsets_) {
    if (here[o.pad] != kActive || pick-- > 0) continue;
    return static_cast<std::size_t>(wrap(y + o.dy, H_)) * static_cast<std::size_t>(W_) +
           static_cast<std::size_t>(wrap(x + o.dx, W_));
  }
  return std::nullopt;
}

// Every active some cop picked is jailed (in Mesa the cop stays where it is, so which cop won
// does not matter); the sentence is drawn from the arrestee's own stream. Few, so in one thread.
std::int64_t CellGrid::jail_picked(std::uint64_t k_term, Passes& local) {
  const auto Wz = static_cast<std::size_t>(W_);
  std::int64_t arrests = 0;
  for (auto& t : local) {
    for (const std::size_t v : t.arrested) {
      const int x = static_cast<int>(v % Wz), y = static_cast<int>(v / Wz);
      if (state_[padded(x, y)] != kActive) continue;  // picked by another cop too
      auto rng = AgentStream::keyed(k_term, v);
      agent_[v].jail = static_cast<std::uint16_t>(below32(rng, static_cast<std::uint32_t>(cfg_.max_jail_term) + 1));
      set_state(x, y, kJailed);
      ++arrests;
    }
    t.arrested.clear();
  }
  return arrests;
}

// The step's tally over the threads, and the cells by state after the arrests.
Tally CellGrid::step_tally(const Passes& local, std::int64_t arrests) {
  Tally total;
  total.arrests = arrests;
  std::int64_t defected = 0;
  for (const auto& t : local) {
    defected += t.count[kDefected];
    total.emigrated += t.emigrated;
    total.more += t.more;
    total.more_quiet += t.more_quiet;
    total.same += t.same;
    total.same_quiet += t.same_quiet;
  }
  n_[kCop] -= defected;
  n_[kDefected] += defected;
  n_[kActive] -= arrests;
  n_[kJailed] += arrests;
  return total;
}

void CellGrid::add_in_view(int x, int y, std::uint16_t weight) {
  for (const auto& [dy, w] : cop_spans_) {
    std::uint16_t* out = seen_.data() + static_cast<std::size_t>((y + dy + H_) % H_) * static_cast<std::size_t>(W_);
    if (x - w >= 0 && x + w < W_) {
      for (int xx = x - w; xx <= x + w; ++xx) out[xx] = static_cast<std::uint16_t>(out[xx] + weight);
    } else {
      for (int dx = -w; dx <= w; ++dx) {
        std::uint16_t& v = out[(x + dx + W_) % W_];
        v = static_cast<std::uint16_t>(v + weight);
      }
    }
  }
}

void CellGrid::apply_moves(int y) {
  // Every claimed cell of row y takes the agent whose claim won: the claimed cells first (without
  // a branch), then their moves, independent of each other.
  const auto Wz = static_cast<std::size_t>(W_);
  std::uint32_t* cl = claim_.data() + padded(0, y);
  auto& sc = scratch_.local();
  sc.x.resize(Wz);
  int n = 0;
  for (int x = 0; x < W_; ++x) {
    sc.x[static_cast<std::size_t>(n)] = x;
    n += cl[x] != 0;
  }
  auto source = [&](int x) {
    const auto [dx, dy] = box_[cl[x] & 0xffu];
    return std::pair{wrap(x - dx, W_), wrap(y - dy, H_)};
  };
  constexpr int kAhead = 8;  // prefetch distance: the sources are scattered over 2r + 1 rows
  for (int i = 0; i < n; ++i) {
    if (i + kAhead < n) {
      const auto [px, py] = source(sc.x[static_cast<std::size_t>(i) + kAhead]);
      __builtin_prefetch(&agent_[static_cast<std::size_t>(py) * Wz + static_cast<std::size_t>(px)]);
    }
    const int x = sc.x[static_cast<std::size_t>(i)];
    const auto [fx, fy] = source(x);
    cl[x] = 0;
    agent_[static_cast<std::size_t>(y) * Wz + static_cast<std::size_t>(x)] =
        agent_[static_cast<std::size_t>(fy) * Wz + static_cast<std::size_t>(fx)];
    set_state(x, y, state_[padded(fx, fy)]);
    set_state(fx, fy, kEmpty);
  }
}

void CellGrid::fold_claims() {
  // Claims that landed in the halo go to the cell they are an image of (the best claim wins).
  const int ph = H_ + 2 * r_;
  for (int py = 0; py < ph; ++py) {
    const bool halo_row = py < r_ || py >= H_ + r_;
    for (int px = 0; px < pw_; ++px) {
      if (!halo_row && px == r_) px = W_ + r_;  // skip the canonical part of the row
      std::uint32_t& v =
          claim_[static_cast<std::size_t>(py) * static_cast<std::size_t>(pw_) + static_cast<std::size_t>(px)];
      if (v == 0) continue;
      const int x = (px - r_ + W_) % W_, y = (py - r_ + H_) % H_;
      std::uint32_t& to = claim_[padded(x, y)];
      to = std::max(to, v);
      v = 0;
    }
  }
}

void CellGrid::free_map() {
  // One bit per padded cell, set where the cell is empty.
  const int ph = H_ + 2 * r_;
  parallel::for_range(tbb::blocked_range<int>(0, ph, 16), [&](const tbb::blocked_range<int>& rr) {
    for (int y = rr.begin(); y < rr.end(); ++y) {
      const std::uint8_t* in = state_.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(pw_);
      std::uint64_t* out = free_.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(fw_);
      for (int w = 0; w < fw_; ++w)
        out[w] = cells_in<1u << kEmpty>(in + static_cast<std::ptrdiff_t>(w) * 64, std::min(64, pw_ - w * 64));
    }
  });
}

void CellGrid::choose_moves(int y, int step) {
  // One random stream per row and step (a row is always handled whole by one thread), drawn in a
  // fixed order: one round of probes for every mover of the row, a further round for those that
  // found no free cell, and so on, then the claims' priorities. Each round runs over a list, so
  // that the movers' probes, independent of each other, overlap in the processor (and, with AVX2,
  // run eight at a time).
  auto rng =
      AgentStream(cfg_.seed, static_cast<std::uint64_t>(step + 1) * kPhases + kMove, static_cast<std::uint64_t>(y));
  const std::uint8_t* row = state_.data() + padded(0, y);
  std::uint32_t* claims = claim_.data() + padded(0, y);
  auto& sc = scratch_.local();
  const auto Wz = static_cast<std::size_t>(W_);
  sc.x.resize(Wz);
  sc.k.resize(Wz);
  sc.miss.resize(Wz);
  sc.miss_x.resize(Wz);
  sc.miss_k.resize(Wz);
  // The rows this row's claims reach first, r + 1 ahead, fetched for the next row (the others are
  // in cache from the rows before).
  const int ahead = std::min(y + r_ + 1, H_ + r_ - 1);
  for (int x = 0; x < W_; x += 16) __builtin_prefetch(claim_.data() + padded(x, ahead), 1);

  const int n = list_cells<1u << kQuiet | 1u << kActive | 1u << kCop | 1u << kDefected>(row, W_, sc.x);
  probe_moves(row, static_cast<std::int64_t>(y + r_) * fw_ * 64 + r_, n, rng, sc);
  claim_cells(claims, n, rng, sc);
}

// The free cell each of the row's n movers (listed in sc.x) moves to, as its number in sc.k (0:
// none): a first round of probes for every mover, further rounds for the misses.
void CellGrid::probe_moves(const std::uint8_t* row, std::int64_t row_bit, int n, AgentStream& rng,
                           RowScratch& sc) const {
  const std::uint64_t* free_cells = free_.data();
  // With equal visions for citizens and cops (one table), the movers go through the rounds as
  // lists; otherwise each mover with its own table.
  const bool one_kind = citizen_bit_ == cop_bit_;
  auto table = [&](int x) { return one_kind || row[x] == kQuiet || row[x] == kActive ? citizen_probe_ : cop_probe_; };
  if (one_kind) {
    probe_rounds(citizen_probe_, free_cells, row_bit, sc.x.data(), n, rng, sc.k.data(), simd_);
  } else {
    for (int i = 0; i < n; ++i)
      sc.k[static_cast<std::size_t>(i)] = probe_round(table(sc.x[static_cast<std::size_t>(i)]), free_cells,
                                                      row_bit + sc.x[static_cast<std::size_t>(i)], rng);
  }
  // Rounds 2 to 6 for the misses of the round before, each over the list of those still
  // missing; then (a crowded neighbourhood, where rejection is slow) a count of the free cells
  // in view and a pick among them: also uniform.
  constexpr int kRounds = 6;
  int misses = 0;
  for (int i = 0; i < n; ++i) {
    sc.miss[static_cast<std::size_t>(misses)] = i;
    misses += sc.k[static_cast<std::size_t>(i)] == 0;
  }
  for (int round = 1; round < kRounds && misses > 0; ++round) {
    for (int j = 0; j < misses; ++j)
      sc.miss_x[static_cast<std::size_t>(j)] = sc.x[static_cast<std::size_t>(sc.miss[static_cast<std::size_t>(j)])];
    if (one_kind) {
      probe_rounds(citizen_probe_, free_cells, row_bit, sc.miss_x.data(), misses, rng, sc.miss_k.data(), simd_);
    } else {
      for (int j = 0; j < misses; ++j) {
        const int x = sc.miss_x[static_cast<std::size_t>(j)];
        sc.miss_k[static_cast<std::size_t>(j)] = probe_round(table(x), free_cells, row_bit + x, rng);
      }
    }
    int still = 0;
    for (int j = 0; j < misses; ++j) {
      const int i = sc.miss[static_cast<std::size_t>(j)];
      sc.k[static_cast<std::size_t>(i)] = sc.miss_k[static_cast<std::size_t>(j)];
      sc.miss[static_cast<std::size_t>(still)] = i;
      still += sc.miss_k[static_cast<std::size_t>(j)] == 0;
    }
    misses = still;
  }
  for (int j = 0; j < misses; ++j) {
    const auto i = static_cast<std::size_t>(sc.miss[static_cast<std::size_t>(j)]);
    const int x = sc.x[i];
    const bool citizen = row[x] == kQuiet || row[x] == kActive;
    sc.k[i] = pick_free(free_cells, row_bit + x, static_cast<std::int64_t>(fw_) * 64,
                        citizen ? citizen_spans_ : cop_spans_, number_at_.data(), r_, rng);
  }
}

// Claims: a random 24-bit priority above the cell's number.
void CellGrid::claim_cells(std::uint32_t* claims, int n, AgentStream& rng, const RowScratch& sc) const {
  std::uint64_t priority = 0;
  constexpr int kAhead = 16;  // prefetch distance: the claimed cells are spread over 2r + 1 rows
  for (int i = 0; i < n; ++i) {
    if (i + kAhead < n)
      __builtin_prefetch(
          claims + sc.x[static_cast<std::size_t>(i) + kAhead] + box_pad_[sc.k[static_cast<std::size_t>(i) + kAhead]],
          1);
    if (i % 2 == 0) priority = rng.next_u64();
    const std::uint32_t k = sc.k[static_cast<std::size_t>(i)];
    if (k == 0) continue;
    const int x = sc.x[static_cast<std::size_t>(i)];
    const auto key = (static_cast<std::uint32_t>(priority) & 0xffffff00u) | k;
    priority >>= 32;
    std::uint32_t& slot = claims[x + box_pad_[k]];
    slot = std::max(slot, key);
  }
}

StepStats CellGrid::counts() const {
  StepStats s;
  s.quiet = n_[kQuiet];
  s.active = n_[kActive];
  s.jailed = n_[kJailed];
  s.cops_loyal = n_[kCop];
  s.cops_defected = n_[kDefected];
  return s;
}

std::int64_t CellGrid::own_loyal_cops() const {
  std::int64_t n = 0;
  for (int y = 0; y < H_; ++y)
    for (int x = 0; x < W_; ++x)
      n += state_[padded(x, y)] == kCop &&
           !agent_[static_cast<std::size_t>(y) * static_cast<std::size_t>(W_) + static_cast<std::size_t>(x)].external;
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
    } while (state_[padded(static_cast<int>(c % static_cast<std::uint64_t>(W_)),
                           static_cast<int>(c / static_cast<std::uint64_t>(W_)))] != kEmpty);
    const int x = static_cast<int>(c % static_cast<std::uint64_t>(W_)),
              y = static_cast<int>(c / static_cast<std::uint64_t>(W_));
    set_state(x, y, kCop);
    agent_[c].loyalty = 1.0f;
    agent_[c].external = 1;
    ++n_[kCop];
  }
}

std::vector<CellView> CellGrid::view() const {
  static constexpr CellView kView[6] = {CellView::kEmpty,  CellView::kQuiet, CellView::kActive,
                                        CellView::kJailed, CellView::kCop,   CellView::kDefected};
  std::vector<CellView> v(static_cast<std::size_t>(W_) * static_cast<std::size_t>(H_));
  for (int y = 0; y < H_; ++y)
    for (int x = 0; x < W_; ++x)
      v[static_cast<std::size_t>(y) * static_cast<std::size_t>(W_) + static_cast<std::size_t>(x)] =
          kView[state_[padded(x, y)]];
  return v;
}

std::size_t CellGrid::memory_bytes() const {
  auto b = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
  return b(state_) + b(agent_) + b(claim_) + b(free_) + b(prefix_) + b(seen_);
}

}  // namespace statecraft::society
