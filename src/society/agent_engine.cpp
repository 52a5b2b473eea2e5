// Epstein's civil-violence model (Epstein 2002, PNAS 99 suppl. 3, 7243-7250) in the two
// reference semantics, Mesa 3.3.1's `epstein_civil_violence` example and NetLogo's Rebellion
// (Wilensky 2004), plus the Belarus extensions documented in docs/models/society.md.
//
// Rules (Epstein 2002, "Model I"):
//   grievance      G = H (1 - L)                                   (eq. 1)
//   arrest prob.   P = 1 - exp(-k f(C / A)),  A = 1 + actives seen  (eq. 2; f = round or floor as
//                  in the references: without it the model shows no punctuated equilibrium)
//   net risk       N = R P J^alpha                                  (eq. 3, alpha = 0)
//   rule A         active iff G - N > T
//   rule C         a cop arrests one random active in vision, jail term ~ U{0..J}
//   rule M         move to a random free cell in vision
//
// The grid keeps per-cell byte counts (loyal cops, actives, bodies that block a move) and an
// intrusive list of the agents on each cell, so a neighbourhood scan reads three byte arrays along
// at most 2(2v+1) contiguous row segments.

#include "agent_engine.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>
#include <string>
#include <utility>

#include "core/parallel.hpp"
#include "internal.hpp"
#include "rules.hpp"
#include "statecraft/error.hpp"

namespace statecraft::society {
namespace {

// Compile-time neighbourhood for the reference vision (7): a sum over the rows with constant trip
// counts the compiler unrolls. Same shapes as build_spans() (span_width, internal.hpp).

template <int W>
inline std::uint32_t row_sum(const std::uint32_t* p) {
  std::uint32_t acc = 0;
  for (int i = -W; i <= W; ++i) acc += p[i];
  return acc;
}

template <int V, bool D, int... I>
inline std::uint32_t fixed_sum(const std::uint32_t* base, std::ptrdiff_t pw, std::integer_sequence<int, I...>) {
  return (row_sum<span_width(V, D, I - V)>(base + static_cast<std::ptrdiff_t>(I - V) * pw) + ...);
}

}  // namespace

AgentEngine::AgentEngine(const Config& cfg, std::vector<double> p_table) : cfg_(cfg), p_table_(std::move(p_table)) {
  cells_ = static_cast<std::uint32_t>(cfg_.width * cfg_.height);
  // Row of a cell by multiply-shift (Granlund & Montgomery 1994): with l = ceil(log2 W),
  // s = 31 + l and m = ceil(2^s / W), (n * m) >> s = n / W exactly for every n < 2^31.
  int l = 0;
  while ((1u << l) < static_cast<std::uint32_t>(cfg_.width)) ++l;
  row_shift_ = 31 + l;
  row_magic_ = ((std::uint64_t{1} << row_shift_) + static_cast<std::uint64_t>(cfg_.width) - 1) /
               static_cast<std::uint64_t>(cfg_.width);
  center_in_vision_ = cfg_.semantics == Semantics::kNetLogo;
  build_spans();
  setup();
}

void AgentEngine::build_spans() {
  // One span per row offset dy: the cells x-w..x+w of row y+dy (span_width, internal.hpp).
  auto make = [this](int v) {
    std::vector<Span> s;
    for (int dy = -v; dy <= v; ++dy) s.push_back({dy, span_width(v, cfg_.vision == Vision::kVonNeumann, dy)});
    return s;
  };
  citizen_spans_ = make(cfg_.citizen_vision);
  cop_spans_ = make(cfg_.cop_vision);
}

void AgentEngine::build_images() {
  // The vision's cells as offsets on the padded grid (for rule M's draws), and each column's and
  // row's images in the halo (for store()).
  auto offsets = [this](const std::vector<Span>& spans) {
    std::vector<Offset> o;
    for (const auto& sp : spans)
      for (int dx = -sp.w; dx <= sp.w; ++dx)
        if (dx != 0 || sp.dy != 0)
          o.push_back({sp.dy * pad_w_ + dx, static_cast<std::int16_t>(dx), static_cast<std::int16_t>(sp.dy)});
    return o;
  };
  citizen_offsets_ = offsets(citizen_spans_);
  cop_offsets_ = offsets(cop_spans_);
  const int r = halo_;
  auto images = [r](int n, int v, std::uint32_t unit) {
    const int far = v < r ? v + n + r : (v >= n - r ? v - n + r : v + r);
    return std::array<std::uint32_t, 2>{static_cast<std::uint32_t>(v + r) * unit,
                                        static_cast<std::uint32_t>(far) * unit};
  };
  col_img_.resize(static_cast<std::size_t>(cfg_.width));
  row_img_.resize(static_cast<std::size_t>(cfg_.height));
  for (int x = 0; x < cfg_.width; ++x) col_img_[static_cast<std::size_t>(x)] = images(cfg_.width, x, 1);
  for (int y = 0; y < cfg_.height; ++y)
    row_img_[static_cast<std::size_t>(y)] = images(cfg_.height, y, static_cast<std::uint32_t>(pad_w_));
}

bool AgentEngine::blocks(std::uint32_t a) const {
  // Mesa: a cell holds one agent (capacity 1), jailed citizens included. NetLogo: a patch is a
  // move target when it holds no cop and only jailed agents.
  if (kind_[a] == kGone) return false;
  if (kind_[a] != kCitizen) return true;
  return cfg_.semantics == Semantics::kMesa || jail_[a] == 0;
}

namespace {
// A cell's word with its free flag (bits 32-47) recomputed from its count of blocking bodies.
std::uint64_t with_free(std::uint64_t w) {
  w &= ~(std::uint64_t{0xffff} << 32);
  return (w >> 48) == 0 ? w | kFree1 : w;
}
}  // namespace

std::uint64_t AgentEngine::presence(std::uint32_t a) const {
  // What agent a adds to its cell's word: a blocking body, a loyal cop, an active citizen.
  return (blocks(a) ? kBlock1 : 0) + (kind_[a] == kCop ? kCop1 : 0) + (active_[a] ? kActive1 : 0);
}

void AgentEngine::list_push(std::uint32_t a, std::uint32_t cell) {
  pos_[a] = cell;
  next_[a] = head_[cell];
  head_[cell] = a;
}

void AgentEngine::list_remove(std::uint32_t a) {
  const std::uint32_t cell = pos_[a];
  if (head_[cell] == a) {
    head_[cell] = next_[a];
  } else {
    std::uint32_t p = head_[cell];
    while (next_[p] != a) p = next_[p];
    next_[p] = next_[a];
  }
  next_[a] = kNoIndex;
}

void AgentEngine::link(std::uint32_t a, std::uint32_t cell) {
  list_push(a, cell);
  store(cell, with_free(cell_[cell] + presence(a)));
}

void AgentEngine::unlink(std::uint32_t a) {
  const std::uint32_t cell = pos_[a];
  list_remove(a);
  store(cell, with_free(cell_[cell] - presence(a)));
}

void AgentEngine::add_block(std::uint32_t cell, int delta) {
  const std::uint64_t old = cell_[cell];
  store(cell, with_free(delta > 0 ? old + kBlock1 : old - kBlock1));
}

void AgentEngine::cell_add(std::uint32_t cell, std::uint64_t delta) { store(cell, cell_[cell] + delta); }

void AgentEngine::store(std::uint32_t cell, std::uint64_t w) {
  // The canonical word, then what scans read in the padded grids (the cell itself plus, near an
  // edge, its images in the halo, so that scans never wrap): the cop and active counts, and
  // whether the cell is free. Where a cell has no image across an edge its own place is written
  // twice (no branch).
  // (The tables' addresses are read once: a byte store may alias anything, so the compiler would
  // reload them after every store to open_.)
  cell_[cell] = w;
  const auto seen = static_cast<std::uint32_t>(w);
  const auto open = static_cast<std::uint8_t>((w >> 32) & 1u);
  const auto [x, y] = xy(cell);
  const std::array<std::uint32_t, 2> cols = col_img_[static_cast<std::size_t>(x)];
  const std::array<std::uint32_t, 2> rows = row_img_[static_cast<std::size_t>(y)];
  std::uint32_t* const seen_at = seen_.data();
  std::uint8_t* const open_at = open_.data();
  for (const std::uint32_t row : rows) {
    for (const std::uint32_t col : cols) {
      seen_at[row + col] = seen;
      open_at[row + col] = open;
    }
  }
}

std::uint32_t AgentEngine::add_agent(Kind kind, std::uint32_t cell, float hardship, float risk) {
  const auto a = static_cast<std::uint32_t>(kind_.size());
  kind_.push_back(kind);
  active_.push_back(0);
  jail_.push_back(0);
  jailed_.push_back(0);
  hardship_.push_back(hardship);
  risk_.push_back(risk);
  loyalty_.push_back(1.0f);
  last_cops_.push_back(0);
  external_.push_back(0);
  pos_.push_back(cell);
  next_.push_back(kNoIndex);
  stamp_.push_back(0);
  link(a, cell);
  return a;
}

void AgentEngine::setup() {
  const auto& c = cfg_;
  cell_.assign(cells_, kFree1);
  halo_ = std::max(cfg_.citizen_vision, cfg_.cop_vision);
  pad_w_ = cfg_.width + 2 * halo_;
  const std::size_t padded = static_cast<std::size_t>(pad_w_) * static_cast<std::size_t>(cfg_.height + 2 * halo_);
  seen_.assign(padded, 0);
  open_.assign(padded, 1);
  head_.assign(cells_, kNoIndex);
  build_images();
  RandomStream rng(c.seed, 0, StreamId::kSociety, 0);

  // What goes where: 0 empty, 1 citizen, 2 cop.
  std::vector<std::uint8_t> what(cells_, 0);
  if (c.semantics == Semantics::kMesa) {
    // Mesa: each cell independently a citizen (p = citizen_density), a cop (cop_density) or empty.
    for (std::uint32_t i = 0; i < cells_; ++i) {
      const double u = rng.uniform();
      what[i] = u < c.citizen_density ? 1 : (u < c.citizen_density + c.cop_density ? 2 : 0);
    }
  } else {
    // NetLogo: round(density * cells) cops, then citizens, each on a distinct random empty patch
    // (a partial Fisher-Yates shuffle draws the same distribution).
    const auto n_cops = static_cast<std::uint32_t>(std::lround(c.cop_density * cells_));
    const auto n_cit = static_cast<std::uint32_t>(
        std::min<long>(std::lround(c.citizen_density * cells_), static_cast<long>(cells_ - n_cops)));
    std::vector<std::uint32_t> perm(cells_);
    std::iota(perm.begin(), perm.end(), 0u);
    for (std::uint32_t i = 0; i < n_cops + n_cit; ++i) {
      const auto j = i + static_cast<std::uint32_t>(rng.below(cells_ - i));
      std::swap(perm[i], perm[j]);
      what[perm[i]] = i < n_cops ? 2 : 1;
    }
  }
  // Create agents in row-major cell order so agent ids follow the grid (cache locality).
  std::size_t n = 0;
  for (auto w : what) n += w != 0;
  // Exact capacities: no push_back growth slack on whole-population runs.
  n += static_cast<std::size_t>(c.ext.reserve_cops + c.ext.intervention_cops);
  for (auto* v : {&kind_, &active_, &jailed_, &external_}) v->reserve(n);
  for (auto* v : {&jail_, &last_cops_}) v->reserve(n);
  for (auto* v : {&hardship_, &risk_, &loyalty_}) v->reserve(n);
  for (auto* v : {&pos_, &next_, &stamp_}) v->reserve(n);
  for (std::uint32_t i = 0; i < cells_; ++i) {
    if (what[i] == 1) {
      const auto h = static_cast<float>(rng.uniform());
      const auto r = static_cast<float>(rng.uniform());
      add_agent(kCitizen, i, h, r);
      ++n_citizens_;
    } else if (what[i] == 2) {
      const auto a = add_agent(kCop, i, 0.0f, 0.0f);
      const double lo = c.ext.loyalty_initial_min;
      loyalty_[a] = static_cast<float>(lo + (1.0 - lo) * rng.uniform());
      ++n_cops0_;
    }
  }
}

double AgentEngine::grievance(std::uint32_t a) const { return society::grievance(hardship_[a], h_, L_); }

template <class F>
void AgentEngine::for_segments(std::uint32_t cell, const std::vector<Span>& spans, F&& f) const {
  const int W = cfg_.width, H = cfg_.height;
  const auto [x, y] = xy(cell);
  for (const auto& s : spans) {
    int yy = y + s.dy;
    if (yy < 0) yy += H;
    if (yy >= H) yy -= H;
    const std::uint32_t row = static_cast<std::uint32_t>(yy) * static_cast<std::uint32_t>(W);
    const int x0 = x - s.w, x1 = x + s.w;
    if (x0 < 0) {
      f(row + static_cast<std::uint32_t>(x0 + W), row + static_cast<std::uint32_t>(W));
      f(row, row + static_cast<std::uint32_t>(x1 + 1));
    } else if (x1 >= W) {
      f(row + static_cast<std::uint32_t>(x0), row + static_cast<std::uint32_t>(W));
      f(row, row + static_cast<std::uint32_t>(x1 + 1 - W));
    } else {
      f(row + static_cast<std::uint32_t>(x0), row + static_cast<std::uint32_t>(x1 + 1));
    }
  }
}

AgentEngine::Scan AgentEngine::scan(std::uint32_t cell, const std::vector<Span>& spans, bool center) const {
  // One 32-bit add per cell sums the two packed 16-bit counts; the padded grid makes every row of
  // the neighbourhood one contiguous run.
  const auto [x, y] = xy(cell);
  const std::uint32_t* base = seen_.data() + static_cast<std::ptrdiff_t>(y + halo_) * pad_w_ + (x + halo_);
  std::uint32_t sum = 0;
  if (spans.size() == 15) {  // vision 7, the references' value: unrolled
    sum = cfg_.vision == Vision::kVonNeumann ? fixed_sum<7, true>(base, pad_w_, std::make_integer_sequence<int, 15>{})
                                             : fixed_sum<7, false>(base, pad_w_, std::make_integer_sequence<int, 15>{});
  } else {
    for (const auto& s : spans) {
      const std::uint32_t* p = base + static_cast<std::ptrdiff_t>(s.dy) * pad_w_ - s.w;
      const int n = 2 * s.w + 1;
      std::uint32_t acc = 0;
      for (int i = 0; i < n; ++i) acc += p[i];
      sum += acc;
    }
  }
  if (!center) sum -= base[0];
  return {static_cast<int>(sum & 0xffffu), static_cast<int>(sum >> 16)};
}

int AgentEngine::count_open(std::uint32_t cell, const std::vector<Span>& spans) const {
  const auto [x, y] = xy(cell);
  const std::uint8_t* base = open_.data() + static_cast<std::ptrdiff_t>(y + halo_) * pad_w_ + (x + halo_);
  int n = -static_cast<int>(base[0]);  // the centre is never a target
  for (const auto& s : spans) {
    const std::uint8_t* p = base + static_cast<std::ptrdiff_t>(s.dy) * pad_w_ - s.w;
    for (int i = 0; i <= 2 * s.w; ++i) n += p[i];
  }
  return n;
}

std::uint32_t AgentEngine::wrap(int x, int y) const {
  const int W = cfg_.width, H = cfg_.height;
  if (x < 0) x += W;
  if (x >= W) x -= W;
  if (y < 0) y += H;
  if (y >= H) y -= H;
  return static_cast<std::uint32_t>(y) * static_cast<std::uint32_t>(W) + static_cast<std::uint32_t>(x);
}

std::uint32_t AgentEngine::nth_empty(std::uint32_t cell, const std::vector<Span>& spans, int n) const {
  // The n-th free cell (row-major within the neighbourhood, centre excluded): skip whole rows by
  // their free counts, then walk the one row that holds it.
  const auto [x, y] = xy(cell);
  const std::uint8_t* base = open_.data() + static_cast<std::ptrdiff_t>(y + halo_) * pad_w_ + (x + halo_);
  int left = n;
  for (const auto& s : spans) {
    const std::uint8_t* p = base + static_cast<std::ptrdiff_t>(s.dy) * pad_w_ - s.w;
    const int len = 2 * s.w + 1;
    int here = 0;
    for (int i = 0; i < len; ++i) here += p[i];
    if (s.dy == 0) here -= base[0];  // the centre is never a target
    if (left >= here) {
      left -= here;
      continue;
    }
    for (int i = 0; i < len; ++i) {
      if (p[i] == 0 || (s.dy == 0 && i == s.w)) continue;
      if (left-- == 0) return wrap(x - s.w + i, y + s.dy);
    }
  }
  STATECRAFT_ASSERT(false, "society: free cell index out of range");
  return kNoIndex;
}

std::uint32_t AgentEngine::nth_active(std::uint32_t cell, const std::vector<Span>& spans, int n) const {
  std::uint32_t found = kNoIndex;
  int left = n;
  const bool center = center_in_vision_;
  for_segments(cell, spans, [&](std::uint32_t b, std::uint32_t end) {
    if (found != kNoIndex) return;
    for (std::uint32_t i = b; i < end; ++i) {
      const int here = static_cast<int>(actives_at(i));
      if (here == 0 || (!center && i == cell)) continue;
      if (left < here) {
        for (std::uint32_t a = head_[i]; a != kNoIndex; a = next_[a]) {
          if (active_[a] && left-- == 0) {
            found = a;
            return;
          }
        }
      }
      left -= here;
    }
  });
  STATECRAFT_ASSERT(found != kNoIndex, "society: active index out of range");
  return found;
}

bool AgentEngine::rule_a(std::uint32_t a, int cops_seen, int actives_seen) const {
  return rebels(cfg_, p_table_, grievance(a), risk_[a], cops_seen, actives_seen);
}

void AgentEngine::note_decision(std::uint32_t a, int cops_seen, bool now, Counters& c) {
  if (active_[a] != 0) {
    const bool more = cops_seen > last_cops_[a];
    (more ? c.more : c.same) += 1;
    if (!now) (more ? c.more_quiet : c.same_quiet) += 1;
  }
  last_cops_[a] = static_cast<std::uint16_t>(std::min(cops_seen, 65535));
  jailed_[a] = 0;
}

void AgentEngine::set_active(std::uint32_t a, bool now) {
  if (now == (active_[a] != 0)) return;
  active_[a] = now;
  cell_add(pos_[a], now ? kActive1 : 0 - kActive1);
}

void AgentEngine::citizen_decide(std::uint32_t a, int cops_seen, int actives_seen, Counters& c) {
  const bool now = rule_a(a, cops_seen, actives_seen);
  note_decision(a, cops_seen, now, c);
  set_active(a, now);
}

bool AgentEngine::wants_to_emigrate(std::uint32_t a, AgentStream& rng) const {
  const auto& e = cfg_.ext;
  if (e.emigration_rate <= 0.0 || active_[a]) return false;
  if (grievance(a) <= e.emigration_grievance) return false;
  return rng.uniform() < e.emigration_rate;
}

void AgentEngine::emigrate(std::uint32_t a, Counters& c) {
  unlink(a);
  kind_[a] = kGone;
  ++c.emigrated;
}

bool AgentEngine::try_emigrate(std::uint32_t a, AgentStream& rng, Counters& c) {
  if (!wants_to_emigrate(a, rng)) return false;
  emigrate(a, c);
  return true;
}

bool AgentEngine::keeps_loyalty(std::uint32_t a, const Scan& s) {
  const auto& e = cfg_.ext;
  if (e.loyalty_erosion <= 0.0 || external_[a]) return true;
  loyalty_[a] = next_loyalty(e, loyalty_[a], s.cops + (center_in_vision_ ? 0 : 1), s.actives, backing_);
  return !defects(e, loyalty_[a]);
}

void AgentEngine::defect(std::uint32_t a) {
  // Defection: the cop stops enforcing (stays on the grid as a non-enforcing body).
  cell_add(pos_[a], 0 - kCop1);
  kind_[a] = kDefected;
}

void AgentEngine::arrest(std::uint32_t cop, std::uint32_t v, AgentStream& rng, Counters& c, bool move_to_arrestee) {
  const std::uint32_t cell = pos_[v];
  // Jail term ~ U{0..J}: Mesa randint(0, max_jail_term); NetLogo `random max-jail-term` (J = max-1).
  const auto term = static_cast<std::uint16_t>(below32(rng, static_cast<std::uint32_t>(cfg_.max_jail_term) + 1));
  const bool blocked_before = blocks(v);
  active_[v] = 0;
  cell_add(cell, 0 - kActive1);
  jail_[v] = term;
  if (cfg_.semantics == Semantics::kMesa) {
    jailed_[v] = 1;  // state ARRESTED until the agent's next turn
  } else {
    jailed_[v] = term > 0;
    if (blocked_before && !blocks(v)) add_block(cell, -1);
  }
  ++c.arrests;
  if (move_to_arrestee && cell != pos_[cop]) {
    unlink(cop);
    link(cop, cell);
  }
}

std::uint32_t AgentEngine::pick_arrestee(std::uint32_t a, const Scan& s, AgentStream& rng) const {
  if (s.actives == 0) return kNoIndex;
  if (cfg_.arrest_probability < 1.0 && rng.uniform() >= cfg_.arrest_probability) return kNoIndex;
  const auto n = static_cast<int>(below32(rng, static_cast<std::uint32_t>(s.actives)));
  return nth_active(pos_[a], cop_spans_, n);
}

void AgentEngine::cop_arrest_and_loyalty(std::uint32_t a, const Scan& s, AgentStream& rng, Counters& c,
                                         bool move_to_arrestee) {
  if (!keeps_loyalty(a, s)) {
    defect(a);
    return;
  }
  const std::uint32_t v = pick_arrestee(a, s, rng);
  if (v != kNoIndex) arrest(a, v, rng, c, move_to_arrestee);
}

std::uint32_t AgentEngine::pick_free_cell(std::uint32_t a, AgentStream& rng) const {
  // Rule M: a cell drawn uniformly from the free cells in vision. Rejection sampling over the
  // cells of the vision is exactly uniform over the free ones given a hit; after kTries misses an
  // exact count-and-pick decides (also uniform), so the mixture is uniform; kNoIndex when no free
  // cell is in sight.
  constexpr int kTries = 48;
  const bool citizen = kind_[a] == kCitizen;
  const auto& offs = citizen ? citizen_offsets_ : cop_offsets_;
  const std::uint32_t from = pos_[a];
  const auto [x, y] = xy(from);
  const std::uint8_t* base = open_.data() + static_cast<std::ptrdiff_t>(y + halo_) * pad_w_ + (x + halo_);
  const auto n = static_cast<std::uint32_t>(offs.size());
  for (int t = 0; t < kTries; ++t) {
    const Offset o = offs[below32(rng, n)];
    if (base[o.lin] != 0) return wrap(x + o.dx, y + o.dy);
  }
  const auto& spans = citizen ? citizen_spans_ : cop_spans_;
  const int free_cells = count_open(from, spans);
  if (free_cells <= 0) return kNoIndex;
  return nth_empty(from, spans, static_cast<int>(below32(rng, static_cast<std::uint32_t>(free_cells))));
}

void AgentEngine::move_to(std::uint32_t a, std::uint32_t to) {
  // unlink(a) then link(a, to), with the agent's part of the cell words computed once.
  const std::uint64_t p = presence(a);
  const std::uint32_t from = pos_[a];
  list_remove(a);
  store(from, with_free(cell_[from] - p));
  list_push(a, to);
  store(to, with_free(cell_[to] + p));
}

void AgentEngine::move_uniform(std::uint32_t a, AgentStream& rng) {
  const std::uint32_t to = pick_free_cell(a, rng);
  if (to != kNoIndex) move_to(a, to);
}

void AgentEngine::release_netlogo() {
  // NetLogo: "ask agents [ if jail-term > 0 [ set jail-term jail-term - 1 ] ]" after all turtles.
  for (std::uint32_t a = 0; a < kind_.size(); ++a) {
    if (kind_[a] != kCitizen || jail_[a] == 0) continue;
    if (--jail_[a] == 0) {
      jailed_[a] = 0;
      add_block(pos_[a], 1);
    }
  }
}

void AgentEngine::act(std::uint32_t a, AgentStream& rng, Counters& c) {
  const auto kind = kind_[a];
  if (kind == kGone) return;
  const bool mesa = cfg_.semantics == Semantics::kMesa;
  if (kind == kCitizen) {
    if (mesa) {
      // Mesa Citizen.step: serve one step of the sentence, else decide, then move.
      if (jail_[a] > 0) {
        --jail_[a];
        return;
      }
      if (cfg_.ext.emigration_rate > 0.0 && try_emigrate(a, rng, c)) return;
      if (!active_[a] && grievance(a) <= cfg_.threshold) {
        // G <= T: quiet whatever the risk (N >= 0), so the neighbourhood need not be read.
        jailed_[a] = 0;
        if (cfg_.movement) move_uniform(a, rng);
        return;
      }
      const Scan s = scan(pos_[a], citizen_spans_, false);
      citizen_decide(a, s.cops, s.actives, c);
      if (cfg_.movement) move_uniform(a, rng);
    } else {
      // NetLogo: free agents move (rule M), then decide (rule A) from the new patch.
      if (jail_[a] > 0) return;
      if (cfg_.ext.emigration_rate > 0.0 && try_emigrate(a, rng, c)) return;
      if (cfg_.movement) move_uniform(a, rng);
      if (!active_[a] && grievance(a) <= cfg_.threshold) return;  // G <= T: stays quiet
      const Scan s = scan(pos_[a], citizen_spans_, true);
      citizen_decide(a, s.cops, s.actives, c);
    }
  } else if (mesa) {
    // Mesa Cop.step: arrest a random active neighbour, then move.
    const Scan s = scan(pos_[a], cop_spans_, false);
    if (kind == kCop) cop_arrest_and_loyalty(a, s, rng, c, false);
    if (cfg_.movement) move_uniform(a, rng);
  } else {
    // NetLogo cops always move, then enforce from the new patch and step onto the arrestee's.
    move_uniform(a, rng);
    if (kind == kCop) cop_arrest_and_loyalty(a, scan(pos_[a], cop_spans_, true), rng, c, true);
  }
}

void AgentEngine::step_sequential(Counters& c) {
  AgentStream rng(cfg_.seed, static_cast<std::uint64_t>(step_) + 1, 0);
  // One random order of all agents per step (Mesa shuffle_do, NetLogo `ask turtles`).
  order_.clear();
  for (std::uint32_t a = 0; a < kind_.size(); ++a)
    if (kind_[a] != kGone) order_.push_back(a);
  for (std::size_t i = order_.size(); i > 1; --i)
    std::swap(order_[i - 1], order_[below32(rng, static_cast<std::uint32_t>(i))]);
  for (const std::uint32_t a : order_) act(a, rng, c);
  if (cfg_.semantics == Semantics::kNetLogo) release_netlogo();
}

int AgentEngine::reach() const {
  // How far from its cell an agent's turn reads or writes: Mesa decides/arrests then moves (v);
  // NetLogo moves first, then looks (and a cop steps onto the arrestee) from the new cell (2v).
  const int v = std::max(cfg_.citizen_vision, cfg_.cop_vision);
  return cfg_.semantics == Semantics::kMesa ? v : 2 * v;
}

void AgentEngine::step_blocked(Counters& total) {
  // Blocked random order (an explicit option for whole populations, see docs): the grid is cut
  // into tiles of side >= 2 * reach, coloured 2x2; the four colours run one after the other and
  // the tiles of one colour in parallel (their footprints cannot overlap). Inside a tile the
  // agents found there act in a random order with the exact per-agent rules; an agent acts once
  // per step even if it moves into a later tile. Random streams are keyed by (seed, step, tile),
  // so results do not depend on the number of threads.
  const int W = cfg_.width, H = cfg_.height;
  const auto Wu = static_cast<std::uint32_t>(W);
  const auto draw = static_cast<std::uint64_t>(step_) + 1;
  const std::uint32_t stamp = static_cast<std::uint32_t>(step_) + 1;
  tbb::enumerable_thread_specific<Counters> local;
  tbb::enumerable_thread_specific<std::vector<std::uint32_t>> lists;
  const int R = reach();
  auto tiles_along = [&](int n) {
    int t = n / (2 * R);
    if (t % 2) --t;
    return std::max(t, 1);
  };
  const int tx = tiles_along(W), ty = tiles_along(H);
  auto run_tile = [&](int ix, int iy, Counters& c, std::vector<std::uint32_t>& list) {
    const int x0 = ix * W / tx, x1 = (ix + 1) * W / tx;
    const int y0 = iy * H / ty, y1 = (iy + 1) * H / ty;
    AgentStream rng(cfg_.seed, draw, 1u + static_cast<std::uint32_t>(iy * tx + ix));
    list.clear();
    for (int y = y0; y < y1; ++y)
      for (std::uint32_t cell = static_cast<std::uint32_t>(y) * Wu + static_cast<std::uint32_t>(x0);
           cell < static_cast<std::uint32_t>(y) * Wu + static_cast<std::uint32_t>(x1); ++cell)
        for (std::uint32_t a = head_[cell]; a != kNoIndex; a = next_[a]) list.push_back(a);
    for (std::size_t i = list.size(); i > 1; --i)
      std::swap(list[i - 1], list[below32(rng, static_cast<std::uint32_t>(i))]);
    for (const std::uint32_t a : list) {
      if (stamp_[a] == stamp) continue;
      stamp_[a] = stamp;
      act(a, rng, c);
    }
  };
  if (tx < 2 || ty < 2) {
    // Too small to split: one tile, i.e. a random sequential order.
    run_tile(0, 0, local.local(), lists.local());
  } else {
    for (int colour = 0; colour < 4; ++colour) {
      const int cx = colour & 1, cy = colour >> 1;
      const int nx = tx / 2, ny = ty / 2;
      parallel::for_range(tbb::blocked_range<int>(0, nx * ny), [&](const tbb::blocked_range<int>& r) {
        Counters& c = local.local();
        auto& list = lists.local();
        for (int i = r.begin(); i < r.end(); ++i) run_tile(2 * (i % nx) + cx, 2 * (i / nx) + cy, c, list);
      });
    }
  }
  if (cfg_.semantics == Semantics::kNetLogo) {
    parallel::for_range(tbb::blocked_range<int>(0, H), [&](const tbb::blocked_range<int>& r) {
      for (int y = r.begin(); y < r.end(); ++y) {
        for (std::uint32_t cell = static_cast<std::uint32_t>(y) * Wu; cell < static_cast<std::uint32_t>(y + 1) * Wu;
             ++cell) {
          for (std::uint32_t a = head_[cell]; a != kNoIndex; a = next_[a]) {
            if (kind_[a] == kCitizen && jail_[a] > 0 && --jail_[a] == 0) {
              jailed_[a] = 0;
              add_block(cell, 1);
            }
          }
        }
      }
    });
  }
  for (const auto& c : local) total.add(c);
}

void AgentEngine::place_cops(std::int64_t n, std::uint64_t seed, std::uint64_t draw, std::uint32_t sub) {
  RandomStream rng(seed, draw, StreamId::kSociety, sub);
  std::int64_t free_cells = 0;
  for (std::uint32_t i = 0; i < cells_; ++i) free_cells += is_free(i);
  n = std::min(n, free_cells);
  for (std::int64_t i = 0; i < n; ++i) {
    std::uint32_t cell = 0;
    do {
      cell = static_cast<std::uint32_t>(rng.below(cells_));
    } while (!is_free(cell));
    const auto a = add_agent(kCop, cell, 0.0f, 0.0f);
    external_[a] = 1;
  }
}

Tally AgentEngine::step(int step, double L, double h, double backing) {
  step_ = step;
  L_ = L;
  h_ = h;
  backing_ = backing;
  Counters c;
  switch (cfg_.update) {
    case UpdateOrder::kRandomSequential:
      step_sequential(c);
      break;
    case UpdateOrder::kBlocked:
      step_blocked(c);
      break;
    case UpdateOrder::kConflictFree:
      step_conflict_free(c);
      break;
    case UpdateOrder::kSynchronous:
      step_synchronous(c);
      break;
  }
  return c;
}

std::int64_t AgentEngine::own_loyal_cops() const {
  std::int64_t n = 0;
  for (std::size_t a = 0; a < kind_.size(); ++a) n += kind_[a] == kCop && !external_[a];
  return n;
}

StepStats AgentEngine::counts() const {
  StepStats s;
  const std::size_t n = kind_.size();
  for (std::size_t a = 0; a < n; ++a) {
    switch (kind_[a]) {
      case kCitizen:
        if (active_[a])
          ++s.active;
        else if (jailed_[a])
          ++s.jailed;
        else
          ++s.quiet;
        break;
      case kCop:
        ++s.cops_loyal;
        break;
      case kDefected:
        ++s.cops_defected;
        break;
      default:
        break;
    }
  }
  return s;
}

std::vector<CellView> AgentEngine::view() const {
  std::vector<CellView> v(cells_, CellView::kEmpty);
  auto rank = [](CellView c) {
    switch (c) {
      case CellView::kActive:
        return 5;
      case CellView::kCop:
        return 4;
      case CellView::kDefected:
        return 3;
      case CellView::kQuiet:
        return 2;
      case CellView::kJailed:
        return 1;
      default:
        return 0;
    }
  };
  for (std::uint32_t cell = 0; cell < cells_; ++cell) {
    for (std::uint32_t a = head_[cell]; a != kNoIndex; a = next_[a]) {
      CellView c = CellView::kEmpty;
      switch (kind_[a]) {
        case kCitizen:
          c = active_[a] ? CellView::kActive : (jailed_[a] ? CellView::kJailed : CellView::kQuiet);
          break;
        case kCop:
          c = CellView::kCop;
          break;
        case kDefected:
          c = CellView::kDefected;
          break;
        default:
          break;
      }
      if (rank(c) > rank(v[cell])) v[cell] = c;
    }
  }
  return v;
}

std::size_t AgentEngine::memory_bytes() const {
  auto b = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
  return b(kind_) + b(active_) + b(jail_) + b(jailed_) + b(hardship_) + b(risk_) + b(loyalty_) + b(last_cops_) +
         b(external_) + b(pos_) + b(next_) + b(stamp_) + b(order_) + b(level_) + b(cell_) + b(head_) + b(seen_) +
         b(open_) + b(flag_) + b(target_) + b(claim_);
}

}  // namespace statecraft::society
