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
  for (std::size_t c = 0; c < P.d; ++c) if (basis.test(c)) f.Z.push_back(c);
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
  for (const auto& v : f.zval) if (!ops.feasible(v)) return false;
  for (const auto& v : f.sval) if (!ops.feasible(v)) return false;
  return true;
}

struct VertexRec {
  Mask labels, basis;
};

struct SearchResult {
  std::vector<VertexRec> vertices;  // one per vertex (min basis), sorted by labels
  std::size_t bases = 0;
  bool truncated = false;
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

template <class Ops>
Mask dict_labels(const Polytope<typename Ops::T>& P, const Dict<typename Ops::T>& D, const Ops& ops) {
  Mask l;
  for (std::size_t v : D.nonbasic) l.set(P.label_of[v]);
  for (std::size_t r = 0; r < D.basic.size(); ++r) if (ops.is_zero(D.beta[r])) l.set(P.label_of[D.basic[r]]);
  return l;
}

template <class Ops>
SearchResult search(const Polytope<typename Ops::T>& P, const Ops& ops, bool parallel, std::size_t max_bases) {
  using T = typename Ops::T;
  Mask start;
  for (std::size_t r = 0; r < P.k; ++r) start.set(P.d + r);
  VisitedSet visited;
  visited.insert(start);
  std::atomic<bool> truncated{false};
  // Each work item is refactorised from the data; from it a depth-first search of bounded depth
  // proceeds by pivoting (cheap), handing bases beyond the depth bound back as new work items.
  constexpr std::size_t kDepth = 4096;
  constexpr std::size_t kRefactorEvery = 64;  // bounds the rounding drift of repeated pivots
  struct Local {
    Factor<T> f;
    std::vector<Dict<T>> level;
    std::vector<T> ratio;
    std::vector<VertexRec> recs;
  };
  tbb::enumerable_thread_specific<Local> locals;
  const std::size_t d = P.d, k = P.k;
  std::atomic<long> pending{0};
  const bool share = parallel;
  constexpr long kMinPending = 2;
  auto process = [&](const Mask& b, auto&& push) {
    pending.fetch_sub(1, std::memory_order_relaxed);
    Local& L = locals.local();
    if (L.level.empty()) L.level.resize(kDepth + 1);
    if (!factorise(P, b, ops, L.f)) return;
    dict_from_factor(P, L.f, b, L.level[0]);
    // Explicit DFS over levels: iterate entering columns c and tied leaving rows at each level.
    struct Frame { std::size_t c = 0, r = 0; T best{}; bool ready = false; };
    thread_local std::vector<Frame> fr;
    if (fr.size() != kDepth + 1) fr.resize(kDepth + 1);
    fr[0] = Frame{};
    std::size_t depth = 0;
    L.recs.push_back({dict_labels(P, L.level[0], ops), b});
    L.ratio.resize(k);
    while (true) {
      Dict<T>& D = L.level[depth];
      Frame& F = fr[depth];
      bool descended = false;
      while (F.c < d && !descended) {
        if (!F.ready) {
          bool have = false;
          for (std::size_t r = 0; r < k; ++r) {
            const T& u = D.t[r * d + F.c];
            if (!ops.positive(u)) continue;
            const T ratio = Ops::clamp0(D.beta[r]) / u;
            if (!have || ops.less(ratio, F.best)) F.best = ratio, have = true;
          }
          if (!have) { ++F.c; continue; }
          F.ready = true;
          F.r = 0;
        }
        for (; F.r < k; ++F.r) {
          const T& u = D.t[F.r * d + F.c];
          if (!ops.positive(u) || !ops.tie(Ops::clamp0(D.beta[F.r]) / u, F.best)) continue;
          Mask nb = D.basis;
          nb.reset(D.basic[F.r]);
          nb.set(D.nonbasic[F.c]);
          if (visited.size() >= max_bases) {
            truncated = true;
            continue;
          }
          if (!visited.insert(nb)) continue;
          // Work sharing: while the pool has few queued items, hand new bases to it (they are
          // refactorised there) so that every thread has work; otherwise continue by pivoting.
          if (share && pending.load(std::memory_order_relaxed) < kMinPending) {
            pending.fetch_add(1, std::memory_order_relaxed);
            push(nb);
            continue;
          }
          if (depth < kDepth) {
            if ((depth + 1) % kRefactorEvery == 0) {
              if (!factorise(P, nb, ops, L.f)) continue;
              dict_from_factor(P, L.f, nb, L.level[depth + 1]);
            } else {
              dict_pivot(D, F.r, F.c, d, L.level[depth + 1]);
            }
            ++F.r;
            ++depth;
            fr[depth] = Frame{};
            L.recs.push_back({dict_labels(P, L.level[depth], ops), L.level[depth].basis});
            descended = true;
            break;
          }
          pending.fetch_add(1, std::memory_order_relaxed);
          push(nb);
        }
        if (!descended) {
          F.ready = false;
          ++F.c;
        }
      }
      if (descended) continue;
      if (depth == 0) break;
      --depth;
    }
  };
  if (parallel) {
    std::vector<Mask> init{start};
    pending = 1;
    tbb::parallel_for_each(init.begin(), init.end(), [&](const Mask& b, tbb::feeder<Mask>& feeder) {
      process(b, [&](const Mask& nb) { feeder.add(nb); });
    });
  } else {
    std::vector<Mask> stack{start};
    pending = 1;
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
  if (bm.n < bm.m) {
    // Enumerate the polytope of lower dimension (as a rule it has far fewer vertices): solve the
    // game with the players' roles exchanged and exchange them back.
    NormalFormGame t({g.players()[1], g.players()[0]}, {g.strategies()[1], g.strategies()[0]}, g.title());
    for (std::size_t i = 0; i < bm.m; ++i)
      for (std::size_t j = 0; j < bm.n; ++j) {
        t.set_payoff(j + bm.n * i, 0, bm.b[i][j]);
        t.set_payoff(j + bm.n * i, 1, bm.a[i][j]);
      }
    NfgSolution st = enumerate_extreme_equilibria(t, options);
    NfgSolution out;
    out.method = st.method;
    out.complete = st.complete;
    out.work = st.work;
    out.message = st.message + " (roles exchanged: the polytope of the player with fewer strategies was enumerated)";
    for (auto& e : st.equilibria) out.equilibria.push_back(make_equilibrium(g, MixedProfile{e.profile[1], e.profile[0]}));
    detail::sort_unique(out.equilibria);
    return out;
  }
  const std::size_t m = bm.m, n = bm.n;
  if (m + n > 128) throw UsageError("enumeration supports at most 128 strategies in all");
  // Positive payoffs (equilibria are invariant under adding a constant to a player's payoffs).
  const auto a = detail::shifted_positive(bm.a), b = detail::shifted_positive(bm.b);
  Polytope<Rational> Pq, Qq;
  build(a, b, Pq, Qq);

  NfgSolution sol;
  sol.method = "enum";
  SearchResult sp, sq;
  const std::size_t cap = options.max_bases;
  Mask full;
  for (std::size_t l = 0; l < m + n; ++l) full.set(l);
  Mask x_zero, y_zero;
  for (std::size_t i = 0; i < m; ++i) x_zero.set(i);
  for (std::size_t j = 0; j < n; ++j) y_zero.set(m + j);
  auto complement = [&](const Mask& l) {
    Mask c;
    c.w[0] = full.w[0] & ~l.w[0];
    c.w[1] = full.w[1] & ~l.w[1];
    return c;
  };
  std::vector<std::pair<std::size_t, std::size_t>> pairs;   // (P vertex, Q vertex)
  std::vector<std::pair<std::size_t, Mask>> direct;          // partners found without enumerating Q
  bool need_q = true;
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
    const auto ad = scaled(a);
    build(ad, scaled(b), Pd, Qd);
    const FloatOps ops{options.tolerance};
    sp = search(Pd, ops, options.parallel, cap);
    // The partners of a vertex x with labels L are the vertices of the face of Q whose labels
    // contain C = complement(L). When |C| = n (x nondegenerate) and those n constraints are
    // independent, the face is one point: y_j = 0 off the columns tight at x and (A y)_i = 1 on
    // the support of x, a square system. A degenerate x (|C| < n) has a face of higher dimension;
    // its vertices are found by adding every choice of n - |C| further tight constraints. Both
    // replace the enumeration of Q; only a singular system or a face with too many choices falls
    // back to enumerating Q.
    need_q = false;
    std::vector<double> mat, rhs, y(n);
    // Solves the square system given by the tight set `tight` (labels); on success returns the
    // labels of the point (with tolerance) through `lab`, false when singular or infeasible.
    auto face_point = [&](const Mask& tight, Mask& lab, bool& singular) {
      std::vector<std::size_t> R, S;
      for (std::size_t i = 0; i < m; ++i) if (tight.test(i)) R.push_back(i);
      for (std::size_t j = 0; j < n; ++j) if (!tight.test(m + j)) S.push_back(j);
      singular = false;
      if (R.size() != S.size()) { singular = true; return false; }
      const std::size_t k = R.size();
      mat.assign(k * k, 0.0);
      rhs.assign(k, 1.0);
      for (std::size_t r = 0; r < k; ++r)
        for (std::size_t t = 0; t < k; ++t) mat[r * k + t] = ad[R[r]][S[t]];
      for (std::size_t col = 0; col < k; ++col) {
        std::size_t piv = col;
        for (std::size_t r = col + 1; r < k; ++r)
          if (std::fabs(mat[r * k + col]) > std::fabs(mat[piv * k + col])) piv = r;
        if (std::fabs(mat[piv * k + col]) < 1e-9) { singular = true; return false; }
        if (piv != col) {
          for (std::size_t t = 0; t < k; ++t) std::swap(mat[piv * k + t], mat[col * k + t]);
          std::swap(rhs[piv], rhs[col]);
        }
        for (std::size_t r = col + 1; r < k; ++r) {
          const double fct = mat[r * k + col] / mat[col * k + col];
          for (std::size_t t = col; t < k; ++t) mat[r * k + t] -= fct * mat[col * k + t];
          rhs[r] -= fct * rhs[col];
        }
      }
      std::fill(y.begin(), y.end(), 0.0);
      for (std::size_t r = k; r-- > 0;) {
        double v = rhs[r];
        for (std::size_t t = r + 1; t < k; ++t) v -= mat[r * k + t] * y[S[t]];
        y[S[r]] = v / mat[r * k + r];
      }
      const double tol = 1e3 * options.tolerance;
      lab = Mask{};
      for (std::size_t j = 0; j < n; ++j) {
        if (y[j] < -tol) return false;
        if (y[j] <= tol) lab.set(m + j);
      }
      for (std::size_t i = 0; i < m; ++i) {
        double v = 0;
        for (std::size_t t : S) v += ad[i][t] * y[t];
        if (v > 1 + tol) return false;
        if (v >= 1 - tol) lab.set(i);
      }
      return true;
    };
    std::map<Mask, std::size_t> face_vertices;  // labels -> index into sq.vertices (deduplicated)
    auto add_partner = [&](std::size_t s, const Mask& tight, const Mask& lab) {
      Mask qb;  // Q variables: y_j (j < n) has label m+j; slack n+i has label i. Basic = not tight.
      for (std::size_t j = 0; j < n; ++j) if (!tight.test(m + j)) qb.set(j);
      for (std::size_t i = 0; i < m; ++i) if (!tight.test(i)) qb.set(n + i);
      auto [it, fresh] = face_vertices.emplace(lab, sq.vertices.size());
      if (fresh) sq.vertices.push_back({lab, qb});
      direct.emplace_back(s, Mask{});
      pairs.emplace_back(s, it->second);
    };
    for (std::size_t s = 0; s < sp.vertices.size() && !need_q; ++s) {
      const Mask& lx = sp.vertices[s].labels;
      if (lx.contains(x_zero)) continue;
      const Mask c = complement(lx);
      const int extra = static_cast<int>(n) - c.count();
      Mask lab;
      bool singular = false;
      if (extra == 0) {
        if (face_point(c, lab, singular)) add_partner(s, c, lab);
        if (singular) need_q = true;
        continue;
      }
      // Degenerate x: choose `extra` more tight constraints among the labels outside C.
      std::vector<std::size_t> rest;
      for (std::size_t l = 0; l < m + n; ++l) if (!c.test(l)) rest.push_back(l);
      double combos = 1;
      for (int e = 0; e < extra; ++e) combos = combos * static_cast<double>(rest.size() - static_cast<std::size_t>(e)) / (e + 1);
      if (extra < 0 || combos > 20000) { need_q = true; break; }
      std::vector<std::size_t> idx(static_cast<std::size_t>(extra));
      for (std::size_t e = 0; e < idx.size(); ++e) idx[e] = e;
      while (true) {
        Mask tight = c;
        for (std::size_t e : idx) tight.set(rest[e]);
        if (face_point(tight, lab, singular)) add_partner(s, tight, lab);
        // next combination
        std::size_t e = idx.size();
        while (e > 0 && idx[e - 1] == rest.size() - idx.size() + e - 1) --e;
        if (e == 0) break;
        ++idx[e - 1];
        for (std::size_t f2 = e; f2 < idx.size(); ++f2) idx[f2] = idx[f2 - 1] + 1;
      }
    }
    if (need_q) {
      direct.clear();
      pairs.clear();
      sq = SearchResult{};
      sq = search(Qd, ops, options.parallel, cap);
    }
  }
  sol.work = sp.bases + sq.bases;
  sol.message = "bases visited: " + std::to_string(sp.bases) + " of P (player 1), " +
                (need_q ? std::to_string(sq.bases) + " of Q (player 2)" : std::string("Q not enumerated (partners solved directly)"));
  if (sp.truncated || sq.truncated) {
    sol.message += "; search stopped at " + std::to_string(cap) + " bases; the list may be incomplete";
  }

  // Match completely labelled pairs.
  std::unordered_map<Mask, std::size_t, MaskHash> q_index;
  std::vector<std::size_t> q_degenerate;
  for (std::size_t t = 0; t < sq.vertices.size(); ++t) {
    if (sq.vertices[t].labels.contains(y_zero)) continue;  // y = 0
    if (sq.vertices[t].labels.count() == static_cast<int>(n)) q_index.emplace(sq.vertices[t].labels, t);
    else q_degenerate.push_back(t);
  }
  for (std::size_t s = 0; s < sp.vertices.size() && need_q; ++s) {
    const Mask& lx = sp.vertices[s].labels;
    if (lx.contains(x_zero)) continue;  // x = 0
    const Mask c = complement(lx);
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
