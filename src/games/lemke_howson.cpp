// Lemke–Howson (Lemke & Howson 1964, SIAM J. Appl. Math. 12:413-423) in exact rational
// arithmetic, following the tableau description of von Stengel (2002, Handbook of Game Theory 3,
// sec. 3.4). With positive payoffs the systems are
//   Q:  A y + r = 1,  r, y >= 0     (r_i has label i, y_j has label m+j)
//   P:  B^T x + s = 1,  x, s >= 0   (x_i has label i, s_j has label m+j)
// starting at the artificial equilibrium (0, 0) with label k dropped; complementary pivoting
// alternates between the two tableaux until the missing label leaves. Degeneracy is handled by
// the lexicographic minimum-ratio test (rows compared by (rhs, B^{-1}) / pivot column).

#include <algorithm>
#include <map>

#include "games/detail/solver_util.hpp"
#include "statecraft/error.hpp"
#include "statecraft/games/solvers.hpp"

namespace statecraft::games {

namespace {

// A tableau for  M v + slack = 1 : rows = constraints, columns = structural variables then
// slacks then rhs. var_label maps column -> label; basis[row] = column.
struct Tableau {
  std::size_t rows = 0, cols = 0;        // cols = structural + slack
  std::vector<std::vector<Rational>> t;  // rows x (cols + 1)
  std::vector<std::size_t> basis;
  std::vector<std::size_t> label;  // per column
  std::size_t first_slack = 0;

  // Lexicographic minimum ratio row for entering column e; returns rows if none (unbounded).
  [[nodiscard]] std::size_t lexmin_row(std::size_t e) const {
    std::size_t best = rows;
    for (std::size_t r = 0; r < rows; ++r) {
      if (sgn(t[r][e]) <= 0) continue;
      if (best == rows) {
        best = r;
        continue;
      }
      // compare (rhs_r, binv_r...) / t[r][e] against best
      const Rational& pr = t[r][e];
      const Rational& pb = t[best][e];
      int cmp = 0;
      {
        Rational lhs = t[r][cols] * pb, rhs = t[best][cols] * pr;
        cmp = lhs < rhs ? -1 : (lhs > rhs ? 1 : 0);
      }
      for (std::size_t c = first_slack; cmp == 0 && c < cols; ++c) {
        Rational lhs = t[r][c] * pb, rhs = t[best][c] * pr;
        cmp = lhs < rhs ? -1 : (lhs > rhs ? 1 : 0);
      }
      if (cmp < 0) best = r;
    }
    return best;
  }
  void pivot(std::size_t r, std::size_t e) {
    const Rational inv = 1 / t[r][e];
    for (auto& v : t[r]) v *= inv;
    for (std::size_t q = 0; q < rows; ++q) {
      if (q == r || sgn(t[q][e]) == 0) continue;
      const Rational f = t[q][e];
      for (std::size_t c = 0; c <= cols; ++c)
        if (sgn(t[r][c]) != 0) t[q][c] -= f * t[r][c];
    }
    basis[r] = e;
  }
  [[nodiscard]] std::size_t column_of_label(std::size_t l) const {
    return static_cast<std::size_t>(std::find(label.begin(), label.end(), l) - label.begin());
  }
  [[nodiscard]] bool is_basic(std::size_t c) const { return std::find(basis.begin(), basis.end(), c) != basis.end(); }
};

Tableau make_tableau(const std::vector<std::vector<Rational>>& mat, const std::vector<std::size_t>& struct_labels,
                     const std::vector<std::size_t>& slack_labels) {
  Tableau T;
  T.rows = mat.size();
  const std::size_t ns = mat[0].size();
  T.cols = ns + T.rows;
  T.first_slack = ns;
  T.t.assign(T.rows, std::vector<Rational>(T.cols + 1, Rational(0)));
  for (std::size_t r = 0; r < T.rows; ++r) {
    for (std::size_t c = 0; c < ns; ++c) T.t[r][c] = mat[r][c];
    T.t[r][ns + r] = 1;
    T.t[r][T.cols] = 1;
    T.basis.push_back(ns + r);
  }
  T.label = struct_labels;
  T.label.insert(T.label.end(), slack_labels.begin(), slack_labels.end());
  return T;
}

std::vector<Rational> values(const Tableau& T, std::size_t nstruct) {
  std::vector<Rational> v(nstruct, Rational(0));
  for (std::size_t r = 0; r < T.rows; ++r)
    if (T.basis[r] < nstruct) v[T.basis[r]] = T.t[r][T.cols];
  return v;
}

}  // namespace

NfgSolution lemke_howson(const NormalFormGame& g) {
  const auto bm = detail::bimatrix_of(g, "Lemke-Howson");
  const std::size_t m = bm.m, n = bm.n;
  const auto a = detail::shifted_positive(bm.a), b = detail::shifted_positive(bm.b);
  std::vector<std::vector<Rational>> bt(n, std::vector<Rational>(m));
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t j = 0; j < n; ++j) bt[j][i] = b[i][j];
  std::vector<std::size_t> xl(m), yl(n), rl(m), sl(n);
  for (std::size_t i = 0; i < m; ++i) xl[i] = rl[i] = i;
  for (std::size_t j = 0; j < n; ++j) yl[j] = sl[j] = m + j;

  NfgSolution sol;
  sol.method = "lh";
  std::map<MixedProfile, std::string> found;
  for (std::size_t k = 0; k < m + n; ++k) {
    Tableau P = make_tableau(bt, xl, sl);  // rows: columns j of B; vars x (labels i), s (m+j)
    Tableau Q = make_tableau(a, yl, rl);   // rows: rows i of A; vars y (labels m+j), r (labels i)
    bool in_p = k < m;                     // entering x_k in P if k is a row label, else y in Q
    std::size_t entering_label = k;
    std::size_t pivots = 0;
    bool ok = true;
    while (true) {
      Tableau& T = in_p ? P : Q;
      const std::size_t e = T.column_of_label(entering_label);
      const std::size_t r = T.lexmin_row(e);
      if (r == T.rows) {
        ok = false;
        break;
      }
      const std::size_t leaving_label = T.label[T.basis[r]];
      T.pivot(r, e);
      ++pivots;
      if (leaving_label == k) break;
      entering_label = leaving_label;
      in_p = !in_p;
      if (pivots > 100000) {
        ok = false;
        break;
      }
    }
    sol.work += pivots;
    if (!ok) continue;
    auto x = values(P, m), y = values(Q, n);
    Rational sx = 0, sy = 0;
    for (const auto& v : x) sx += v;
    for (const auto& v : y) sy += v;
    if (sgn(sx) <= 0 || sgn(sy) <= 0) continue;
    for (auto& v : x) v /= sx;
    for (auto& v : y) v /= sy;
    MixedProfile prof{x, y};
    if (!is_nash(g, prof)) continue;  // cannot happen in exact arithmetic; kept as a guard
    const std::string lab = k < m ? g.strategies()[0][k] : g.strategies()[1][k - m];
    auto& note = found[prof];
    note += (note.empty() ? "start labels: " : ", ") + std::to_string(k + 1) + " (" + lab + ")";
  }
  for (auto& [prof, note] : found) sol.equilibria.push_back(make_equilibrium(g, prof, note));
  detail::sort_unique(sol.equilibria);
  sol.complete = false;
  sol.message = "Lemke-Howson from all " + std::to_string(m + n) + " starting labels";
  return sol;
}

}  // namespace statecraft::games
