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
      if (nd.kind == NodeKind::kChance)
        f = g.infosets()[nd.infoset].probs[a];
      else if (g.infosets()[nd.infoset].player - 1 != p)
        f = b[nd.infoset][a];
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
void check_lcp_size(std::size_t N,
                    const std::map<std::pair<std::size_t, std::size_t>, std::pair<Rational, Rational>>& AB) {
  constexpr double kMaxEntries = 4e6, kMaxMinorBits = 64.0 * 1024 * 1024 * 8;  // 64 MiB per number
  double bits = 0;
  for (const auto& [k, v] : AB)
    for (const Rational* q : {&v.first, &v.second})
      bits = std::max(
          bits, static_cast<double>(mpz_sizeinbase(q->get_num_mpz_t(), 2) + mpz_sizeinbase(q->get_den_mpz_t(), 2)));
  const double entries = static_cast<double>(N) * static_cast<double>(2 * N + 2);
  if (entries > kMaxEntries || bits * static_cast<double>(N) > kMaxMinorBits)
    throw UsageError("the game is too large for --method seq: its LCP has " + std::to_string(N) +
                     " rows (a dense exact tableau of " + std::to_string(static_cast<std::uint64_t>(entries)) +
                     " rationals, limit " + std::to_string(static_cast<std::uint64_t>(kMaxEntries)) +
                     ") and payoff entries of up to " + std::to_string(static_cast<std::uint64_t>(bits)) +
                     " bits; try --method qre");
}

// Payoff shift making every play's total payoff negative, per player.
std::vector<Rational> negative_shift(const ExtensiveGame& g) {
  const auto& nodes = g.nodes();
  std::vector<Rational> hi(2), shift(2, Rational(0));
  bool first = true;
  for (std::size_t n = 0; n < nodes.size(); ++n) {
    if (nodes[n].kind != NodeKind::kTerminal) continue;
    const auto u = g.path_payoffs(n);
    for (std::size_t p = 0; p < 2; ++p)
      if (first || u[p] > hi[p]) hi[p] = u[p];
    first = false;
  }
  for (std::size_t p = 0; p < 2; ++p) shift[p] = hi[p] + 1;
  return shift;
}

using SequencePayoffs = std::map<std::pair<std::size_t, std::size_t>, std::pair<Rational, Rational>>;

// The sparse sequence-form payoffs (s1, s2) -> (A, B), shifted negative. Outcomes on inner nodes
// are moved to the terminal nodes below them (the total payoff of each play is unchanged), so
// that every nonzero entry of the shifted A and B is negative.
SequencePayoffs sequence_payoffs(const ExtensiveGame& g, const SeqInfo& s) {
  const auto& nodes = g.nodes();
  const auto creach = chance_reach(g);
  const auto shift = negative_shift(g);
  SequencePayoffs AB;
  for (std::size_t n = 0; n < nodes.size(); ++n) {
    if (nodes[n].kind != NodeKind::kTerminal || sgn(creach[n]) == 0) continue;
    const auto u = g.path_payoffs(n);
    auto& cell = AB[{s.node_seq0[n], s.node_seq1[n]}];
    cell.first += creach[n] * (u[0] - shift[0]);
    cell.second += creach[n] * (u[1] - shift[1]);
  }
  return AB;
}

// LCP layout: z = (x[n1], y[n2], q[r1], p[r2]), all >= 0, with positive costs
// A' = -A, B' = -B (the shifted payoffs are negative):
//   w_x = A' y - E'q >= 0 _|_ x,   w_y = B''x - F'p >= 0 _|_ y,
//   w_q = E x - e >= 0 _|_ q,      w_p = F y - f >= 0 _|_ p.
// (The relaxed E x >= e holds with equality at a solution; checked by plans_consistent.)
struct SequenceLcp {
  std::size_t ox = 0, oy = 0, oq = 0, op = 0, N = 0;
  std::vector<std::vector<Rational>> M;
  std::vector<Rational> q;
};

// E: row 0 = empty sequence; row 1+i = infoset i: -x_parent + sum_a x_(h,a).
void add_plan_constraints(const ExtensiveGame& g, const SeqInfo& s, std::size_t p, std::size_t ovar, std::size_t odual,
                          SequenceLcp& lcp) {
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
      lcp.M[ovar + sq][odual + r] -= c;  // - E' q
      lcp.M[odual + r][ovar + sq] += c;  // E x - e
    }
  lcp.q[odual] = -1;
}

SequenceLcp sequence_lcp(const ExtensiveGame& g, const SeqInfo& s) {
  const auto AB = sequence_payoffs(g, s);
  SequenceLcp lcp;
  lcp.oy = s.nseq[0];
  lcp.oq = lcp.oy + s.nseq[1];
  lcp.op = lcp.oq + s.infos[0].size() + 1;
  lcp.N = lcp.op + s.infos[1].size() + 1;
  check_lcp_size(lcp.N, AB);
  lcp.M.assign(lcp.N, std::vector<Rational>(lcp.N, Rational(0)));
  lcp.q.assign(lcp.N, Rational(0));
  for (const auto& [k, v] : AB) {
    lcp.M[lcp.ox + k.first][lcp.oy + k.second] -= v.first;
    lcp.M[lcp.oy + k.second][lcp.ox + k.first] -= v.second;
  }
  add_plan_constraints(g, s, 0, lcp.ox, lcp.oq, lcp);
  add_plan_constraints(g, s, 1, lcp.oy, lcp.op, lcp);
  return lcp;
}

// Lemke's algorithm on the tableau [I | -M | -d | q], basis initially w (columns: w 0..N-1,
// z N..2N-1, the artificial z0 at 2N, the right-hand side at 2N+1), lexicographic ratio test.
class LemkeTableau {
 public:
  explicit LemkeTableau(const SequenceLcp& lcp) : N_(lcp.N), cols_(2 * lcp.N + 1), basis_(lcp.N) {
    T_.assign(N_, std::vector<Rational>(cols_ + 1, Rational(0)));
    for (std::size_t i = 0; i < N_; ++i) {
      T_[i][i] = 1;
      for (std::size_t j = 0; j < N_; ++j)
        if (sgn(lcp.M[i][j]) != 0) T_[i][N_ + j] = -lcp.M[i][j];
      T_[i][2 * N_] = -1;
      T_[i][cols_] = lcp.q[i];
      basis_[i] = i;
    }
  }

  // Runs the complementary pivots; true when z0 left the basis (a solution), false on a ray.
  bool solve() {
    // Initial pivot: z0 enters at the row with the most negative q.
    std::size_t r0 = N_;
    for (std::size_t i = 0; i < N_; ++i) {
      if (sgn(T_[i][cols_]) >= 0) continue;
      if (r0 == N_ || T_[i][cols_] < T_[r0][cols_]) r0 = i;
    }
    if (r0 == N_) return true;  // q >= 0: z = 0 solves (cannot happen: row 0 of E gives q = -1)
    std::size_t leaving = basis_[r0];
    pivot(r0, 2 * N_);
    while (pivots_ < 1000000) {
      ++pivots_;
      const std::size_t enter = leaving < N_ ? leaving + N_ : leaving - N_;  // complement
      std::size_t r = N_;
      for (std::size_t i = 0; i < N_; ++i) {
        if (sgn(T_[i][enter]) <= 0) continue;
        if (r == N_ || lex_less(i, r, enter)) r = i;
      }
      if (r == N_) return false;  // ray termination
      leaving = basis_[r];
      pivot(r, enter);
      if (leaving == 2 * N_) return true;
    }
    return false;
  }

  [[nodiscard]] std::size_t pivots() const { return pivots_; }

  // The values of z (0 when not basic).
  [[nodiscard]] std::vector<Rational> z() const {
    std::vector<Rational> z(N_, Rational(0));
    for (std::size_t i = 0; i < N_; ++i)
      if (basis_[i] >= N_ && basis_[i] < 2 * N_) z[basis_[i] - N_] = T_[i][cols_];
    return z;
  }

 private:
  void pivot(std::size_t r, std::size_t c) {
    const Rational inv = 1 / T_[r][c];
    for (auto& v : T_[r])
      if (sgn(v) != 0) v *= inv;
    for (std::size_t i = 0; i < N_; ++i) {
      if (i == r || sgn(T_[i][c]) == 0) continue;
      const Rational f = T_[i][c];
      for (std::size_t k = 0; k <= cols_; ++k)
        if (sgn(T_[r][k]) != 0) T_[i][k] -= f * T_[r][k];
    }
    basis_[r] = c;
  }

  // Row r before row b for column c: compares rhs / T[.][c], then the B^-1 columns (w columns
  // 0..N-1) / T[.][c].
  [[nodiscard]] bool lex_less(std::size_t r, std::size_t b, std::size_t c) const {
    const Rational &pr = T_[r][c], &pb = T_[b][c];
    Rational lhs = T_[r][cols_] * pb, rhs = T_[b][cols_] * pr;
    if (lhs != rhs) return lhs < rhs;
    for (std::size_t k = 0; k < N_; ++k) {
      lhs = T_[r][k] * pb;
      rhs = T_[b][k] * pr;
      if (lhs != rhs) return lhs < rhs;
    }
    return false;
  }

  std::size_t N_, cols_;
  std::vector<std::vector<Rational>> T_;
  std::vector<std::size_t> basis_;
  std::size_t pivots_ = 0;
};

// Behaviour strategies from the realisation plans in z (uniform where a plan does not reach).
BehaviorProfile behavior_from_plans(const ExtensiveGame& g, const SeqInfo& s, const SequenceLcp& lcp,
                                    const std::vector<Rational>& z) {
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
    const std::size_t off = p == 0 ? lcp.ox : lcp.oy;
    const Rational& par = z[off + s.parent_seq[h]];
    if (sgn(par) <= 0) continue;
    for (std::size_t a = 0; a < k; ++a) b[h][a] = z[off + s.seq_of[p].at({h, a})] / par;
  }
  return b;
}

// The realisation plans satisfy E x = e exactly (the LCP only imposes E x >= e).
bool plans_consistent(const ExtensiveGame& g, const SeqInfo& s, const SequenceLcp& lcp,
                      const std::vector<Rational>& z) {
  for (std::size_t p = 0; p < 2; ++p) {
    const std::size_t off = p == 0 ? lcp.ox : lcp.oy;
    if (z[off] != 1) return false;
    for (std::size_t h : s.infos[p]) {
      Rational sum = 0;
      for (std::size_t a = 0; a < g.infosets()[h].actions.size(); ++a) sum += z[off + s.seq_of[p].at({h, a})];
      if (sum != z[off + s.parent_seq[h]]) return false;
    }
  }
  return true;
}

// The equilibrium of profile b, and whether it is verified: no player gains by a deviation.
EfgEquilibrium checked_equilibrium(const ExtensiveGame& g, const SeqInfo& s, BehaviorProfile b, bool& verified) {
  EfgEquilibrium e;
  e.exact = true;
  e.payoffs = expected_payoffs(g, b);
  verified = true;
  for (std::size_t p = 0; p < 2; ++p)
    if (best_response_value(g, s, b, p) != e.payoffs[p]) verified = false;
  for (const auto& q2 : e.payoffs) e.payoffs_d.push_back(q2.get_d());
  for (const auto& v : b) {
    std::vector<double> d;
    d.reserve(v.size());
    for (const auto& x : v) d.push_back(x.get_d());
    e.profile_d.push_back(std::move(d));
  }
  e.profile = std::move(b);
  return e;
}

}  // namespace

EfgSolution sequence_form_lcp(const ExtensiveGame& g) {
  if (g.num_players() != 2) throw UsageError("the sequence-form LCP needs a 2-player game");
  if (!g.has_perfect_recall()) throw UsageError("the sequence-form LCP needs perfect recall");
  const SeqInfo s = build_sequences(g);
  const SequenceLcp lcp = sequence_lcp(g, s);
  LemkeTableau tableau(lcp);
  EfgSolution sol;
  sol.method = "seq";
  if (!tableau.solve()) {
    sol.message =
        "Lemke's algorithm ended on a ray after " + std::to_string(tableau.pivots()) + " pivots; no equilibrium found";
    return sol;
  }
  const std::vector<Rational> z = tableau.z();
  bool verified = false;
  EfgEquilibrium e = checked_equilibrium(g, s, behavior_from_plans(g, s, lcp, z), verified);
  e.note = std::to_string(tableau.pivots()) + " Lemke pivots";
  if (!verified || !plans_consistent(g, s, lcp, z)) {
    sol.message = "the LCP solution failed exact verification (internal error)";
    e.exact = false;
  } else {
    sol.message = "one Nash equilibrium (verified exactly: no player gains by any deviation)";
  }
  sol.equilibria.push_back(std::move(e));
  return sol;
}

}  // namespace statecraft::games
