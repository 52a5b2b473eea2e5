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

#include "statecraft/society/model.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>
#include <string>
#include <utility>

#include "cell_grid.hpp"
#include "core/parallel.hpp"
#include "internal.hpp"
#include "rules.hpp"
#include "statecraft/error.hpp"

namespace statecraft::society {
namespace {

bool finite_in(double v, double lo, double hi) { return std::isfinite(v) && v >= lo && v <= hi; }

void require(bool ok, const std::string& what, const std::string& found, const std::string& expected) {
  if (!ok) throw UsageError("society config: " + what + ": found " + found + ", expected " + expected);
}

std::string num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

void validate_schedule(const Schedule& s, const std::string& name, double lo, double hi) {
  double last = -std::numeric_limits<double>::infinity();
  for (const auto& [t, v] : s.points) {
    require(std::isfinite(t) && t >= last, name + " step", num(t), "finite and non-decreasing");
    require(finite_in(v, lo, hi), name + " value", num(v), "in [" + num(lo) + ", " + num(hi) + "]");
    last = t;
  }
}

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

double Schedule::at(double step, double fallback) const {
  if (points.empty()) return fallback;
  if (step <= points.front().first) return points.front().second;
  if (step >= points.back().first) return points.back().second;
  for (std::size_t i = 1; i < points.size(); ++i) {
    const auto& [t1, v1] = points[i];
    if (step <= t1) {
      const auto& [t0, v0] = points[i - 1];
      if (t1 == t0) return v1;
      return v0 + (v1 - v0) * (step - t0) / (t1 - t0);
    }
  }
  return points.back().second;
}

bool Extensions::any() const {
  return !legitimacy.points.empty() || !hardship.points.empty() || loyalty_erosion > 0.0 || defection_threshold > 0.0 ||
         reserve_cops > 0 || visible_share < 1.0 || emigration_rate > 0.0 || collapse_threshold > 0.0;
}

Config Config::mesa() { return Config{}; }

Config Config::netlogo() {
  Config c;
  c.semantics = Semantics::kNetLogo;
  c.citizen_density = 0.70;
  c.cop_density = 0.04;
  c.vision = Vision::kEuclidean;
  c.legitimacy = 0.82;
  c.max_jail_term = 29;  // NetLogo `random 30`: 0..29
  c.rounding = RatioRounding::kFloor;
  return c;
}

Config Config::belarus() {
  Config c = netlogo();
  // Illustrative values; the calibrated ones live in scenarios/belarus-2020.yaml.
  c.ext.legitimacy.points = {{0, 0.85}, {10, 0.85}, {11, 0.62}};
  c.ext.loyalty_erosion = 0.02;
  c.ext.loyalty_recovery = 0.03;
  c.ext.loyalty_initial_min = 0.6;
  c.ext.backing.points = {{0, 0.0}, {15, 0.0}, {16, 1.0}};
  c.ext.defection_threshold = 0.2;
  c.ext.reserve_cops = 10;
  c.ext.reserve_trigger = 0.02;
  c.ext.reserve_delay = 5;
  c.ext.emigration_rate = 0.002;
  c.ext.emigration_grievance = 0.3;
  c.ext.collapse_threshold = 0.5;
  c.ext.intervention_probability = 0.7;
  c.ext.intervention_cops = 60;
  c.ext.intervention_delay = 3;
  c.ext.occupation_legitimacy = 0.7;
  return c;
}

int side_for_agents(const Config& config, std::int64_t agents) {
  const double d = config.citizen_density + config.cop_density;
  if (!(d > 0.0) || agents <= 0) throw UsageError("society: --agents needs a positive count and density");
  return std::max(1, static_cast<int>(std::lround(std::sqrt(static_cast<double>(agents) / d))));
}

Model::Model(Config config) : cfg_(std::move(config)) {
  const auto& c = cfg_;
  require(c.width >= 1 && c.width <= 65535, "width", std::to_string(c.width), "1..65535");
  require(c.height >= 1 && c.height <= 65535, "height", std::to_string(c.height), "1..65535");
  require(static_cast<std::int64_t>(c.width) * c.height < (std::int64_t{1} << 31), "width*height",
          std::to_string(static_cast<std::int64_t>(c.width) * c.height), "< 2^31 cells");
  require(finite_in(c.citizen_density, 0, 1), "citizen_density", num(c.citizen_density), "in [0, 1]");
  require(finite_in(c.cop_density, 0, 1), "cop_density", num(c.cop_density), "in [0, 1]");
  require(c.citizen_density + c.cop_density <= 1.0, "citizen_density + cop_density",
          num(c.citizen_density + c.cop_density), "<= 1");
  const int vmax = std::max(c.citizen_vision, c.cop_vision);
  require(c.citizen_vision >= 1 && c.cop_vision >= 1, "vision",
          std::to_string(std::min(c.citizen_vision, c.cop_vision)), ">= 1");
  require(2 * vmax + 1 <= std::min(c.width, c.height), "vision", std::to_string(vmax),
          "2*vision+1 <= grid side " + std::to_string(std::min(c.width, c.height)));
  require(finite_in(c.legitimacy, 0, 1), "legitimacy", num(c.legitimacy), "in [0, 1]");
  require(c.max_jail_term >= 0 && c.max_jail_term <= 65535, "max_jail_term", std::to_string(c.max_jail_term),
          "0..65535");
  require(finite_in(c.k, 0, 1e6), "k", num(c.k), "in [0, 1e6]");
  require(finite_in(c.threshold, -1, 1), "threshold", num(c.threshold), "in [-1, 1]");
  require(finite_in(c.jail_exponent, 0, 10), "jail_exponent", num(c.jail_exponent), "in [0, 10]");
  require(finite_in(c.arrest_probability, 0, 1), "arrest_probability", num(c.arrest_probability), "in [0, 1]");
  const auto& e = c.ext;
  validate_schedule(e.legitimacy, "legitimacy schedule", 0, 1);
  validate_schedule(e.hardship, "hardship schedule", 0, 100);
  validate_schedule(e.backing, "backing schedule", 0, 1);
  require(finite_in(e.loyalty_erosion, 0, 1), "loyalty_erosion", num(e.loyalty_erosion), "in [0, 1]");
  require(finite_in(e.loyalty_recovery, 0, 1), "loyalty_recovery", num(e.loyalty_recovery), "in [0, 1]");
  require(finite_in(e.loyalty_crowd_ratio, 0, 1e6), "loyalty_crowd_ratio", num(e.loyalty_crowd_ratio), "in [0, 1e6]");
  require(finite_in(e.loyalty_initial_min, 0, 1), "loyalty_initial_min", num(e.loyalty_initial_min), "in [0, 1]");
  require(finite_in(e.defection_threshold, 0, 1), "defection_threshold", num(e.defection_threshold), "in [0, 1]");
  require(e.reserve_cops >= 0 && e.reserve_cops < (std::int64_t{1} << 30), "reserve_cops",
          std::to_string(e.reserve_cops), "0..2^30");
  require(finite_in(e.reserve_trigger, 0, 1), "reserve_trigger", num(e.reserve_trigger), "in [0, 1]");
  require(e.reserve_delay >= 0, "reserve_delay", std::to_string(e.reserve_delay), ">= 0");
  require(finite_in(e.visible_share, 0, 1), "visible_share", num(e.visible_share), "in [0, 1]");
  require(finite_in(e.emigration_rate, 0, 1), "emigration_rate", num(e.emigration_rate), "in [0, 1]");
  require(finite_in(e.emigration_grievance, 0, 1), "emigration_grievance", num(e.emigration_grievance), "in [0, 1]");
  require(finite_in(e.collapse_threshold, 0, 1), "collapse_threshold", num(e.collapse_threshold), "in [0, 1]");
  require(finite_in(e.intervention_probability, 0, 1), "intervention_probability", num(e.intervention_probability),
          "in [0, 1]");
  require(e.intervention_cops >= 0 && e.intervention_cops < (std::int64_t{1} << 30), "intervention_cops",
          std::to_string(e.intervention_cops), "0..2^30");
  require(e.intervention_delay >= 0, "intervention_delay", std::to_string(e.intervention_delay), ">= 0");
  require(std::isfinite(e.occupation_legitimacy) && e.occupation_legitimacy <= 1, "occupation_legitimacy",
          num(e.occupation_legitimacy), "<= 1 (negative = unchanged)");

  cells_ = static_cast<std::uint32_t>(c.width * c.height);
  // Row of a cell by multiply-shift (Granlund & Montgomery 1994): with l = ceil(log2 W),
  // s = 31 + l and m = ceil(2^s / W), (n * m) >> s = n / W exactly for every n < 2^31.
  int l = 0;
  while ((1u << l) < static_cast<std::uint32_t>(c.width)) ++l;
  row_shift_ = 31 + l;
  row_magic_ = ((std::uint64_t{1} << row_shift_) + static_cast<std::uint64_t>(c.width) - 1) /
               static_cast<std::uint64_t>(c.width);
  center_in_vision_ = c.semantics == Semantics::kNetLogo;
  build_spans();
  if (c.update == UpdateOrder::kSynchronous && CellGrid::supports(c)) {
    grid_ = std::make_unique<CellGrid>(cfg_, p_table_);
    n_citizens_ = grid_->citizens();
    n_cops0_ = grid_->cops();
    global_events();
    last_ = stats();
  } else {
    setup();
  }
}

Model::~Model() = default;
Model::Model(Model&&) noexcept = default;
Model& Model::operator=(Model&&) noexcept = default;

void Model::build_spans() {
  // One span per row offset dy: the cells x-w..x+w of row y+dy (span_width, internal.hpp).
  auto make = [this](int v) {
    std::vector<Span> s;
    for (int dy = -v; dy <= v; ++dy) s.push_back({dy, span_width(v, cfg_.vision == Vision::kVonNeumann, dy)});
    return s;
  };
  citizen_spans_ = make(cfg_.citizen_vision);
  cop_spans_ = make(cfg_.cop_vision);
  auto offsets = [](const std::vector<Span>& spans) {
    std::vector<std::pair<int, int>> o;
    for (const auto& sp : spans)
      for (int dx = -sp.w; dx <= sp.w; ++dx)
        if (dx != 0 || sp.dy != 0) o.emplace_back(dx, sp.dy);
    return o;
  };
  citizen_offsets_ = offsets(citizen_spans_);
  cop_offsets_ = offsets(cop_spans_);
  p_table_.resize(256);
  for (std::size_t f = 0; f < p_table_.size(); ++f) p_table_[f] = 1.0 - std::exp(-cfg_.k * static_cast<double>(f));
}

bool Model::blocks(std::uint32_t a) const {
  // Mesa: a cell holds one agent (capacity 1), jailed citizens included. NetLogo: a patch is a
  // move target when it holds no cop and only jailed agents.
  if (kind_[a] == kGone) return false;
  if (kind_[a] != kCitizen) return true;
  return cfg_.semantics == Semantics::kMesa || jail_[a] == 0;
}

void Model::link(std::uint32_t a, std::uint32_t cell) {
  pos_[a] = cell;
  next_[a] = head_[cell];
  head_[cell] = a;
  if (blocks(a)) add_block(cell, 1);
  if (kind_[a] == kCop) cell_add(cell, kCop1);
  if (active_[a]) cell_add(cell, kActive1);
}

void Model::unlink(std::uint32_t a) {
  const std::uint32_t cell = pos_[a];
  if (head_[cell] == a) {
    head_[cell] = next_[a];
  } else {
    std::uint32_t p = head_[cell];
    while (next_[p] != a) p = next_[p];
    next_[p] = next_[a];
  }
  next_[a] = kNoIndex;
  if (blocks(a)) add_block(cell, -1);
  if (kind_[a] == kCop) cell_add(cell, 0 - kCop1);
  if (active_[a]) cell_add(cell, 0 - kActive1);
}

void Model::add_block(std::uint32_t cell, int delta) {
  const std::uint64_t old = cell_[cell];
  std::uint64_t p = delta > 0 ? old + kBlock1 : old - kBlock1;
  p &= ~(std::uint64_t{0xffff} << 32);
  if ((p >> 48) == 0) p |= kFree1;
  cell_add(cell, p - old);
}

void Model::cell_add(std::uint32_t cell, std::uint64_t delta) {
  // The canonical word, then what scans read in the padded grids (the cell itself plus, near an
  // edge, its images in the halo, so that scans never wrap): the cop and active counts, and
  // whether the cell is free.
  const std::uint64_t w = cell_[cell] += delta;
  const auto seen = static_cast<std::uint32_t>(w);
  const auto open = static_cast<std::uint8_t>((w >> 32) & 1u);
  const int W = cfg_.width, H = cfg_.height, r = halo_;
  const auto [x, y] = xy(cell);
  const int xs[2] = {x + r, x < r ? x + W + r : (x >= W - r ? x - W + r : -1)};
  const int ys[2] = {y + r, y < r ? y + H + r : (y >= H - r ? y - H + r : -1)};
  for (int yy : ys) {
    if (yy < 0) continue;
    for (int xx : xs) {
      if (xx < 0) continue;
      const std::size_t i =
          static_cast<std::size_t>(yy) * static_cast<std::size_t>(pad_w_) + static_cast<std::size_t>(xx);
      seen_[i] = seen;
      open_[i] = open;
    }
  }
}

std::uint32_t Model::add_agent(Kind kind, std::uint32_t cell, float hardship, float risk) {
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

void Model::setup() {
  const auto& c = cfg_;
  cell_.assign(cells_, kFree1);
  halo_ = std::max(cfg_.citizen_vision, cfg_.cop_vision);
  pad_w_ = cfg_.width + 2 * halo_;
  const std::size_t padded = static_cast<std::size_t>(pad_w_) * static_cast<std::size_t>(cfg_.height + 2 * halo_);
  seen_.assign(padded, 0);
  open_.assign(padded, 1);
  head_.assign(cells_, kNoIndex);
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
  global_events();
  last_ = stats();
}

double Model::grievance(std::uint32_t a) const { return society::grievance(hardship_[a], h_, L_); }

template <class F>
void Model::for_segments(std::uint32_t cell, const std::vector<Span>& spans, F&& f) const {
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

Model::Scan Model::scan(std::uint32_t cell, const std::vector<Span>& spans, bool center) const {
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

int Model::count_open(std::uint32_t cell, const std::vector<Span>& spans) const {
  const auto [x, y] = xy(cell);
  const std::uint8_t* base = open_.data() + static_cast<std::ptrdiff_t>(y + halo_) * pad_w_ + (x + halo_);
  int n = -static_cast<int>(base[0]);  // the centre is never a target
  for (const auto& s : spans) {
    const std::uint8_t* p = base + static_cast<std::ptrdiff_t>(s.dy) * pad_w_ - s.w;
    for (int i = 0; i <= 2 * s.w; ++i) n += p[i];
  }
  return n;
}

std::uint32_t Model::wrap(int x, int y) const {
  const int W = cfg_.width, H = cfg_.height;
  if (x < 0) x += W;
  if (x >= W) x -= W;
  if (y < 0) y += H;
  if (y >= H) y -= H;
  return static_cast<std::uint32_t>(y) * static_cast<std::uint32_t>(W) + static_cast<std::uint32_t>(x);
}

std::uint32_t Model::nth_empty(std::uint32_t cell, const std::vector<Span>& spans, int n) const {
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

std::uint32_t Model::nth_active(std::uint32_t cell, const std::vector<Span>& spans, int n) const {
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

bool Model::rule_a(std::uint32_t a, int cops_seen, int actives_seen) const {
  return rebels(cfg_, p_table_, grievance(a), risk_[a], cops_seen, actives_seen);
}

void Model::note_decision(std::uint32_t a, int cops_seen, bool now, Counters& c) {
  if (active_[a] != 0) {
    const bool more = cops_seen > last_cops_[a];
    (more ? c.more : c.same) += 1;
    if (!now) (more ? c.more_quiet : c.same_quiet) += 1;
  }
  last_cops_[a] = static_cast<std::uint16_t>(std::min(cops_seen, 65535));
  jailed_[a] = 0;
}

void Model::set_active(std::uint32_t a, bool now) {
  if (now == (active_[a] != 0)) return;
  active_[a] = now;
  cell_add(pos_[a], now ? kActive1 : 0 - kActive1);
}

void Model::citizen_decide(std::uint32_t a, int cops_seen, int actives_seen, Counters& c) {
  const bool now = rule_a(a, cops_seen, actives_seen);
  note_decision(a, cops_seen, now, c);
  set_active(a, now);
}

bool Model::wants_to_emigrate(std::uint32_t a, AgentStream& rng) const {
  const auto& e = cfg_.ext;
  if (e.emigration_rate <= 0.0 || active_[a]) return false;
  if (grievance(a) <= e.emigration_grievance) return false;
  return rng.uniform() < e.emigration_rate;
}

void Model::emigrate(std::uint32_t a, Counters& c) {
  unlink(a);
  kind_[a] = kGone;
  ++c.emigrated;
}

bool Model::try_emigrate(std::uint32_t a, AgentStream& rng, Counters& c) {
  if (!wants_to_emigrate(a, rng)) return false;
  emigrate(a, c);
  return true;
}

bool Model::keeps_loyalty(std::uint32_t a, const Scan& s) {
  const auto& e = cfg_.ext;
  if (e.loyalty_erosion <= 0.0 || external_[a]) return true;
  loyalty_[a] = next_loyalty(e, loyalty_[a], s.cops + (center_in_vision_ ? 0 : 1), s.actives, backing_);
  return !defects(e, loyalty_[a]);
}

void Model::defect(std::uint32_t a) {
  // Defection: the cop stops enforcing (stays on the grid as a non-enforcing body).
  cell_add(pos_[a], 0 - kCop1);
  kind_[a] = kDefected;
}

void Model::arrest(std::uint32_t cop, std::uint32_t v, AgentStream& rng, Counters& c, bool move_to_arrestee) {
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

std::uint32_t Model::pick_arrestee(std::uint32_t a, const Scan& s, AgentStream& rng) const {
  if (s.actives == 0) return kNoIndex;
  if (cfg_.arrest_probability < 1.0 && rng.uniform() >= cfg_.arrest_probability) return kNoIndex;
  const auto n = static_cast<int>(below32(rng, static_cast<std::uint32_t>(s.actives)));
  return nth_active(pos_[a], cop_spans_, n);
}

void Model::cop_arrest_and_loyalty(std::uint32_t a, const Scan& s, AgentStream& rng, Counters& c,
                                   bool move_to_arrestee) {
  if (!keeps_loyalty(a, s)) {
    defect(a);
    return;
  }
  const std::uint32_t v = pick_arrestee(a, s, rng);
  if (v != kNoIndex) arrest(a, v, rng, c, move_to_arrestee);
}

std::uint32_t Model::pick_free_cell(std::uint32_t a, AgentStream& rng) const {
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
    const auto [dx, dy] = offs[below32(rng, n)];
    if (base[static_cast<std::ptrdiff_t>(dy) * pad_w_ + dx] != 0) return wrap(x + dx, y + dy);
  }
  const auto& spans = citizen ? citizen_spans_ : cop_spans_;
  const int free_cells = count_open(from, spans);
  if (free_cells <= 0) return kNoIndex;
  return nth_empty(from, spans, static_cast<int>(below32(rng, static_cast<std::uint32_t>(free_cells))));
}

void Model::move_to(std::uint32_t a, std::uint32_t to) {
  unlink(a);
  link(a, to);
}

void Model::move_uniform(std::uint32_t a, AgentStream& rng) {
  const std::uint32_t to = pick_free_cell(a, rng);
  if (to != kNoIndex) move_to(a, to);
}

void Model::release_netlogo() {
  // NetLogo: "ask agents [ if jail-term > 0 [ set jail-term jail-term - 1 ] ]" after all turtles.
  for (std::uint32_t a = 0; a < kind_.size(); ++a) {
    if (kind_[a] != kCitizen || jail_[a] == 0) continue;
    if (--jail_[a] == 0) {
      jailed_[a] = 0;
      add_block(pos_[a], 1);
    }
  }
}

void Model::act(std::uint32_t a, AgentStream& rng, Counters& c) {
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

void Model::step_sequential(Counters& c) {
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

int Model::reach() const {
  // How far from its cell an agent's turn reads or writes: Mesa decides/arrests then moves (v);
  // NetLogo moves first, then looks (and a cop steps onto the arrestee) from the new cell (2v).
  const int v = std::max(cfg_.citizen_vision, cfg_.cop_vision);
  return cfg_.semantics == Semantics::kMesa ? v : 2 * v;
}

void Model::step_blocked(Counters& total) {
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

void Model::place_new_cops(std::int64_t n, std::uint32_t sub) {
  if (grid_) {
    grid_->place_cops(n, cfg_.seed, static_cast<std::uint64_t>(step_) + 1, sub);
    return;
  }
  RandomStream rng(cfg_.seed, static_cast<std::uint64_t>(step_) + 1, StreamId::kSociety, sub);
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

void Model::global_events() {
  // Called before each step: schedules, the patron's reserve, collapse and intervention.
  const auto& e = cfg_.ext;
  const double t = step_;
  L_ = e.legitimacy.at(t, cfg_.legitimacy);
  h_ = e.hardship.at(t, 1.0);
  backing_ = e.backing.at(t, 0.0);
  if (outcome_.intervention && step_ >= outcome_.intervention_step && e.occupation_legitimacy >= 0)
    L_ = e.occupation_legitimacy;
  if (step_ == 0) return;
  const std::int64_t alive = last_.quiet + last_.active + last_.jailed;
  if (e.reserve_cops > 0 && outcome_.reserve_arrived_step < 0) {
    if (trigger_step_ < 0 && alive > 0 &&
        static_cast<double>(last_.active) > e.reserve_trigger * static_cast<double>(alive))
      trigger_step_ = step_;
    if (trigger_step_ >= 0 && step_ >= trigger_step_ + e.reserve_delay) {
      place_new_cops(e.reserve_cops, 0xA0000001u);
      outcome_.reserve_arrived_step = step_;
    }
  }
  if (e.collapse_threshold > 0.0 && !collapsed_) {
    std::int64_t own_loyal = 0;
    if (grid_) own_loyal = grid_->own_loyal_cops();
    for (std::size_t a = 0; a < kind_.size(); ++a) own_loyal += kind_[a] == kCop && !external_[a];
    if (static_cast<double>(own_loyal) < e.collapse_threshold * static_cast<double>(n_cops0_)) {
      collapsed_ = true;
      outcome_.collapse_step = step_;
      RandomStream rng(cfg_.seed, 0, StreamId::kSociety, 0xC0000001u);
      outcome_.intervention = rng.uniform() < e.intervention_probability;
      if (outcome_.intervention) outcome_.intervention_step = step_ + e.intervention_delay;
    }
  }
  if (outcome_.intervention && step_ == outcome_.intervention_step) {
    place_new_cops(e.intervention_cops, 0xC0000002u);
    if (e.occupation_legitimacy >= 0) L_ = e.occupation_legitimacy;
  }
}

StepStats Model::step() {
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
      if (grid_) {
        const auto t = grid_->step(step_, L_, h_, backing_);
        c.arrests = t.arrests;
        c.emigrated = t.emigrated;
        c.more = t.more;
        c.more_quiet = t.more_quiet;
        c.same = t.same;
        c.same_quiet = t.same_quiet;
      } else {
        step_synchronous(c);
      }
      break;
  }
  ++step_;
  emigrated_ += c.emigrated;
  StepStats s = stats();
  s.step = step_;
  s.arrests = c.arrests;
  s.legitimacy = L_;
  s.backing = backing_;
  s.active_more_cops = c.more;
  s.active_more_cops_to_quiet = c.more_quiet;
  s.active_same_cops = c.same;
  s.active_same_cops_to_quiet = c.same_quiet;
  last_ = s;
  global_events();
  return s;
}

StepStats Model::stats() const {
  StepStats s = grid_ ? grid_->counts() : StepStats{};
  s.step = step_;
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
  s.emigrated = emigrated_;
  s.legitimacy = L_;
  s.backing = backing_;
  return s;
}

std::vector<CellView> Model::view() const {
  if (grid_) return grid_->view();
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

std::size_t Model::memory_bytes() const {
  auto b = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
  return b(kind_) + b(active_) + b(jail_) + b(jailed_) + b(hardship_) + b(risk_) + b(loyalty_) + b(last_cops_) +
         b(external_) + b(pos_) + b(next_) + b(stamp_) + b(order_) + b(level_) + b(cell_) + b(head_) + b(seen_) +
         b(open_) + b(flag_) + b(target_) + b(claim_) + (grid_ ? grid_->memory_bytes() : 0);
}

}  // namespace statecraft::society
