// All extreme Nash equilibria of a bimatrix game.
//
// Method (Mangasarian 1964; von Stengel 2002, "Computing equilibria for two-person games",
// Handbook of Game Theory 3, ch. 45; Avis, Rosenberg, Savani & von Stengel 2010, Economic
// Theory 42:9-37). With payoffs shifted to be positive, the best-response polytopes are
//   P = { x in R^m : x >= 0, B^T x <= 1 },   Q = { y in R^n : A y <= 1, y >= 0 }.
// Label i (row) marks x_i = 0 in P and (A y)_i = 1 in Q; label m+j (column) marks
// (B^T x)_j = 1 in P and y_j = 0 in Q. (x, y) != (0, 0) is a Nash equilibrium (after
// normalisation) iff every label 0..m+n-1 occurs at x or at y; the extreme equilibria are the
// completely labelled pairs of vertices.
//
// Both polytopes have the form { z >= 0, M z <= 1 } with M > 0. Their vertices are found by a
// graph search over the feasible bases of the system M z + s = 1: from each basis every
// nonbasic variable enters and every leaving variable that ties in the minimum-ratio test is
// followed, so in degenerate polytopes all bases (hence all vertices) are reached (the graph of
// feasible bases of a polytope is connected). Each basis is refactorised from the data alone
// (only the square block M[tight rows, basic z] is inverted), so the neighbours of a basis do
// not depend on the path that found it: the search is parallel (TBB, a sharded visited set) yet
// reaches the same set of bases on any thread count. A vertex is identified by its label set
// (its tight constraints). Pivoting is in floating point with tie tolerances by default, or
// exactly in GMP rationals (EnumOptions::exact_pivoting). Every equilibrium is recomputed from
// its bases in exact arithmetic and checked to be a Nash equilibrium before it is reported.

#include <tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "core/parallel.hpp"
#include "games/detail/solver_util.hpp"
#include "statecraft/error.hpp"
#include "statecraft/games/solvers.hpp"

namespace statecraft::games {

namespace {

struct Mask {
  std::uint64_t w[2] = {0, 0};
  void set(std::size_t i) { w[i >> 6] |= std::uint64_t{1} << (i & 63); }
  void reset(std::size_t i) { w[i >> 6] &= ~(std::uint64_t{1} << (i & 63)); }
  [[nodiscard]] bool test(std::size_t i) const { return (w[i >> 6] >> (i & 63)) & 1U; }
  [[nodiscard]] bool contains(const Mask& o) const { return (w[0] & o.w[0]) == o.w[0] && (w[1] & o.w[1]) == o.w[1]; }
  [[nodiscard]] int count() const { return std::popcount(w[0]) + std::popcount(w[1]); }
  friend bool operator==(const Mask& a, const Mask& b) { return a.w[0] == b.w[0] && a.w[1] == b.w[1]; }
  friend bool operator<(const Mask& a, const Mask& b) { return a.w[1] != b.w[1] ? a.w[1] < b.w[1] : a.w[0] < b.w[0]; }
};

std::uint64_t hash_mask(const Mask& m) {
  std::uint64_t h = m.w[0] * 0x9E3779B97F4A7C15ULL ^ (m.w[1] + 0x632BE59BD9B4E019ULL) * 0xC2B2AE3D27D4EB4FULL;
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ULL;
  h ^= h >> 32;
  return h;
}
struct MaskHash {
  std::size_t operator()(const Mask& m) const { return static_cast<std::size_t>(hash_mask(m)); }
};

// A set of bases shared by the search threads: 64 shards, each an open-addressing table under
// its own mutex (two cores contend rarely).
class VisitedSet {
 public:
  bool insert(const Mask& m) {
    const std::uint64_t h = hash_mask(m);
    Shard& s = shards_[h >> 58];
    while (s.lock.test_and_set(std::memory_order_acquire)) {
    }
    struct Unlock {
      std::atomic_flag& f;
      ~Unlock() { f.clear(std::memory_order_release); }
    } unlock{s.lock};
    if ((s.size + 1) * 2 > s.slots.size()) grow(s);
    std::size_t mask = s.slots.size() - 1, i = static_cast<std::size_t>(h) & mask;
    while (true) {
      if (s.slots[i] == kEmpty) {
        s.slots[i] = m;
        ++s.size;
        total_.fetch_add(1, std::memory_order_relaxed);
        return true;
      }
      if (s.slots[i] == m) return false;
      i = (i + 1) & mask;
    }
  }
  [[nodiscard]] std::size_t size() const { return total_.load(); }

 private:
  static constexpr Mask kEmpty{{~std::uint64_t{0}, ~std::uint64_t{0}}};
  struct alignas(64) Shard {
    std::atomic_flag lock = ATOMIC_FLAG_INIT;
    std::vector<Mask> slots;
    std::size_t size = 0;
  };
  static void grow(Shard& s) {
    std::vector<Mask> old = std::move(s.slots);
    s.slots.assign(std::max<std::size_t>(64, old.size() * 2), kEmpty);
    const std::size_t mask = s.slots.size() - 1;
    for (const Mask& m : old) {
      if (m == kEmpty) continue;
      std::size_t i = static_cast<std::size_t>(hash_mask(m)) & mask;
      while (!(s.slots[i] == kEmpty)) i = (i + 1) & mask;
      s.slots[i] = m;
    }
  }
  Shard shards_[64];
  std::atomic<std::size_t> total_{0};
};

// Number policies: floating point with tolerances, or exact rationals.
struct FloatOps {
  using T = double;
  double tol;
  [[nodiscard]] bool positive(double v) const { return v > tol; }
  [[nodiscard]] bool is_zero(double v) const { return std::fabs(v) <= tol; }
  [[nodiscard]] bool feasible(double v) const { return v >= -100 * tol; }
  [[nodiscard]] bool tie(double r, double best) const { return r <= best + tol * (1 + std::fabs(best)); }
  [[nodiscard]] bool less(double a, double b) const { return a < b; }
  [[nodiscard]] static double clamp0(double v) { return v < 0 ? 0.0 : v; }
  [[nodiscard]] static double mag(double v) { return std::fabs(v); }
  [[nodiscard]] bool usable_pivot(double v) const { return std::fabs(v) > tol * 1e-2; }
  // Two values too close to call: apart by more than the tolerance (so treated as different)
  // but by at most twice it (relative). With payoffs scaled to [1, 2] and a refactorisation
  // every 64 pivots, values that are equal in exact arithmetic agree to far better than 1e-10;
  // values this close but not within the tolerance may be either, and floating point is then
  // not trusted with the game. (The band is narrow because exactly different values fall in it
  // too, rarely, and each time the whole game is solved again exactly.)
  [[nodiscard]] bool ambiguous(double a, double b) const {
    const double dist = std::fabs(a - b), scale = 1 + std::max(std::fabs(a), std::fabs(b));
    return dist > tol * scale && dist <= 2 * tol * scale;
  }
};
struct ExactOps {
  using T = Rational;
  [[nodiscard]] static bool positive(const Rational& v) { return sgn(v) > 0; }
  [[nodiscard]] static bool is_zero(const Rational& v) { return sgn(v) == 0; }
  [[nodiscard]] static bool feasible(const Rational& v) { return sgn(v) >= 0; }
  [[nodiscard]] static bool tie(const Rational& r, const Rational& best) { return r == best; }
  [[nodiscard]] static bool less(const Rational& a, const Rational& b) { return a < b; }
  [[nodiscard]] static Rational clamp0(const Rational& v) { return sgn(v) < 0 ? Rational(0) : v; }
  [[nodiscard]] static int mag(const Rational& v) { return sgn(v) != 0 ? 1 : 0; }
  [[nodiscard]] static bool usable_pivot(const Rational& v) { return sgn(v) != 0; }
  [[nodiscard]] static bool ambiguous(const Rational&, const Rational&) { return false; }
};

// { z >= 0, M z <= 1 }: d structural variables z_0..z_{d-1}, k slacks s_0..s_{k-1} (variable d+r).
template <class T>
struct Polytope {
  std::size_t d = 0, k = 0;
  std::vector<T> M;                   // k x d, row-major
  std::vector<std::size_t> label_of;  // label of variable v (d + k entries)
  // Order of the rows' perturbations, most significant first (empty: row 0 first); variables
  // that never enter the basis (a face search keeps the slacks of its tight rows at 0).
  std::vector<std::size_t> lex_order;
  Mask fixed;
  [[nodiscard]] const T& at(std::size_t r, std::size_t c) const { return M[r * d + c]; }
};

// A factorised basis: basic structural variables Z, tight rows Rt (nonbasic slacks), loose rows
// Rl (basic slacks); the values of z_Z and s_Rl; and the rates at which the basic variables
// decrease when a nonbasic variable enters: X = G^{-1} [M[Rt, :] | I] for z_Z (G = M[Rt, Z]) and
// W = [M[Rl, :] | 0] - M[Rl, Z] X for s_Rl. Columns 0..d-1 of X and W belong to the structural
// variables, column d + t to the slack of tight row Rt[t]. All blocks are contiguous so that the
// products vectorise.
template <class T>
struct Factor {
  std::vector<std::size_t> Z, Rt, Rl;
  std::vector<T> work, X, W, mlz, zval, sval;
  std::size_t wcols = 0;
};

template <class Ops>
bool factorise(const Polytope<typename Ops::T>& P, const Mask& basis, const Ops& ops, Factor<typename Ops::T>& f) {
  using T = typename Ops::T;
  f.Z.clear();
  f.Rt.clear();
  f.Rl.clear();
  for (std::size_t c = 0; c < P.d; ++c)
    if (basis.test(c)) f.Z.push_back(c);
  for (std::size_t r = 0; r < P.k; ++r) (basis.test(P.d + r) ? f.Rl : f.Rt).push_back(r);
  const std::size_t p = f.Z.size(), d = P.d, q = f.Rl.size();
  if (f.Rt.size() != p) return false;
  // Gauss-Jordan on [G | M[Rt, :] | I] (p x (p + d + p)) with partial pivoting: the right blocks
  // become X = G^{-1} [M[Rt, :] | I].
  const std::size_t wc = d + p, w = p + wc;
  f.wcols = wc;
  f.work.assign(p * w, T(0));
  for (std::size_t i = 0; i < p; ++i) {
    T* row = &f.work[i * w];
    const T* mrow = &P.M[f.Rt[i] * d];
    for (std::size_t j = 0; j < p; ++j) row[j] = mrow[f.Z[j]];
    for (std::size_t j = 0; j < d; ++j) row[p + j] = mrow[j];
    row[p + d + i] = T(1);
  }
  for (std::size_t c = 0; c < p; ++c) {
    std::size_t piv = c;
    for (std::size_t r = c; r < p; ++r)
      if (Ops::mag(f.work[r * w + c]) > Ops::mag(f.work[piv * w + c])) piv = r;
    if (!ops.usable_pivot(f.work[piv * w + c])) return false;
    if (piv != c)
      for (std::size_t j = 0; j < w; ++j) std::swap(f.work[piv * w + j], f.work[c * w + j]);
    T* crow = &f.work[c * w];
    const T inv = T(1) / crow[c];
    for (std::size_t j = c; j < w; ++j) crow[j] *= inv;
    for (std::size_t r = 0; r < p; ++r) {
      if (r == c) continue;
      T* rrow = &f.work[r * w];
      const T fac = rrow[c];
      if (Ops::mag(fac) == 0) continue;
      for (std::size_t j = c; j < w; ++j) rrow[j] -= fac * crow[j];
    }
  }
  f.X.resize(p * wc);
  f.zval.assign(p, T(0));
  for (std::size_t i = 0; i < p; ++i) {
    for (std::size_t j = 0; j < wc; ++j) f.X[i * wc + j] = f.work[i * w + p + j];
    for (std::size_t j = 0; j < p; ++j) f.zval[i] += f.X[i * wc + d + j];
  }
  f.mlz.resize(q * p);
  f.W.assign(q * wc, T(0));
  f.sval.assign(q, T(1));
  for (std::size_t r = 0; r < q; ++r) {
    const T* mrow = &P.M[f.Rl[r] * d];
    T* wrow = &f.W[r * wc];
    for (std::size_t j = 0; j < d; ++j) wrow[j] = mrow[j];
    for (std::size_t j = 0; j < p; ++j) {
      const T coef = mrow[f.Z[j]];
      f.mlz[r * p + j] = coef;
      const T* xrow = &f.X[j * wc];
      for (std::size_t c = 0; c < wc; ++c) wrow[c] -= coef * xrow[c];
      f.sval[r] -= coef * f.zval[j];
    }
  }
  for (const auto& v : f.zval)
    if (!ops.feasible(v)) return false;
  for (const auto& v : f.sval)
    if (!ops.feasible(v)) return false;
  return true;
}

struct VertexRec {
  Mask labels, basis;
};

struct SearchResult {
  std::vector<VertexRec> vertices;  // one per vertex (min basis), sorted by labels
  std::size_t bases = 0;
  bool truncated = false;
  bool unsure = false;  // floating point met values too close to call (FloatOps::ambiguous)
};

// A dictionary: basic variable basic[r] = beta[r] - sum_c T[r][c] * (nonbasic variable c).
template <class T>
struct Dict {
  std::vector<T> t, beta;  // k x d, k
  std::vector<std::size_t> basic, nonbasic;
  Mask basis;
};

template <class T>
void dict_from_factor(const Polytope<T>& P, const Factor<T>& f, const Mask& basis, Dict<T>& D) {
  const std::size_t p = f.Z.size(), q = f.Rl.size(), wc = f.wcols, d = P.d;
  D.basis = basis;
  D.basic.clear();
  D.nonbasic.clear();
  std::vector<std::size_t> cols;
  for (std::size_t c = 0; c < d; ++c)
    if (!basis.test(c)) {
      D.nonbasic.push_back(c);
      cols.push_back(c);
    }
  for (std::size_t t = 0; t < p; ++t) {
    D.nonbasic.push_back(d + f.Rt[t]);
    cols.push_back(d + t);
  }
  D.t.resize(P.k * d);
  D.beta.resize(P.k);
  for (std::size_t i = 0; i < p; ++i) {
    D.basic.push_back(f.Z[i]);
    D.beta[i] = f.zval[i];
    for (std::size_t c = 0; c < d; ++c) D.t[i * d + c] = f.X[i * wc + cols[c]];
  }
  for (std::size_t r = 0; r < q; ++r) {
    D.basic.push_back(d + f.Rl[r]);
    D.beta[p + r] = f.sval[r];
    for (std::size_t c = 0; c < d; ++c) D.t[(p + r) * d + c] = f.W[r * wc + cols[c]];
  }
}

// Pivot: row r leaves, column c enters (standard dictionary update).
template <class T>
void dict_pivot(const Dict<T>& D, std::size_t r, std::size_t c, std::size_t d, Dict<T>& out) {
  const std::size_t k = D.beta.size();
  out.t.resize(D.t.size());
  out.beta.resize(k);
  out.basic = D.basic;
  out.nonbasic = D.nonbasic;
  const T inv = T(1) / D.t[r * d + c];
  const T* pr = &D.t[r * d];
  T* nr = &out.t[r * d];
  for (std::size_t j = 0; j < d; ++j) nr[j] = pr[j] * inv;
  nr[c] = inv;
  out.beta[r] = D.beta[r] * inv;
  for (std::size_t i = 0; i < k; ++i) {
    if (i == r) continue;
    const T* src = &D.t[i * d];
    T* dst = &out.t[i * d];
    const T fct = src[c];
    for (std::size_t j = 0; j < d; ++j) dst[j] = src[j] - fct * nr[j];
    dst[c] = -fct * inv;
    out.beta[i] = D.beta[i] - fct * out.beta[r];
  }
  out.basis = D.basis;
  out.basis.reset(D.basic[r]);
  out.basis.set(D.nonbasic[c]);
  std::swap(out.basic[r], out.nonbasic[c]);
}

template <class Ops, class T = typename Ops::T>
Mask dict_labels(const Polytope<typename Ops::T>& P, const Dict<typename Ops::T>& D, const Ops& ops, bool& unsure) {
  Mask l;
  for (std::size_t v : D.nonbasic) l.set(P.label_of[v]);
  for (std::size_t r = 0; r < D.basic.size(); ++r) {
    if (ops.is_zero(D.beta[r])) l.set(P.label_of[D.basic[r]]);
    if (ops.ambiguous(D.beta[r], T(0))) unsure = true;
  }
  return l;
}

// Merges the threads' records into one vertex list (one record per vertex: its smallest basis).
template <class Locals>
SearchResult collect(Locals& locals, std::size_t bases, bool truncated) {
  SearchResult out;
  for (auto& L : locals) {
    out.vertices.insert(out.vertices.end(), L.recs.begin(), L.recs.end());
    out.unsure = out.unsure || L.unsure;
  }
  std::sort(out.vertices.begin(), out.vertices.end(), [](const VertexRec& a, const VertexRec& b) {
    return a.labels == b.labels ? a.basis < b.basis : a.labels < b.labels;
  });
  out.vertices.erase(std::unique(out.vertices.begin(), out.vertices.end(),
                                 [](const VertexRec& a, const VertexRec& b) { return a.labels == b.labels; }),
                     out.vertices.end());
  out.bases = bases;
  out.truncated = truncated;
  return out;
}

// The leaving row of the lexicographic minimum-ratio test for entering column c, or k when the
// column is unbounded. Each slack row i carries a perturbation eps^(i+1) of its right-hand side
// (eps infinitesimal), which makes the polytope simple: ties in the ratio of beta are broken by
// the perturbation's coefficients in each row, B^-1 e_i (column of slack i in the dictionary when
// it is nonbasic, a unit row when it is basic), divided by the pivot. The leaving row is then
// unique and the search visits only lexicographically feasible bases, one per vertex of the
// perturbed polytope (Dantzig, Orden & Wolfe 1955; Avis 2000, lrs) instead of every basis of a
// degenerate vertex. `unsure` is set when floating point cannot decide a comparison.
template <class Ops>
std::size_t lex_leaving_row(const Polytope<typename Ops::T>& P, const Dict<typename Ops::T>& D, std::size_t c,
                            const Ops& ops, std::vector<std::size_t>& ties, bool& unsure) {
  using T = typename Ops::T;
  const std::size_t d = P.d, k = P.k;
  ties.clear();
  T best{};
  for (std::size_t r = 0; r < k; ++r) {
    const T& u = D.t[r * d + c];
    if (!ops.positive(u)) continue;
    const T ratio = Ops::clamp0(D.beta[r]) / u;
    // (Ratios are not checked for ambiguity: among the ~10^9 comparisons of a 20x20 search some
    // legitimately differ by ~1e-9 and would send every large game to exact arithmetic.)
    // ops.tie(r, b) means r <= b within the tolerance (r is not above b by more than it).
    if (ties.empty() || ops.less(ratio, best)) {
      if (!ties.empty() && ops.tie(best, ratio)) {
        ties.push_back(r);  // a new minimum within the tolerance of the old one
      } else {
        ties.assign(1, r);
      }
      best = ratio;
    } else if (ops.tie(ratio, best)) {
      ties.push_back(r);
    }
  }
  if (ties.empty()) return k;
  if (ties.size() == 1) return ties[0];
  // Perturbation coefficient of slack i in row r.
  auto eps = [&](std::size_t r, std::size_t i) -> T {
    const std::size_t var = d + i;
    for (std::size_t cc = 0; cc < d; ++cc)
      if (D.nonbasic[cc] == var) return D.t[r * d + cc];
    return D.basic[r] == var ? T(1) : T(0);
  };
  std::size_t win = ties[0];
  for (std::size_t t = 1; t < ties.size(); ++t) {
    const std::size_t r = ties[t];
    for (std::size_t ii = 0; ii < k; ++ii) {
      const std::size_t i = P.lex_order.empty() ? ii : P.lex_order[ii];
      // Compare eps(r, i) / u_r with eps(win, i) / u_win (both pivots positive).
      const T lhs = eps(r, i) * D.t[win * d + c], rhs = eps(win, i) * D.t[r * d + c];
      if (ops.ambiguous(lhs, rhs)) unsure = true;
      if (!ops.tie(rhs, lhs)) {
        win = r;
        break;
      }  // lhs below rhs by more than the tolerance
      if (!ops.tie(lhs, rhs)) break;
    }
  }
  return win;
}

// Options of one polytope search.
struct SearchOptions {
  bool parallel = true;
  std::size_t max_bases = 0;
  bool stop_on_unsure = false;  // floating point: stop at the first comparison too close to call
  std::optional<Mask> start;    // first basis (default: every slack basic, z = 0)
};

// The vertices of P reachable from the start basis by lexicographic pivots. Each work item is
// refactorised from the data; from it a depth-first search of bounded depth proceeds by
// pivoting (cheap), handing bases at the depth bound back as new work items. The bound limits
// the rounding drift of repeated pivots and the memory held (one dictionary per level: with
// 4096 levels, exact dictionaries of a 24x24 game took hundreds of MB).
template <class Ops>
class PolytopeSearch {
 public:
  using T = typename Ops::T;
  PolytopeSearch(const Polytope<T>& P, const Ops& ops, const SearchOptions& so) : P_(P), ops_(ops), so_(so) {}

  SearchResult run() {
    Mask start;
    for (std::size_t r = 0; r < P_.k; ++r) start.set(P_.d + r);
    if (so_.start) start = *so_.start;
    visited_.insert(start);
    std::vector<Mask> init{start};
    pending_ = 1;
    if (so_.parallel) {
      parallel::for_each(init.begin(), init.end(), [&](const Mask& b, parallel::Feeder<Mask>& feeder) {
        process(b, [&](const Mask& nb) { feeder.add(nb); });
      });
    } else {
      while (!init.empty()) {
        const Mask b = init.back();
        init.pop_back();
        process(b, [&](const Mask& nb) { init.push_back(nb); });
      }
    }
    return collect(locals_, visited_.size(), truncated_);
  }

 private:
  static constexpr std::size_t kDepth = 64;
  static constexpr long kMinPending = 2;
  struct Local {
    Factor<T> f;
    std::vector<Dict<T>> level;
    std::vector<std::size_t> ties;
    std::vector<VertexRec> recs;
    bool unsure = false;
  };

  void record(Local& L, const Dict<T>& D) {
    L.recs.push_back({dict_labels(P_, D, ops_, L.unsure), D.basis});
    if (L.unsure && so_.stop_on_unsure) stop_ = true;
  }

  // The work item b: an explicit depth-first search over levels, at each level the entering
  // columns in turn.
  template <class Push>
  void process(const Mask& b, Push&& push) {
    pending_.fetch_sub(1, std::memory_order_relaxed);
    Local& L = locals_.local();
    if (L.level.empty()) L.level.resize(kDepth + 1);
    if (stop_ || !factorise(P_, b, ops_, L.f)) return;
    dict_from_factor(P_, L.f, b, L.level[0]);
    thread_local std::vector<std::size_t> next_col;
    next_col.assign(kDepth + 1, 0);
    std::size_t depth = 0;
    record(L, L.level[0]);
    while (!stop_) {
      bool descended = false;
      for (std::size_t& c = next_col[depth]; c < P_.d && !descended; ++c) descended = enter(L, depth, c, push);
      if (descended) {
        next_col[++depth] = 0;
        continue;
      }
      if (depth == 0) break;
      --depth;
    }
  }

  // Column c enters the dictionary at `depth`: a new basis is either handed to the pool or
  // pivoted to at depth + 1 (true: the search descends into it).
  template <class Push>
  bool enter(Local& L, std::size_t depth, std::size_t c, Push& push) {
    Dict<T>& D = L.level[depth];
    if (P_.fixed.test(D.nonbasic[c])) return false;
    const std::size_t r = lex_leaving_row(P_, D, c, ops_, L.ties, L.unsure);
    if (r == P_.k) return false;
    Mask nb = D.basis;
    nb.reset(D.basic[r]);
    nb.set(D.nonbasic[c]);
    if (visited_.size() >= so_.max_bases) {
      truncated_ = true;
      return false;
    }
    if (!visited_.insert(nb)) return false;
    // Work sharing: while the pool has few queued items, hand new bases to it (they are
    // refactorised there) so that every thread has work; otherwise continue by pivoting.
    if ((so_.parallel && pending_.load(std::memory_order_relaxed) < kMinPending) || depth == kDepth) {
      pending_.fetch_add(1, std::memory_order_relaxed);
      push(nb);
      return false;
    }
    dict_pivot(D, r, c, P_.d, L.level[depth + 1]);
    record(L, L.level[depth + 1]);
    return true;
  }

  const Polytope<T>& P_;
  const Ops& ops_;
  const SearchOptions& so_;
  VisitedSet visited_;
  std::atomic<bool> truncated_{false}, stop_{false};
  tbb::enumerable_thread_specific<Local> locals_;
  std::atomic<long> pending_{0};
};

template <class Ops>
SearchResult search(const Polytope<typename Ops::T>& P, const Ops& ops, const SearchOptions& so) {
  return PolytopeSearch<Ops>(P, ops, so).run();
}

enum class FaceStart { kFound, kEmpty, kUnsure };

// A first basis of the face of P where the rows whose slacks are P.fixed are tight: the simplex
// method from z = 0 minimises the sum of those slacks (most improving column enters, the
// lexicographic ratio test picks the leaving row, so no pivot is degenerate and it terminates).
// The fixed rows must be linearly independent and come last in P.lex_order. kFound: no fixed
// slack is basic at the minimum (a basis of the perturbed face); kEmpty: the minimum is
// positive, the face is empty; kUnsure: a fixed slack stays basic at 0 (z >= 0 is not
// perturbed, so the perturbed face can be empty when the face is a point on z_j = 0), or
// floating point could not decide.
template <class Ops>
FaceStart face_start(const Polytope<typename Ops::T>& P, const Ops& ops, Mask& basis) {
  using T = typename Ops::T;
  for (std::size_t r = 0; r < P.k; ++r) basis.set(P.d + r);
  Factor<T> f;
  Dict<T> D, E;
  std::vector<std::size_t> ties;
  bool unsure = false;
  for (std::size_t it = 0;; ++it) {
    if (it > 64 * (P.d + P.k)) return FaceStart::kUnsure;  // rounding keeps it from terminating
    if (it % 64 == 0) {                                    // refactorise from the data to bound rounding drift
      if (!factorise(P, basis, ops, f)) return FaceStart::kUnsure;
      dict_from_factor(P, f, basis, D);
    }
    std::size_t enter = P.d;
    T best(0);
    for (std::size_t c = 0; c < P.d; ++c) {
      if (P.fixed.test(D.nonbasic[c])) continue;
      T rate(0);  // decrease of the objective per unit of the entering variable
      for (std::size_t r = 0; r < P.k; ++r)
        if (P.fixed.test(D.basic[r])) rate += D.t[r * P.d + c];
      if (ops.positive(rate) && (enter == P.d || ops.less(best, rate))) {
        enter = c;
        best = rate;
      }
    }
    if (enter == P.d) break;
    const std::size_t leave = lex_leaving_row(P, D, enter, ops, ties, unsure);
    if (leave == P.k || unsure) return FaceStart::kUnsure;
    dict_pivot(D, leave, enter, P.d, E);
    std::swap(D, E);
    basis = D.basis;
  }
  for (std::size_t r = 0; r < P.k; ++r) {
    if (!P.fixed.test(D.basic[r])) continue;
    return ops.positive(D.beta[r]) && !ops.ambiguous(D.beta[r], T(0)) ? FaceStart::kEmpty : FaceStart::kUnsure;
  }
  return FaceStart::kFound;
}

// Builds P (for player 1) and Q (for player 2) from positive payoff matrices a, b (as T).
template <class T>
void build(const std::vector<std::vector<T>>& a, const std::vector<std::vector<T>>& b, Polytope<T>& P, Polytope<T>& Q) {
  const std::size_t m = a.size(), n = a[0].size();
  P.d = m;
  P.k = n;
  P.M.assign(n * m, T(0));
  for (std::size_t j = 0; j < n; ++j)
    for (std::size_t i = 0; i < m; ++i) P.M[j * m + i] = b[i][j];
  P.label_of.resize(m + n);
  for (std::size_t v = 0; v < m + n; ++v) P.label_of[v] = v;  // x_i -> i, slack j -> m+j
  Q.d = n;
  Q.k = m;
  Q.M.assign(m * n, T(0));
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t j = 0; j < n; ++j) Q.M[i * n + j] = a[i][j];
  Q.label_of.resize(m + n);
  for (std::size_t j = 0; j < n; ++j) Q.label_of[j] = m + j;  // y_j -> m+j
  for (std::size_t i = 0; i < m; ++i) Q.label_of[n + i] = i;  // slack i -> i
}

// Exact point of a vertex from one of its bases (z values, normalised to a probability vector).
bool exact_point(const Polytope<Rational>& P, const Mask& basis, std::vector<Rational>& out) {
  // Only the square system M[tight rows, basic z] z = 1 is solved (not the whole factorisation
  // a search needs); the point must then satisfy z >= 0 and the loose rows.
  std::vector<std::size_t> Z, Rt, Rl;
  for (std::size_t c = 0; c < P.d; ++c)
    if (basis.test(c)) Z.push_back(c);
  for (std::size_t r = 0; r < P.k; ++r) (basis.test(P.d + r) ? Rl : Rt).push_back(r);
  if (Z.empty() || Z.size() != Rt.size()) return false;
  std::vector<std::vector<Rational>> mat(Z.size(), std::vector<Rational>(Z.size()));
  for (std::size_t i = 0; i < Rt.size(); ++i)
    for (std::size_t j = 0; j < Z.size(); ++j) mat[i][j] = P.at(Rt[i], Z[j]);
  std::vector<Rational> z;
  if (!detail::solve_exact(std::move(mat), std::vector<Rational>(Z.size(), Rational(1)), z)) return false;
  out.clear();
  out.resize(P.d);  // default-constructed rationals are 0 (and cost one allocation, not two)
  Rational sum = 0;
  for (std::size_t j = 0; j < Z.size(); ++j) {
    if (sgn(z[j]) < 0) return false;
    out[Z[j]] = z[j];
    sum += z[j];
  }
  for (std::size_t r : Rl) {
    Rational v = 0;
    for (std::size_t j = 0; j < Z.size(); ++j) v += P.at(r, Z[j]) * z[j];
    if (v > 1) return false;
  }
  if (sgn(sum) <= 0) return false;
  for (auto& v : out)
    if (sgn(v) != 0) v /= sum;
  return true;
}

// The labels 0..m+n-1 of a bimatrix game: i < m for player 1's strategies, m + j for player 2's.
struct LabelSets {
  std::size_t m = 0, n = 0;
  Mask full, x_zero, y_zero;  // all labels; the labels of x = 0 in P; of y = 0 in Q
  LabelSets(std::size_t m_, std::size_t n_) : m(m_), n(n_) {
    for (std::size_t l = 0; l < m + n; ++l) full.set(l);
    for (std::size_t i = 0; i < m; ++i) x_zero.set(i);
    for (std::size_t j = 0; j < n; ++j) y_zero.set(m + j);
  }
  [[nodiscard]] Mask complement(const Mask& l) const {
    Mask c;
    c.w[0] = full.w[0] & ~l.w[0];
    c.w[1] = full.w[1] & ~l.w[1];
    return c;
  }
};

// Candidate equilibria: vertices of P and Q and the completely labelled pairs among them.
struct Candidates {
  SearchResult sp, sq;
  std::vector<std::pair<std::size_t, std::size_t>> pairs;  // (P vertex, Q vertex)
  std::string message;
};

// Payoffs (all >= 1) scaled to [1, 2] as doubles (equilibria are invariant under positive
// affine maps of a player's payoffs).
std::vector<std::vector<double>> scaled_to_unit(const std::vector<std::vector<Rational>>& x) {
  Rational hi = x[0][0];
  for (const auto& r : x)
    for (const auto& v : r) hi = std::max(hi, v);
  const Rational span = hi - 1 > 0 ? hi - 1 : Rational(1);
  std::vector<std::vector<double>> y(x.size());
  for (std::size_t i = 0; i < x.size(); ++i)
    for (const auto& v : x[i]) y[i].push_back(Rational((v - 1) / span + 1).get_d());
  return y;
}

// The partner y of a nondegenerate vertex x of P in floating point: with C the n labels x
// lacks, y solves y_j = 0 for the column labels in C and (A y)_i = 1 for the row labels in C.
class PartnerSolver {
 public:
  enum class Result { kPoint, kNone, kUnsure };
  PartnerSolver(const std::vector<std::vector<double>>& a, std::size_t m, std::size_t n) : a_(a), m_(m), n_(n), y_(n) {}
  // kPoint: y found, `lab` its labels; kNone: the solution is not in Q; kUnsure: the system is
  // singular or a value is too close to a bound to decide in floating point.
  Result solve(const Mask& tight, Mask& lab) {
    R_.clear();
    S_.clear();
    for (std::size_t i = 0; i < m_; ++i)
      if (tight.test(i)) R_.push_back(i);
    for (std::size_t j = 0; j < n_; ++j)
      if (!tight.test(m_ + j)) S_.push_back(j);
    if (R_.size() != S_.size() || !eliminate()) return Result::kUnsure;
    // Values within 1e-9 of a bound are on it; values clear of it by more than 1e-7 are off it;
    // in between floating point cannot decide (rounding in well-conditioned systems of order
    // <= 128 with entries in [1, 2] is far below 1e-9).
    constexpr double kTight = 1e-9, kClear = 1e-7;
    auto unsure = [&](double dist) { return std::fabs(dist) > kTight && std::fabs(dist) < kClear; };
    lab = Mask{};
    for (std::size_t j = 0; j < n_; ++j) {
      if (unsure(y_[j])) return Result::kUnsure;
      if (y_[j] < -kTight) return Result::kNone;
      if (y_[j] <= kTight) lab.set(m_ + j);
    }
    for (std::size_t i = 0; i < m_; ++i) {
      double v = 0;
      for (std::size_t t : S_) v += a_[i][t] * y_[t];
      if (unsure(1 - v)) return Result::kUnsure;
      if (v > 1 + kTight) return Result::kNone;
      if (v >= 1 - kTight) lab.set(i);
    }
    return Result::kPoint;
  }

 private:
  // Gaussian elimination with partial pivoting of a[R, S] y_S = 1; false when (nearly) singular.
  bool eliminate() {
    const std::size_t k = R_.size();
    mat_.assign(k * k, 0.0);
    rhs_.assign(k, 1.0);
    for (std::size_t r = 0; r < k; ++r)
      for (std::size_t t = 0; t < k; ++t) mat_[r * k + t] = a_[R_[r]][S_[t]];
    for (std::size_t col = 0; col < k; ++col) {
      std::size_t piv = col;
      for (std::size_t r = col + 1; r < k; ++r)
        if (std::fabs(mat_[r * k + col]) > std::fabs(mat_[piv * k + col])) piv = r;
      if (std::fabs(mat_[piv * k + col]) < 1e-7) return false;
      if (piv != col) {
        for (std::size_t t = 0; t < k; ++t) std::swap(mat_[piv * k + t], mat_[col * k + t]);
        std::swap(rhs_[piv], rhs_[col]);
      }
      for (std::size_t r = col + 1; r < k; ++r) {
        const double fct = mat_[r * k + col] / mat_[col * k + col];
        for (std::size_t t = col; t < k; ++t) mat_[r * k + t] -= fct * mat_[col * k + t];
        rhs_[r] -= fct * rhs_[col];
      }
    }
    std::fill(y_.begin(), y_.end(), 0.0);
    for (std::size_t r = k; r-- > 0;) {
      double v = rhs_[r];
      for (std::size_t t = r + 1; t < k; ++t) v -= mat_[r * k + t] * y_[S_[t]];
      y_[S_[r]] = v / mat_[r * k + r];
    }
    return true;
  }
  const std::vector<std::vector<double>>& a_;
  std::size_t m_, n_;
  std::vector<double> y_, mat_, rhs_;
  std::vector<std::size_t> R_, S_;
};

// The completely labelled pairs of the vertex lists of P and Q.
void match_by_labels(const LabelSets& L, Candidates& c) {
  std::unordered_map<Mask, std::size_t, MaskHash> q_index;
  std::vector<std::size_t> q_degenerate;
  for (std::size_t t = 0; t < c.sq.vertices.size(); ++t) {
    const Mask& ly = c.sq.vertices[t].labels;
    if (ly.contains(L.y_zero)) continue;  // y = 0
    if (ly.count() == static_cast<int>(L.n))
      q_index.emplace(ly, t);
    else
      q_degenerate.push_back(t);
  }
  for (std::size_t s = 0; s < c.sp.vertices.size(); ++s) {
    const Mask& lx = c.sp.vertices[s].labels;
    if (lx.contains(L.x_zero)) continue;  // x = 0
    const Mask comp = L.complement(lx);
    if (lx.count() == static_cast<int>(L.m)) {
      if (auto it = q_index.find(comp); it != q_index.end()) c.pairs.emplace_back(s, it->second);
      for (std::size_t t : q_degenerate)
        if (c.sq.vertices[t].labels.contains(comp)) c.pairs.emplace_back(s, t);
    } else {
      for (std::size_t t = 0; t < c.sq.vertices.size(); ++t) {
        const Mask& ly = c.sq.vertices[t].labels;
        if (!ly.contains(L.y_zero) && ly.contains(comp)) c.pairs.emplace_back(s, t);
      }
    }
  }
}

// Exact partners of the vertices of P without enumerating Q (the approach of lrsnash, Avis et al.
// 2010, sec. 5). The partners of a vertex x with labels L are the vertices y of Q whose labels
// contain C = complement(L). Such a y has n linearly independent tight constraints; they can be
// taken as a maximal independent subset C' of C extended by n - rank(C) labels of L. Each
// choice is a square system in the unknowns y_j off the column labels chosen (at most
// min(m, n) of them), solved exactly; solutions in Q whose labels contain C are the partners.
class ExactPartners {
 public:
  // With `ad` (the payoffs a scaled to [1, 2] as doubles), faces are searched in floating point
  // first and again exactly only when floating point cannot decide a comparison.
  ExactPartners(const std::vector<std::vector<Rational>>& a, const LabelSets& L, std::size_t max_face_bases,
                const std::vector<std::vector<double>>* ad = nullptr, double tolerance = 0)
      : a_(a), ad_(ad), tol_(tolerance), L_(L), max_face_bases_(max_face_bases) {}

  static constexpr double kMaxSystems = 20000;

  // Adds the partners of P vertex s to `out`. With more than `max_choices` systems to solve, the
  // face is enumerated by a search instead; false when that search was truncated.
  bool add(std::size_t s, Candidates& out, double max_choices) {
    const Mask c = L_.complement(out.sp.vertices[s].labels);
    std::vector<std::size_t> base_rows, cols, rest;
    for (std::size_t j = 0; j < L_.n; ++j)
      if (!c.test(L_.m + j)) cols.push_back(j);
    independent_rows(c, cols, base_rows);
    for (std::size_t l = 0; l < L_.m + L_.n; ++l)
      if (!c.test(l)) rest.push_back(l);
    const std::size_t extra = cols.size() - base_rows.size();
    double choices = 1;
    for (std::size_t e = 0; e < extra; ++e)
      choices = choices * static_cast<double>(rest.size() - e) / static_cast<double>(e + 1);
    if (extra > rest.size()) return true;  // no vertex of Q has the labels C
    if (choices > max_choices) {
      if (auto done = face_by_search(s, c, cols, base_rows, out)) return *done;
      // No first basis of the face (see face_start): one system per choice while there are not
      // too many, else every vertex of Q' (no row held tight) is searched.
      if (choices > kMaxSystems) return *face_by_search(s, c, cols, {}, out);
    }
    std::vector<std::size_t> pick(extra);
    for (std::size_t e = 0; e < extra; ++e) pick[e] = e;
    std::vector<std::size_t> found;
    while (true) {
      std::vector<std::size_t> rows = base_rows, free;
      Mask dropped;
      for (std::size_t e : pick) {
        if (rest[e] < L_.m)
          rows.push_back(rest[e]);
        else
          dropped.set(rest[e] - L_.m);
      }
      for (std::size_t j : cols)
        if (!dropped.test(j)) free.push_back(j);
      Mask lab;
      if (rows.size() == free.size() && !free.empty() && solve_point(rows, free, c, lab))
        record(s, rows, free, lab, out, found);
      if (!next_combination(pick, rest.size())) break;
    }
    return true;
  }

 private:
  // The partners of vertex s when the face has many candidate tight sets: the vertices of the
  // face of Q' = { y >= 0, A y <= 1, y_j = 0 off `cols` } (a polytope of the same form as Q, in
  // the columns `cols` only) where the independent rows `rows` of C are tight are found by the
  // lexicographic search within that face, and those whose labels contain c are kept.
  // Empty when no first basis of the face was found; else false when the search was truncated.
  std::optional<bool> face_by_search(std::size_t s, const Mask& c, const std::vector<std::size_t>& cols,
                                     const std::vector<std::size_t>& rows, Candidates& out) {
    Mask zero_cols;  // labels of the columns fixed at 0
    for (std::size_t j = 0; j < L_.n; ++j) zero_cols.set(L_.m + j);
    for (std::size_t j : cols) zero_cols.reset(L_.m + j);
    Mask key;  // vertices of P with the same free columns and tight rows share the face
    for (std::size_t j : cols) key.set(L_.m + j);
    for (std::size_t i : rows) key.set(i);
    auto cached = faces_.find(key);
    if (cached == faces_.end()) cached = faces_.emplace(key, face_search(cols, rows)).first;
    if (!cached->second) return std::nullopt;
    const SearchResult& r = *cached->second;
    std::vector<std::size_t> found;
    for (const auto& v : r.vertices) {
      Mask lab = v.labels;
      lab.w[0] |= zero_cols.w[0];
      lab.w[1] |= zero_cols.w[1];
      if (!lab.contains(c) || lab.contains(L_.y_zero)) continue;
      std::vector<std::size_t> tight, free;
      for (std::size_t t = 0; t < cols.size(); ++t)
        if (v.basis.test(t)) free.push_back(cols[t]);
      for (std::size_t i = 0; i < L_.m; ++i)
        if (!v.basis.test(cols.size() + i)) tight.push_back(i);
      record(s, tight, free, lab, out, found);
    }
    return !r.truncated;
  }

  // The vertices of that face (variables: y_t for cols[t], then the m slacks): in floating point
  // when the scaled payoffs are given and it decides every comparison, else exactly. (The
  // candidates are checked exactly later; a vertex the floating-point search missed would have
  // to lie within the tie tolerance of another, which the search reports as unsure.)
  // Empty when no first basis was found (see face_start).
  std::optional<SearchResult> face_search(const std::vector<std::size_t>& cols,
                                          const std::vector<std::size_t>& rows) const {
    SearchResult r;
    if (ad_ != nullptr) {
      const FaceStart st = face_search(face_polytope(*ad_, cols, rows), FloatOps{tol_}, true, r);
      if (st == FaceStart::kFound) return r;
      Mask start;  // an empty face is confirmed exactly (a face missed would lose equilibria)
      if (st == FaceStart::kEmpty && face_start(face_polytope(a_, cols, rows), ExactOps{}, start) == FaceStart::kEmpty)
        return SearchResult{};
    }
    const FaceStart st = face_search(face_polytope(a_, cols, rows), ExactOps{}, false, r);
    if (st == FaceStart::kUnsure) return std::nullopt;
    return st == FaceStart::kEmpty ? SearchResult{} : r;
  }

  // kEmpty: the face is empty; kUnsure: no first basis was found or floating point could not
  // decide a comparison.
  template <class T, class Ops>
  FaceStart face_search(const Polytope<T>& F, const Ops& ops, bool stop_on_unsure, SearchResult& r) const {
    Mask start;
    const FaceStart st = face_start(F, ops, start);
    if (st != FaceStart::kFound) return st;
    r = search(F, ops, SearchOptions{false, max_face_bases_, stop_on_unsure, start});
    return r.unsure ? FaceStart::kUnsure : FaceStart::kFound;
  }

  template <class T>
  Polytope<T> face_polytope(const std::vector<std::vector<T>>& a, const std::vector<std::size_t>& cols,
                            const std::vector<std::size_t>& rows) const {
    Polytope<T> F;
    F.d = cols.size();
    F.k = L_.m;
    F.M.resize(F.k * F.d);
    for (std::size_t i = 0; i < L_.m; ++i)
      for (std::size_t t = 0; t < F.d; ++t) F.M[i * F.d + t] = a[i][cols[t]];
    F.label_of.resize(F.d + F.k);
    for (std::size_t t = 0; t < F.d; ++t) F.label_of[t] = L_.m + cols[t];
    for (std::size_t i = 0; i < F.k; ++i) F.label_of[F.d + i] = i;
    Mask tight;
    for (std::size_t i : rows) {
      tight.set(i);
      F.fixed.set(F.d + i);
    }
    for (std::size_t i = 0; i < F.k; ++i)
      if (!tight.test(i)) F.lex_order.push_back(i);
    for (std::size_t i : rows) F.lex_order.push_back(i);
    return F;
  }

  // A maximal subset of the row labels in c whose rows a[i][cols] are linearly independent.
  void independent_rows(const Mask& c, const std::vector<std::size_t>& cols, std::vector<std::size_t>& rows) const {
    std::vector<std::vector<Rational>> echelon;
    std::vector<std::size_t> lead;
    for (std::size_t i = 0; i < L_.m; ++i) {
      if (!c.test(i)) continue;
      std::vector<Rational> v(cols.size());
      for (std::size_t t = 0; t < cols.size(); ++t) v[t] = a_[i][cols[t]];
      for (std::size_t e = 0; e < echelon.size(); ++e)
        if (sgn(v[lead[e]]) != 0) {
          const Rational f = v[lead[e]] / echelon[e][lead[e]];
          for (std::size_t t = 0; t < v.size(); ++t) v[t] -= f * echelon[e][t];
        }
      std::size_t t = 0;
      while (t < v.size() && sgn(v[t]) == 0) ++t;
      if (t == v.size()) continue;
      echelon.push_back(std::move(v));
      lead.push_back(t);
      rows.push_back(i);
    }
  }

  // Solves a[rows][free] y = 1 (y = 0 elsewhere); true when the solution is a point of Q whose
  // labels `lab` contain c.
  bool solve_point(const std::vector<std::size_t>& rows, const std::vector<std::size_t>& free, const Mask& c,
                   Mask& lab) const {
    const std::size_t k = rows.size();
    std::vector<std::vector<Rational>> mat(k, std::vector<Rational>(k));
    for (std::size_t r = 0; r < k; ++r)
      for (std::size_t t = 0; t < k; ++t) mat[r][t] = a_[rows[r]][free[t]];
    std::vector<Rational> sol;
    if (!detail::solve_exact(std::move(mat), std::vector<Rational>(k, Rational(1)), sol)) return false;
    lab = Mask{};
    std::vector<Rational> y(L_.n, Rational(0));
    for (std::size_t t = 0; t < k; ++t) {
      if (sgn(sol[t]) < 0) return false;
      y[free[t]] = sol[t];
    }
    for (std::size_t j = 0; j < L_.n; ++j)
      if (sgn(y[j]) == 0) lab.set(L_.m + j);
    for (std::size_t i = 0; i < L_.m; ++i) {
      Rational v = 0;
      for (std::size_t j : free) v += a_[i][j] * y[j];
      if (v > 1) return false;
      if (v == 1) lab.set(i);
    }
    return lab.contains(c);
  }

  void record(std::size_t s, const std::vector<std::size_t>& rows, const std::vector<std::size_t>& free,
              const Mask& lab, Candidates& out, std::vector<std::size_t>& found) {
    auto [it, fresh] = index_.emplace(lab, out.sq.vertices.size());
    if (fresh) {
      Mask qb;  // Q's variables: y_j basic for the free columns, slack n + i basic off `rows`
      for (std::size_t j : free) qb.set(j);
      for (std::size_t i = 0; i < L_.m; ++i) qb.set(L_.n + i);
      for (std::size_t i : rows) qb.reset(L_.n + i);
      out.sq.vertices.push_back({lab, qb});
    }
    if (std::find(found.begin(), found.end(), it->second) != found.end()) return;
    found.push_back(it->second);
    out.pairs.emplace_back(s, it->second);
  }

  static bool next_combination(std::vector<std::size_t>& pick, std::size_t n) {
    std::size_t e = pick.size();
    while (e > 0 && pick[e - 1] == n - pick.size() + e - 1) --e;
    if (e == 0) return false;
    ++pick[e - 1];
    for (std::size_t f = e; f < pick.size(); ++f) pick[f] = pick[f - 1] + 1;
    return true;
  }

  const std::vector<std::vector<Rational>>& a_;
  const std::vector<std::vector<double>>* ad_;
  double tol_;
  const LabelSets& L_;
  std::size_t max_face_bases_;
  std::unordered_map<Mask, std::size_t, MaskHash> index_;
  std::unordered_map<Mask, std::optional<SearchResult>, MaskHash> faces_;
};

// Floating-point search of P (lexicographic, ties within the tolerance taken as exact ties);
// the partner of a nondegenerate vertex is one square system in doubles, the partners of a
// degenerate vertex (or of one whose system floating point cannot decide) are solved exactly.
// Returns false when some comparison of the search was too close to call; the caller then
// solves the game exactly.
bool float_candidates(const std::vector<std::vector<Rational>>& a, const std::vector<std::vector<Rational>>& b,
                      const LabelSets& L, const EnumOptions& options, Candidates& out) {
  Polytope<double> Pd, Qd;
  const auto ad = scaled_to_unit(a);
  build(ad, scaled_to_unit(b), Pd, Qd);
  out.sp =
      search(Pd, FloatOps{options.tolerance}, SearchOptions{options.parallel, options.max_bases, true, std::nullopt});
  if (out.sp.unsure) return false;
  PartnerSolver solver(ad, L.m, L.n);
  ExactPartners exact(a, L, options.max_bases, &ad, options.tolerance);
  // A degenerate vertex with more choices of tight sets than this has its face of Q searched
  // (in floating point, cheap) rather than one exact system solved per choice.
  constexpr double kFloatMaxChoices = 16;
  std::unordered_map<Mask, std::size_t, MaskHash> q_of;  // partner labels -> index in sq.vertices
  std::size_t solved_exactly = 0;
  for (std::size_t s = 0; s < out.sp.vertices.size(); ++s) {
    const Mask& lx = out.sp.vertices[s].labels;
    if (lx.contains(L.x_zero)) continue;
    const Mask c = L.complement(lx);
    Mask lab;
    const auto r = lx.count() == static_cast<int>(L.m) ? solver.solve(c, lab) : PartnerSolver::Result::kUnsure;
    if (r == PartnerSolver::Result::kUnsure) {
      ++solved_exactly;
      if (!exact.add(s, out, kFloatMaxChoices)) return false;
      continue;
    }
    if (r == PartnerSolver::Result::kNone) continue;
    auto [it, fresh] = q_of.emplace(lab, out.sq.vertices.size());
    if (fresh) {
      Mask qb;  // Q's variables: y_j (j < n) has label m + j, slack n + i label i; basic = not in C
      for (std::size_t j = 0; j < L.n; ++j)
        if (!c.test(L.m + j)) qb.set(j);
      for (std::size_t i = 0; i < L.m; ++i)
        if (!c.test(i)) qb.set(L.n + i);
      out.sq.vertices.push_back({lab, qb});
    }
    out.pairs.emplace_back(s, it->second);
  }
  out.message = "bases visited: " + std::to_string(out.sp.bases) + " of P (player 1), Q not enumerated (partners " +
                "solved directly" + (solved_exactly ? ", " + std::to_string(solved_exactly) + " of them exactly" : "") +
                "), floating-point pivoting";
  return true;
}

// P searched with exact rational pivots; partners of its vertices solved exactly, or, when some
// vertex has too many choices of tight sets, Q searched as well and pairs matched by labels.
void exact_candidates(const std::vector<std::vector<Rational>>& a, const Polytope<Rational>& Pq,
                      const Polytope<Rational>& Qq, const LabelSets& L, const EnumOptions& options, Candidates& out) {
  out = Candidates{};
  const SearchOptions so{options.parallel, options.max_bases, false, std::nullopt};
  out.sp = search(Pq, ExactOps{}, so);
  ExactPartners partners(a, L, options.max_bases);
  bool direct = true;
  for (std::size_t s = 0; s < out.sp.vertices.size() && direct; ++s)
    if (!out.sp.vertices[s].labels.contains(L.x_zero)) direct = partners.add(s, out, ExactPartners::kMaxSystems);
  if (direct) {
    out.message = "bases visited: " + std::to_string(out.sp.bases) +
                  " of P (player 1), Q not enumerated (partners solved exactly), exact pivoting";
    return;
  }
  out.pairs.clear();
  out.sq = search(Qq, ExactOps{}, so);
  match_by_labels(L, out);
  out.message = "bases visited: " + std::to_string(out.sp.bases) + " of P (player 1), " + std::to_string(out.sq.bases) +
                " of Q (player 2), exact pivoting";
}

// A vertex's exact point (empty when its basis gives none) and the payoffs of the other
// player's pure strategies against it, with the best of them.
struct ExactVertex {
  std::vector<Rational> point;
  std::vector<Rational> values;
  Rational best;
};

// `pay[i][j]`: the other player's payoff for his strategy j when this vertex's player plays i.
// Only the support of the point is summed over (most entries of an extreme point are 0).
ExactVertex exact_vertex(const Polytope<Rational>& P, const Mask& basis,
                         const std::vector<std::vector<Rational>>& pay) {
  ExactVertex v;
  if (!exact_point(P, basis, v.point)) {
    v.point.clear();
    return v;
  }
  v.values.resize(pay[0].size());  // zeros
  for (std::size_t i = 0; i < v.point.size(); ++i)
    if (sgn(v.point[i]) != 0)
      for (std::size_t j = 0; j < v.values.size(); ++j) v.values[j] += v.point[i] * pay[i][j];
  v.best = *std::max_element(v.values.begin(), v.values.end());
  return v;
}

// Every strategy that `mine` plays is a best response to `theirs`.
bool plays_best_responses(const ExactVertex& mine, const ExactVertex& theirs) {
  for (std::size_t i = 0; i < mine.point.size(); ++i)
    if (sgn(mine.point[i]) != 0 && theirs.values[i] != theirs.best) return false;
  return true;
}

// The equilibrium (x, y): each player's payoff is his best value against the other's point.
// The points are taken over (moved) when `last_x` / `last_y` say that no later pair needs them.
NfgEquilibrium exact_equilibrium(ExactVertex& x, ExactVertex& y, bool last_x, bool last_y) {
  NfgEquilibrium e;
  e.exact = true;
  e.profile.reserve(2);  // pushed, not from an initializer list, which would copy every entry twice
  e.profile.push_back(last_x ? std::move(x.point) : x.point);
  e.profile.push_back(last_y ? std::move(y.point) : y.point);
  e.payoffs.push_back(y.best);
  e.payoffs.push_back(x.best);
  for (const auto& v : e.payoffs) e.payoffs_d.push_back(v.get_d());
  for (const auto& v : e.profile) {
    std::vector<double> d;
    d.reserve(v.size());
    for (const auto& q : v) d.push_back(q.get_d());
    e.profile_d.push_back(std::move(d));
  }
  return e;
}

// Recomputes every candidate pair exactly from its bases and keeps the exact Nash equilibria;
// returns the number of candidates rejected. The values against each vertex are computed once
// per vertex (a vertex is in many pairs), so a pair costs only comparisons.
std::size_t verify_candidates(const detail::Bimatrix& bm, const Polytope<Rational>& Pq, const Polytope<Rational>& Qq,
                              const Candidates& c, std::vector<NfgEquilibrium>& out) {
  std::vector<std::vector<Rational>> a_t(bm.n, std::vector<Rational>(bm.m));  // player 1's payoffs, by column
  for (std::size_t i = 0; i < bm.m; ++i)
    for (std::size_t j = 0; j < bm.n; ++j) a_t[j][i] = bm.a[i][j];
  std::unordered_map<std::size_t, ExactVertex> xs, ys;
  std::unordered_map<std::size_t, std::size_t> x_uses, y_uses;  // pairs left that need the vertex
  for (auto [s, t] : c.pairs) ++x_uses[s], ++y_uses[t];
  auto vertex = [](auto& cache, const Polytope<Rational>& P, const SearchResult& r, std::size_t v,
                   const std::vector<std::vector<Rational>>& pay) -> ExactVertex& {
    auto it = cache.find(v);
    if (it == cache.end()) it = cache.emplace(v, exact_vertex(P, r.vertices[v].basis, pay)).first;
    return it->second;
  };
  std::size_t rejected = 0;
  for (auto [s, t] : c.pairs) {
    auto& x = vertex(xs, Pq, c.sp, s, bm.b);
    auto& y = vertex(ys, Qq, c.sq, t, a_t);
    const bool last_x = --x_uses[s] == 0, last_y = --y_uses[t] == 0;
    if (x.point.empty() || y.point.empty() || !plays_best_responses(x, y) || !plays_best_responses(y, x)) {
      ++rejected;
      continue;
    }
    out.push_back(exact_equilibrium(x, y, last_x, last_y));
  }
  detail::sort_unique(out);
  return rejected;
}

// The game with the players' roles exchanged (player 2's strategies become the rows).
NormalFormGame exchanged(const NormalFormGame& g, const detail::Bimatrix& bm) {
  NormalFormGame t({g.players()[1], g.players()[0]}, {g.strategies()[1], g.strategies()[0]}, g.title());
  for (std::size_t i = 0; i < bm.m; ++i)
    for (std::size_t j = 0; j < bm.n; ++j) {
      t.set_payoff(j + bm.n * i, 0, bm.b[i][j]);
      t.set_payoff(j + bm.n * i, 1, bm.a[i][j]);
    }
  return t;
}

}  // namespace

NfgSolution enumerate_extreme_equilibria(const NormalFormGame& g, const EnumOptions& options) {
  const auto bm = detail::bimatrix_of(g, "extreme-equilibrium enumeration");
  if (bm.n < bm.m) {
    // Enumerate the polytope of lower dimension (as a rule it has far fewer vertices): solve the
    // game with the players' roles exchanged and exchange them back.
    NfgSolution st = enumerate_extreme_equilibria(exchanged(g, bm), options);
    NfgSolution out;
    out.method = st.method;
    out.complete = st.complete;
    out.work = st.work;
    out.message = st.message + " (roles exchanged: the polytope of the player with fewer strategies was enumerated)";
    for (auto& e : st.equilibria)
      out.equilibria.push_back(make_equilibrium(g, MixedProfile{e.profile[1], e.profile[0]}));
    detail::sort_unique(out.equilibria);
    return out;
  }
  if (bm.m + bm.n > 128) throw UsageError("enumeration supports at most 128 strategies in all");
  const LabelSets L(bm.m, bm.n);
  // Positive payoffs (equilibria are invariant under adding a constant to a player's payoffs).
  const auto a = detail::shifted_positive(bm.a), b = detail::shifted_positive(bm.b);
  Polytope<Rational> Pq, Qq;
  build(a, b, Pq, Qq);
  NfgSolution sol;
  sol.method = "enum";
  Candidates c;
  std::size_t rejected = 0;
  bool exact = options.exact_pivoting;
  if (!exact) {
    // Floating point is trusted only on nondegenerate games (with a margin) whose candidates all
    // pass the exact check; anything else is solved again in exact arithmetic.
    exact = !float_candidates(a, b, L, options, c);
    if (!exact) rejected = verify_candidates(bm, Pq, Qq, c, sol.equilibria);
    if (rejected > 0 && !c.sp.truncated) exact = true;
    if (exact) c.message = " (nearly degenerate game: floating point could not decide every comparison)";
  }
  if (exact) {
    const std::string note = c.message;
    sol.equilibria.clear();
    exact_candidates(a, Pq, Qq, L, options, c);
    c.message += note;
    rejected = verify_candidates(bm, Pq, Qq, c, sol.equilibria);
  }
  sol.work = c.sp.bases + c.sq.bases;
  sol.message = c.message;
  sol.complete = !c.sp.truncated && !c.sq.truncated;
  if (!sol.complete)
    sol.message += "; search stopped at " + std::to_string(options.max_bases) + " bases; the list may be incomplete";
  if (rejected)
    sol.message += "; " + std::to_string(rejected) + " candidates failed exact verification and were dropped";
  return sol;
}

}  // namespace statecraft::games
