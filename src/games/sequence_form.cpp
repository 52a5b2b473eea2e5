// Nash equilibria of 2-player extensive games with perfect recall from the sequence form
// (Koller, Megiddo & von Stengel 1996, Games Econ. Behav. 14:247-259; von Stengel 1996,
// Games Econ. Behav. 14:220-246).
//
// Realisation plans x (player 1) and y (player 2) satisfy E x = e, F y = f, x, y >= 0 (one row
// per information set plus the empty sequence). With sequence-form payoff matrices A, B (sum over
// nodes with an outcome of chance probability x payoff, indexed by the players' sequences at the
// node) and all play payoffs made negative by a constant shift, equilibria are the solutions of
// the LCP
//   x >= 0  _|_  E'q - A y >= 0,      y >= 0  _|_  F'p - B'x >= 0,      E x = e,  F y = f
// with q, p free (split here as q = q+ - q-, p = p+ - p-, the equalities as two inequalities).
// It is solved by Lemke's algorithm (Lemke 1965) with covering vector 1 and a lexicographic
// ratio test, in exact rational arithmetic; the resulting behaviour profile is verified exactly
// by computing each player's best-response value against the other (a recursion over the
// player's own sequences).

#include <algorithm>
#include <map>

#include "statecraft/error.hpp"
#include "statecraft/games/solvers.hpp"

namespace statecraft::games {

namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

struct SeqInfo {
  // Per player p (0, 1): sequences; seq 0 = empty. seq_of[(h, a)] index.
  std::vector<std::map<std::pair<std::size_t, std::size_t>, std::size_t>> seq_of{2};
  std::vector<std::size_t> nseq{1, 1};
  std::vector<std::vector<std::size_t>> infos{2};  // infosets of each player
  std::vector<std::size_t> parent_seq;             // per infoset
  std::vector<std::size_t> node_seq0, node_seq1;   // last own sequence of each player at node
};

SeqInfo build_sequences(const ExtensiveGame& g) {
  SeqInfo s;
  const auto& nodes = g.nodes();
  s.parent_seq.assign(g.infosets().size(), kNone);
  s.node_seq0.assign(nodes.size(), 0);
  s.node_seq1.assign(nodes.size(), 0);
  for (std::size_t n : g.preorder()) {
    const auto& nd = nodes[n];
    if (nd.parent != kNone) {
      const auto& par = nodes[nd.parent];
      s.node_seq0[n] = s.node_seq0[nd.parent];
      s.node_seq1[n] = s.node_seq1[nd.parent];
      if (par.kind == NodeKind::kPersonal) {
        const std::size_t p = g.infosets()[par.infoset].player - 1;
        (p == 0 ? s.node_seq0 : s.node_seq1)[n] = s.seq_of[p].at({par.infoset, nd.parent_action});
      }
    }
    if (nd.kind == NodeKind::kPersonal) {
      const std::size_t h = nd.infoset;
      const std::size_t p = g.infosets()[h].player - 1;
      if (s.parent_seq[h] == kNone) {
        s.parent_seq[h] = (p == 0 ? s.node_seq0 : s.node_seq1)[n];
        s.infos[p].push_back(h);
        for (std::size_t a = 0; a < g.infosets()[h].actions.size(); ++a) s.seq_of[p][{h, a}] = s.nseq[p]++;
      }
    }
  }
  return s;
}

// Chance probability of reaching each node.
std::vector<Rational> chance_reach(const ExtensiveGame& g) {
  const auto& nodes = g.nodes();
  std::vector<Rational> r(nodes.size(), Rational(0));
  r[0] = 1;
  for (std::size_t n : g.preorder()) {
    const auto& nd = nodes[n];
    for (std::size_t a = 0; a < nd.children.size(); ++a)
      r[nd.children[a]] = nd.kind == NodeKind::kChance ? r[n] * g.infosets()[nd.infoset].probs[a] : r[n];
  }
  return r;
}

// Best-response value of player p (0/1) against the other's behaviour strategy.
Rational best_response_value(const ExtensiveGame& g, const SeqInfo& s, const BehaviorProfile& b, std::size_t p) {
  const auto& nodes = g.nodes();
  // Weight of each node = chance x opponent probabilities along the path.
  std::vector<Rational> w(nodes.size(), Rational(0));
  w[0] = 1;
  std::vector<Rational> direct(s.nseq[p], Rational(0));
  for (std::size_t n : g.preorder()) {
    const auto& nd = nodes[n];
    if (nd.outcome && sgn(w[n]) != 0)
      direct[(p == 0 ? s.node_seq0 : s.node_seq1)[n]] += w[n] * g.outcomes()[nd.outcome - 1].payoffs[p];
    for (std::size_t a = 0; a < nd.children.size(); ++a) {
      Rational f = 1;
      if (nd.kind == NodeKind::kChance) f = g.infosets()[nd.infoset].probs[a];
      else if (g.infosets()[nd.infoset].player - 1 != p) f = b[nd.infoset][a];
      w[nd.children[a]] = w[n] * f;
    }
  }
  // V(seq) = direct(seq) + sum over infosets h with parent seq: max_a V((h, a)). Infosets of p are
  // in preorder of first appearance, so children come after parents: process in reverse.
  std::vector<Rational> V = direct;
  const auto& hs = s.infos[p];
  for (auto it = hs.rbegin(); it != hs.rend(); ++it) {
    const std::size_t h = *it;
    Rational best;
    for (std::size_t a = 0; a < g.infosets()[h].actions.size(); ++a) {
      const Rational& v = V[s.seq_of[p].at({h, a})];
      if (a == 0 || v > best) best = v;
    }
    V[s.parent_seq[h]] += best;
  }
  return V[0];
}

// Refuses, before anything large is allocated, an LCP whose dense exact tableau (N rows of 2N + 2
// rationals) would not fit in memory or whose pivots would meet numbers of unbounded size: the
// entries of a Lemke tableau are ratios of minors of the data, so their size grows up to N times
// the size of the data's entries.
void check_lcp_size(std::size_t N, const std::map<std::pair<std::size_t, std::size_t>, std::pair<Rational, Rational>>& AB) {
  constexpr double kMaxEntries = 4e6, kMaxMinorBits = 64.0 * 1024 * 1024 * 8;  // 64 MiB per number
  double bits = 0;
  for (const auto& [k, v] : AB)
    for (const Rational* q : {&v.first, &v.second})
      bits = std::max(bits, static_cast<double>(mpz_sizeinbase(q->get_num_mpz_t(), 2) + mpz_sizeinbase(q->get_den_mpz_t(), 2)));
  const double entries = static_cast<double>(N) * static_cast<double>(2 * N + 2);
  if (entries > kMaxEntries || bits * static_cast<double>(N) > kMaxMinorBits)
    throw UsageError("the game is too large for --method seq: its LCP has " + std::to_string(N) + " rows (a dense exact tableau of " +
                     std::to_string(static_cast<std::uint64_t>(entries)) + " rationals, limit " +
                     std::to_string(static_cast<std::uint64_t>(kMaxEntries)) + ") and payoff entries of up to " +
                     std::to_string(static_cast<std::uint64_t>(bits)) + " bits; try --method qre");
}

}  // namespace

EfgSolution sequence_form_lcp(const ExtensiveGame& g) {
  if (g.num_players() != 2) throw UsageError("the sequence-form LCP needs a 2-player game");
  if (!g.has_perfect_recall()) throw UsageError("the sequence-form LCP needs perfect recall");
  const SeqInfo s = build_sequences(g);
  const auto& nodes = g.nodes();
  const auto creach = chance_reach(g);
  const std::size_t n1 = s.nseq[0], n2 = s.nseq[1];
  const std::size_t r1 = s.infos[0].size() + 1, r2 = s.infos[1].size() + 1;
  // Payoff shift making every play's total payoff negative, per player.
  std::vector<Rational> shift(2, Rational(0));
  {
    std::vector<Rational> hi(2);
    bool first = true;
    for (std::size_t n = 0; n < nodes.size(); ++n) {
      if (nodes[n].kind != NodeKind::kTerminal) continue;
      const auto u = g.path_payoffs(n);
      for (std::size_t p = 0; p < 2; ++p)
        if (first || u[p] > hi[p]) hi[p] = u[p];
      first = false;
    }
    for (std::size_t p = 0; p < 2; ++p) shift[p] = hi[p] + 1;
  }
  std::map<std::pair<std::size_t, std::size_t>, std::pair<Rational, Rational>> AB;  // (s1, s2) -> (A, B)
  // Outcomes on inner nodes are moved to the terminal nodes below them (the total payoff of each
  // play is unchanged), so that every nonzero entry of the shifted A and B is negative.
  for (std::size_t n = 0; n < nodes.size(); ++n) {
    if (nodes[n].kind != NodeKind::kTerminal || sgn(creach[n]) == 0) continue;
    const auto u = g.path_payoffs(n);
    auto& cell = AB[{s.node_seq0[n], s.node_seq1[n]}];
    cell.first += creach[n] * (u[0] - shift[0]);
    cell.second += creach[n] * (u[1] - shift[1]);
  }
  // LCP layout: z = (x[n1], y[n2], q[r1], p[r2]), all >= 0, with positive costs
  // A' = -A, B' = -B (the shifted payoffs are negative):
  //   w_x = A' y - E'q >= 0 _|_ x,   w_y = B''x - F'p >= 0 _|_ y,
  //   w_q = E x - e >= 0 _|_ q,      w_p = F y - f >= 0 _|_ p.
  // (The relaxed E x >= e holds with equality at a solution; checked below.)
  const std::size_t ox = 0, oy = n1, oq = oy + n2, op = oq + r1, N = op + r2;
  check_lcp_size(N, AB);
  std::vector<std::vector<Rational>> M(N, std::vector<Rational>(N, Rational(0)));
  std::vector<Rational> q(N, Rational(0));
  for (const auto& [k, v] : AB) {
    M[ox + k.first][oy + k.second] -= v.first;
    M[oy + k.second][ox + k.first] -= v.second;
  }
  // E: row 0 = empty sequence; row 1+i = infoset i: -x_parent + sum_a x_(h,a).
  auto fill_constraints = [&](std::size_t p, std::size_t ovar, std::size_t odual) {
    std::vector<std::vector<std::pair<std::size_t, int>>> rows;
    rows.reserve(s.infos[p].size() + 1);
    rows.push_back({std::make_pair(std::size_t{0}, 1)});
    for (std::size_t i = 0; i < s.infos[p].size(); ++i) {
      const std::size_t h = s.infos[p][i];
      std::vector<std::pair<std::size_t, int>> row{std::make_pair(s.parent_seq[h], -1)};
      for (std::size_t a = 0; a < g.infosets()[h].actions.size(); ++a) row.emplace_back(s.seq_of[p].at({h, a}), 1);
      rows.push_back(std::move(row));
    }
    for (std::size_t r = 0; r < rows.size(); ++r)
      for (auto [sq, c] : rows[r]) {
        M[ovar + sq][odual + r] -= c;  // - E' q
        M[odual + r][ovar + sq] += c;  // E x - e
      }
    q[odual] = -1;
  };
  fill_constraints(0, ox, oq);
  fill_constraints(1, oy, op);

  // Lemke's algorithm on the tableau [I | -M | -d | q], basis initially w.
  const std::size_t cols = 2 * N + 1;  // w (N), z (N), z0
  std::vector<std::vector<Rational>> T(N, std::vector<Rational>(cols + 1, Rational(0)));
  for (std::size_t i = 0; i < N; ++i) {
    T[i][i] = 1;
    for (std::size_t j = 0; j < N; ++j) if (sgn(M[i][j]) != 0) T[i][N + j] = -M[i][j];
    T[i][2 * N] = -1;
    T[i][cols] = q[i];
  }
  std::vector<std::size_t> basis(N);
  for (std::size_t i = 0; i < N; ++i) basis[i] = i;
  auto pivot = [&](std::size_t r, std::size_t c) {
    const Rational inv = 1 / T[r][c];
    for (auto& v : T[r]) if (sgn(v) != 0) v *= inv;
    for (std::size_t i = 0; i < N; ++i) {
      if (i == r || sgn(T[i][c]) == 0) continue;
      const Rational f = T[i][c];
      for (std::size_t k = 0; k <= cols; ++k) if (sgn(T[r][k]) != 0) T[i][k] -= f * T[r][k];
    }
    basis[r] = c;
  };
  auto lex_less = [&](std::size_t r, std::size_t b, std::size_t c) {  // row r before row b for column c?
    // compare rhs/T[.][c], then B^-1 columns (w columns 0..N-1) / T[.][c]
    const Rational &pr = T[r][c], &pb = T[b][c];
    Rational lhs = T[r][cols] * pb, rhs = T[b][cols] * pr;
    if (lhs != rhs) return lhs < rhs;
    for (std::size_t k = 0; k < N; ++k) {
      lhs = T[r][k] * pb;
      rhs = T[b][k] * pr;
      if (lhs != rhs) return lhs < rhs;
    }
    return false;
  };
  EfgSolution sol;
  sol.method = "seq";
  // Initial pivot: z0 enters at the row with the most negative q (lexicographically).
  std::size_t r0 = N;
  for (std::size_t i = 0; i < N; ++i) {
    if (sgn(T[i][cols]) >= 0) continue;
    if (r0 == N || T[i][cols] < T[r0][cols]) r0 = i;
  }
  std::size_t pivots = 0;
  bool solved = false;
  if (r0 == N) {
    solved = true;  // q >= 0: z = 0 solves (cannot happen: row 0 of E gives q = -1)
  } else {
    std::size_t leaving = basis[r0];
    pivot(r0, 2 * N);
    while (pivots < 1000000) {
      ++pivots;
      const std::size_t enter = leaving < N ? leaving + N : leaving - N;  // complement
      std::size_t r = N;
      for (std::size_t i = 0; i < N; ++i) {
        if (sgn(T[i][enter]) <= 0) continue;
        if (r == N || lex_less(i, r, enter)) r = i;
      }
      if (r == N) break;  // ray termination
      leaving = basis[r];
      pivot(r, enter);
      if (leaving == 2 * N) {
        solved = true;
        break;
      }
    }
  }
  if (!solved) {
    sol.message = "Lemke's algorithm ended on a ray after " + std::to_string(pivots) + " pivots; no equilibrium found";
    return sol;
  }
  std::vector<Rational> z(N, Rational(0));
  for (std::size_t i = 0; i < N; ++i)
    if (basis[i] >= N && basis[i] < 2 * N) z[basis[i] - N] = T[i][cols];
  // Behaviour strategies from realisation plans.
  BehaviorProfile b(g.infosets().size());
  for (std::size_t h = 0; h < g.infosets().size(); ++h) {
    const auto& is = g.infosets()[h];
    if (is.player == 0) {
      b[h] = is.probs;
      continue;
    }
    const std::size_t k = is.actions.size();
    b[h].assign(k, Rational(1, static_cast<unsigned long>(k)));
    if (is.members.empty() || s.parent_seq[h] == kNone) continue;
    const std::size_t p = is.player - 1;
    const std::size_t off = p == 0 ? ox : oy;
    const Rational& par = z[off + s.parent_seq[h]];
    if (sgn(par) <= 0) continue;
    for (std::size_t a = 0; a < k; ++a) b[h][a] = z[off + s.seq_of[p].at({h, a})] / par;
  }
  EfgEquilibrium e;
  e.exact = true;
  e.payoffs = expected_payoffs(g, b);
  bool verified = true;
  for (std::size_t p = 0; p < 2; ++p)
    if (best_response_value(g, s, b, p) != e.payoffs[p]) verified = false;
  for (const auto& q2 : e.payoffs) e.payoffs_d.push_back(q2.get_d());
  for (const auto& v : b) {
    std::vector<double> d;
    for (const auto& x : v) d.push_back(x.get_d());
    e.profile_d.push_back(std::move(d));
  }
  e.profile = std::move(b);
  e.note = std::to_string(pivots) + " Lemke pivots";
  for (std::size_t p = 0; p < 2 && verified; ++p) {  // realisation plans must satisfy E x = e exactly
    const std::size_t off = p == 0 ? ox : oy;
    if (z[off] != 1) verified = false;
    for (std::size_t h : s.infos[p]) {
      Rational sum = 0;
      for (std::size_t a = 0; a < g.infosets()[h].actions.size(); ++a) sum += z[off + s.seq_of[p].at({h, a})];
      if (sum != z[off + s.parent_seq[h]]) verified = false;
    }
  }
  if (!verified) {
    sol.message = "the LCP solution failed exact verification (internal error)";
    e.exact = false;
  } else {
    sol.message = "one Nash equilibrium (verified exactly: no player gains by any deviation)";
  }
  sol.equilibria.push_back(std::move(e));
  return sol;
}

}  // namespace statecraft::games
