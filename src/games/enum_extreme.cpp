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

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstdint>
#include <map>
#include <mutex>
#include <unordered_map>

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for_each.h>

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
    std::lock_guard<std::mutex> lock(s.mu);
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
  struct Shard {
    std::mutex mu;
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
};

// { z >= 0, M z <= 1 }: d structural variables z_0..z_{d-1}, k slacks s_0..s_{k-1} (variable d+r).
template <class T>
struct Polytope {
  std::size_t d = 0, k = 0;
  std::vector<T> M;                   // k x d, row-major
  std::vector<std::size_t> label_of;  // label of variable v (d + k entries)
  [[nodiscard]] const T& at(std::size_t r, std::size_t c) const { return M[r * d + c]; }
};

// A factorised basis: basic structural variables Z, tight rows Rt (nonbasic slacks), loose rows
// Rl (basic slacks), G^{-1} for G = M[Rt, Z], the values of z_Z and s_Rl.
template <class T>
struct Factor {
  std::vector<std::size_t> Z, Rt, Rl;
  std::vector<T> ginv, work, zval, sval;
};

template <class Ops>
bool factorise(const Polytope<typename Ops::T>& P, const Mask& basis, const Ops& ops, Factor<typename Ops::T>& f) {
  using T = typename Ops::T;
  f.Z.clear();
  f.Rt.clear();
  f.Rl.clear();
  for (std::size_t c = 0; c < P.d; ++c) if (basis.test(c)) f.Z.push_back(c);
  for (std::size_t r = 0; r < P.k; ++r) (basis.test(P.d + r) ? f.Rl : f.Rt).push_back(r);
  const std::size_t p = f.Z.size();
  if (f.Rt.size() != p) return false;
  // Gauss-Jordan on [G | I] (p x 2p) with partial pivoting.
  const std::size_t w = 2 * p;
  f.work.assign(p * w, T(0));
  for (std::size_t i = 0; i < p; ++i) {
    for (std::size_t j = 0; j < p; ++j) f.work[i * w + j] = P.at(f.Rt[i], f.Z[j]);
    f.work[i * w + p + i] = T(1);
  }
  for (std::size_t c = 0; c < p; ++c) {
    std::size_t piv = c;
    for (std::size_t r = c; r < p; ++r)
      if (Ops::mag(f.work[r * w + c]) > Ops::mag(f.work[piv * w + c])) piv = r;
    if (!ops.usable_pivot(f.work[piv * w + c])) return false;
    if (piv != c)
      for (std::size_t j = 0; j < w; ++j) std::swap(f.work[piv * w + j], f.work[c * w + j]);
    const T inv = T(1) / f.work[c * w + c];
    for (std::size_t j = c; j < w; ++j) f.work[c * w + j] *= inv;
    for (std::size_t r = 0; r < p; ++r) {
      if (r == c) continue;
      const T fac = f.work[r * w + c];
      if (Ops::mag(fac) == 0) continue;
      for (std::size_t j = c; j < w; ++j) f.work[r * w + j] -= fac * f.work[c * w + j];
    }
  }
  f.ginv.assign(p * p, T(0));
  for (std::size_t i = 0; i < p; ++i)
    for (std::size_t j = 0; j < p; ++j) f.ginv[i * p + j] = f.work[i * w + p + j];
  f.zval.assign(p, T(0));
  for (std::size_t i = 0; i < p; ++i)
    for (std::size_t j = 0; j < p; ++j) f.zval[i] += f.ginv[i * p + j];
  f.sval.assign(f.Rl.size(), T(1));
  for (std::size_t q = 0; q < f.Rl.size(); ++q)
    for (std::size_t j = 0; j < p; ++j) f.sval[q] -= P.at(f.Rl[q], f.Z[j]) * f.zval[j];
  for (const auto& v : f.zval) if (!ops.feasible(v)) return false;
  for (const auto& v : f.sval) if (!ops.feasible(v)) return false;
  return true;
}

struct VertexRec {
  Mask labels, basis;
};

template <class Ops>
Mask labels_of(const Polytope<typename Ops::T>& P, const Mask& basis, const Factor<typename Ops::T>& f, const Ops& ops) {
  Mask l;
  for (std::size_t v = 0; v < P.d + P.k; ++v) if (!basis.test(v)) l.set(P.label_of[v]);
  for (std::size_t i = 0; i < f.Z.size(); ++i) if (ops.is_zero(f.zval[i])) l.set(P.label_of[f.Z[i]]);
  for (std::size_t q = 0; q < f.Rl.size(); ++q) if (ops.is_zero(f.sval[q])) l.set(P.label_of[P.d + f.Rl[q]]);
  return l;
}

// Calls emit(neighbour basis) for every pivot from a factorised basis.
template <class Ops, class Emit>
void neighbours(const Polytope<typename Ops::T>& P, const Mask& basis, const Factor<typename Ops::T>& f,
                const Ops& ops, std::vector<typename Ops::T>& u, std::vector<typename Ops::T>& wr, Emit&& emit) {
  using T = typename Ops::T;
  const std::size_t p = f.Z.size();
  u.resize(p);
  wr.resize(f.Rl.size());
  for (std::size_t e = 0; e < P.d + P.k; ++e) {
    if (basis.test(e)) continue;
    if (e < P.d) {  // structural z_e enters: u = G^{-1} M[Rt, e], w_r = M[r, e] - M[r, Z] u
      for (std::size_t i = 0; i < p; ++i) {
        T s = T(0);
        for (std::size_t j = 0; j < p; ++j) s += f.ginv[i * p + j] * P.at(f.Rt[j], e);
        u[i] = s;
      }
      for (std::size_t q = 0; q < f.Rl.size(); ++q) {
        T s = P.at(f.Rl[q], e);
        for (std::size_t j = 0; j < p; ++j) s -= P.at(f.Rl[q], f.Z[j]) * u[j];
        wr[q] = s;
      }
    } else {  // slack of tight row enters: u = column of G^{-1}, w_r = -M[r, Z] u
      const std::size_t row = e - P.d;
      const std::size_t t = static_cast<std::size_t>(std::find(f.Rt.begin(), f.Rt.end(), row) - f.Rt.begin());
      for (std::size_t i = 0; i < p; ++i) u[i] = f.ginv[i * p + t];
      for (std::size_t q = 0; q < f.Rl.size(); ++q) {
        T s = T(0);
        for (std::size_t j = 0; j < p; ++j) s -= P.at(f.Rl[q], f.Z[j]) * u[j];
        wr[q] = s;
      }
    }
    // Minimum-ratio test over basic variables with a positive rate of decrease; follow all ties.
    bool have = false;
    T best = T(0);
    for (std::size_t i = 0; i < p; ++i)
      if (ops.positive(u[i])) {
        T r = Ops::clamp0(f.zval[i]) / u[i];
        if (!have || ops.less(r, best)) best = r, have = true;
      }
    for (std::size_t q = 0; q < f.Rl.size(); ++q)
      if (ops.positive(wr[q])) {
        T r = Ops::clamp0(f.sval[q]) / wr[q];
        if (!have || ops.less(r, best)) best = r, have = true;
      }
    if (!have) continue;  // unbounded direction: impossible for a polytope, skipped defensively
    for (std::size_t i = 0; i < p; ++i)
      if (ops.positive(u[i]) && ops.tie(Ops::clamp0(f.zval[i]) / u[i], best)) {
        Mask nb = basis;
        nb.reset(f.Z[i]);
        nb.set(e);
        emit(nb);
      }
    for (std::size_t q = 0; q < f.Rl.size(); ++q)
      if (ops.positive(wr[q]) && ops.tie(Ops::clamp0(f.sval[q]) / wr[q], best)) {
        Mask nb = basis;
        nb.reset(P.d + f.Rl[q]);
        nb.set(e);
        emit(nb);
      }
  }
}

struct SearchResult {
  std::vector<VertexRec> vertices;  // one per vertex (min basis), sorted by labels
  std::size_t bases = 0;
  bool truncated = false;
};

template <class Ops>
SearchResult search(const Polytope<typename Ops::T>& P, const Ops& ops, bool parallel, std::size_t max_bases) {
  using T = typename Ops::T;
  Mask start;
  for (std::size_t r = 0; r < P.k; ++r) start.set(P.d + r);
  VisitedSet visited;
  visited.insert(start);
  std::atomic<bool> truncated{false};
  struct Local {
    Factor<T> f;
    std::vector<T> u, wr;
    std::vector<VertexRec> recs;
  };
  tbb::enumerable_thread_specific<Local> locals;
  auto process = [&](const Mask& b, auto&& push) {
    Local& L = locals.local();
    if (!factorise(P, b, ops, L.f)) return;
    L.recs.push_back({labels_of(P, b, L.f, ops), b});
    neighbours(P, b, L.f, ops, L.u, L.wr, [&](const Mask& nb) {
      if (visited.size() >= max_bases) {
        truncated = true;
        return;
      }
      if (visited.insert(nb)) push(nb);
    });
  };
  if (parallel) {
    std::vector<Mask> init{start};
    tbb::parallel_for_each(init.begin(), init.end(), [&](const Mask& b, tbb::feeder<Mask>& feeder) {
      process(b, [&](const Mask& nb) { feeder.add(nb); });
    });
  } else {
    std::vector<Mask> stack{start};
    while (!stack.empty()) {
      const Mask b = stack.back();
      stack.pop_back();
      process(b, [&](const Mask& nb) { stack.push_back(nb); });
    }
  }
  SearchResult out;
  for (auto& L : locals) out.vertices.insert(out.vertices.end(), L.recs.begin(), L.recs.end());
  std::sort(out.vertices.begin(), out.vertices.end(), [](const VertexRec& a, const VertexRec& b) {
    return a.labels == b.labels ? a.basis < b.basis : a.labels < b.labels;
  });
  out.vertices.erase(std::unique(out.vertices.begin(), out.vertices.end(),
                                 [](const VertexRec& a, const VertexRec& b) { return a.labels == b.labels; }),
                     out.vertices.end());
  out.bases = visited.size();
  out.truncated = truncated;
  return out;
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
  Factor<Rational> f;
  if (!factorise(P, basis, ExactOps{}, f)) return false;
  out.assign(P.d, Rational(0));
  Rational sum = 0;
  for (std::size_t i = 0; i < f.Z.size(); ++i) {
    out[f.Z[i]] = f.zval[i];
    sum += f.zval[i];
  }
  if (sgn(sum) <= 0) return false;
  for (auto& v : out) v /= sum;
  return true;
}

}  // namespace

NfgSolution enumerate_extreme_equilibria(const NormalFormGame& g, const EnumOptions& options) {
  const auto bm = detail::bimatrix_of(g, "extreme-equilibrium enumeration");
  const std::size_t m = bm.m, n = bm.n;
  if (m + n > 128) throw UsageError("enumeration supports at most 128 strategies in all");
  // Positive payoffs (equilibria are invariant under adding a constant to a player's payoffs).
  auto positive = [&](const std::vector<std::vector<Rational>>& x) {
    Rational lo = x[0][0];
    for (const auto& r : x) for (const auto& v : r) lo = std::min(lo, v);
    auto y = x;
    for (auto& r : y) for (auto& v : r) v = v - lo + 1;
    return y;
  };
  const auto a = positive(bm.a), b = positive(bm.b);
  Polytope<Rational> Pq, Qq;
  build(a, b, Pq, Qq);

  NfgSolution sol;
  sol.method = "enum";
  SearchResult sp, sq;
  const std::size_t cap = options.max_bases;
  if (options.exact_pivoting) {
    sp = search(Pq, ExactOps{}, options.parallel, cap);
    sq = search(Qq, ExactOps{}, options.parallel, cap);
  } else {
    // Floating point on a scaled copy, payoffs in [1, 2] (equilibria are scale invariant).
    auto scaled = [](const std::vector<std::vector<Rational>>& x) {
      Rational hi = x[0][0];
      for (const auto& r : x) for (const auto& v : r) hi = std::max(hi, v);
      const Rational span = hi - 1 > 0 ? hi - 1 : Rational(1);
      std::vector<std::vector<double>> y(x.size());
      for (std::size_t i = 0; i < x.size(); ++i)
        for (const auto& v : x[i]) y[i].push_back(Rational((v - 1) / span + 1).get_d());
      return y;
    };
    Polytope<double> Pd, Qd;
    build(scaled(a), scaled(b), Pd, Qd);
    const FloatOps ops{options.tolerance};
    sp = search(Pd, ops, options.parallel, cap);
    sq = search(Qd, ops, options.parallel, cap);
  }
  sol.work = sp.bases + sq.bases;
  if (sp.truncated || sq.truncated) {
    sol.message = "search stopped at " + std::to_string(cap) + " bases; the list may be incomplete";
  }

  // Match completely labelled pairs.
  Mask full;
  for (std::size_t l = 0; l < m + n; ++l) full.set(l);
  Mask x_zero, y_zero;
  for (std::size_t i = 0; i < m; ++i) x_zero.set(i);
  for (std::size_t j = 0; j < n; ++j) y_zero.set(m + j);
  std::unordered_map<Mask, std::size_t, MaskHash> q_index;
  std::vector<std::size_t> q_degenerate;
  for (std::size_t t = 0; t < sq.vertices.size(); ++t) {
    if (sq.vertices[t].labels.contains(y_zero)) continue;  // y = 0
    if (sq.vertices[t].labels.count() == static_cast<int>(n)) q_index.emplace(sq.vertices[t].labels, t);
    else q_degenerate.push_back(t);
  }
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  for (std::size_t s = 0; s < sp.vertices.size(); ++s) {
    const Mask& lx = sp.vertices[s].labels;
    if (lx.contains(x_zero)) continue;  // x = 0
    Mask c;
    c.w[0] = full.w[0] & ~lx.w[0];
    c.w[1] = full.w[1] & ~lx.w[1];
    if (lx.count() == static_cast<int>(m)) {
      if (auto it = q_index.find(c); it != q_index.end()) pairs.emplace_back(s, it->second);
      for (std::size_t t : q_degenerate)
        if (sq.vertices[t].labels.contains(c)) pairs.emplace_back(s, t);
    } else {
      for (std::size_t t = 0; t < sq.vertices.size(); ++t)
        if (!sq.vertices[t].labels.contains(y_zero) && sq.vertices[t].labels.contains(c)) pairs.emplace_back(s, t);
    }
  }
  // Exact verification of every candidate.
  std::map<std::size_t, std::vector<Rational>> xs, ys;
  std::size_t rejected = 0;
  for (auto [s, t] : pairs) {
    auto xi = xs.find(s);
    if (xi == xs.end()) {
      std::vector<Rational> x;
      if (!exact_point(Pq, sp.vertices[s].basis, x)) x.clear();
      xi = xs.emplace(s, std::move(x)).first;
    }
    auto yi = ys.find(t);
    if (yi == ys.end()) {
      std::vector<Rational> y;
      if (!exact_point(Qq, sq.vertices[t].basis, y)) y.clear();
      yi = ys.emplace(t, std::move(y)).first;
    }
    if (xi->second.empty() || yi->second.empty()) {
      ++rejected;
      continue;
    }
    MixedProfile prof{xi->second, yi->second};
    if (!is_nash(g, prof)) {
      ++rejected;
      continue;
    }
    sol.equilibria.push_back(make_equilibrium(g, std::move(prof)));
  }
  detail::sort_unique(sol.equilibria);
  sol.complete = !sp.truncated && !sq.truncated;
  if (rejected)
    sol.message += (sol.message.empty() ? "" : "; ") + std::to_string(rejected) +
                   " floating-point candidates failed exact verification and were dropped";
  return sol;
}

}  // namespace statecraft::games
