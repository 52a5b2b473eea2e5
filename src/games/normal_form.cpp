// Normal-form games: storage, payoff evaluation and exact equilibrium checks.

#include "statecraft/games/normal_form.hpp"

#include <cmath>
#include <utility>

#include "statecraft/error.hpp"

namespace statecraft::games {

Rational to_rational(double v) {
  if (!std::isfinite(v)) throw UsageError("payoff or probability is not finite: " + std::to_string(v));
  Rational q(v);  // mpq_set_d is exact for every finite double
  q.canonicalize();
  return q;
}

std::string to_string(const Rational& q) { return q.get_str(); }

NormalFormGame::NormalFormGame(std::vector<std::string> players, std::vector<std::vector<std::string>> strategies,
                               std::string title)
    : title_(std::move(title)), players_(std::move(players)), strategies_(std::move(strategies)) {
  init_();
}

NormalFormGame::NormalFormGame(const std::vector<std::size_t>& counts, std::string title) : title_(std::move(title)) {
  for (std::size_t p = 0; p < counts.size(); ++p) {
    players_.push_back("Player " + std::to_string(p + 1));
    std::vector<std::string> s;
    for (std::size_t i = 0; i < counts[p]; ++i) s.push_back(std::to_string(i + 1));
    strategies_.push_back(std::move(s));
  }
  init_();
}

void NormalFormGame::init_() {
  if (players_.empty()) throw UsageError("a normal-form game needs at least one player");
  if (players_.size() != strategies_.size())
    throw UsageError("normal-form game: " + std::to_string(players_.size()) + " players but " +
                     std::to_string(strategies_.size()) + " strategy lists");
  strides_.assign(players_.size(), 1);
  std::size_t cells = 1;
  for (std::size_t p = 0; p < players_.size(); ++p) {
    if (strategies_[p].empty()) throw UsageError("player " + std::to_string(p + 1) + " has no strategy");
    strides_[p] = cells;
    if (cells > (std::size_t{1} << 40) / strategies_[p].size())
      throw UsageError("normal-form game too large (more than 2^40 cells)");
    cells *= strategies_[p].size();
  }
  if (cells * players_.size() > (std::size_t{1} << 28))
    throw UsageError("normal-form game too large: " + std::to_string(cells) + " cells");
  num_cells_ = cells;
  payoffs_.assign(cells * players_.size(), Rational(0));
}

NormalFormGame NormalFormGame::bimatrix(const std::vector<std::vector<Rational>>& a,
                                        const std::vector<std::vector<Rational>>& b) {
  if (a.empty() || a.size() != b.size() || a[0].empty())
    throw UsageError("bimatrix: A and B must be non-empty and of the same shape");
  const std::size_t m = a.size(), n = a[0].size();
  NormalFormGame g({m, n});
  for (std::size_t i = 0; i < m; ++i) {
    if (a[i].size() != n || b[i].size() != n)
      throw UsageError("bimatrix: row " + std::to_string(i + 1) + " has the wrong length");
    for (std::size_t j = 0; j < n; ++j) {
      g.set_payoff(i + m * j, 0, a[i][j]);
      g.set_payoff(i + m * j, 1, b[i][j]);
    }
  }
  return g;
}

NormalFormGame NormalFormGame::bimatrix(const std::vector<std::vector<double>>& a,
                                        const std::vector<std::vector<double>>& b) {
  auto conv = [](const std::vector<std::vector<double>>& x) {
    std::vector<std::vector<Rational>> r;
    r.reserve(x.size());
    for (const auto& row : x) {
      std::vector<Rational> rr;
      rr.reserve(row.size());
      for (double v : row) rr.push_back(to_rational(v));
      r.push_back(std::move(rr));
    }
    return r;
  };
  return bimatrix(conv(a), conv(b));
}

std::size_t NormalFormGame::cell_index(const std::vector<std::size_t>& profile) const {
  if (profile.size() != players_.size()) throw UsageError("profile has the wrong number of players");
  std::size_t c = 0;
  for (std::size_t p = 0; p < profile.size(); ++p) {
    if (profile[p] >= strategies_[p].size()) throw UsageError("strategy index out of range");
    c += profile[p] * strides_[p];
  }
  return c;
}

std::vector<std::size_t> NormalFormGame::cell_profile(std::size_t cell) const {
  std::vector<std::size_t> s(players_.size());
  for (std::size_t p = 0; p < players_.size(); ++p) {
    s[p] = cell % strategies_[p].size();
    cell /= strategies_[p].size();
  }
  return s;
}

void NormalFormGame::set_payoff(std::size_t cell, std::size_t player, const Rational& v) {
  if (cell >= num_cells_ || player >= players_.size()) throw UsageError("set_payoff: index out of range");
  outcomes_.clear();
  cell_outcome_.clear();
  payoffs_[cell * players_.size() + player] = v;
}

void NormalFormGame::set_outcomes(std::vector<NfgOutcome> outcomes, std::vector<std::size_t> cell_outcome) {
  if (cell_outcome.size() != num_cells_) throw UsageError("set_outcomes: one outcome index per cell needed");
  for (const auto& o : outcomes)
    if (o.payoffs.size() != players_.size()) throw UsageError("set_outcomes: outcome with wrong payoff count");
  for (std::size_t c = 0; c < num_cells_; ++c) {
    const std::size_t k = cell_outcome[c];
    if (k > outcomes.size()) throw UsageError("set_outcomes: outcome index out of range");
    for (std::size_t p = 0; p < players_.size(); ++p)
      payoffs_[c * players_.size() + p] = k == 0 ? Rational(0) : outcomes[k - 1].payoffs[p];
  }
  outcomes_ = std::move(outcomes);
  cell_outcome_ = std::move(cell_outcome);
}

std::vector<double> NormalFormGame::payoffs_double(std::size_t player) const {
  std::vector<double> v(num_cells_);
  for (std::size_t c = 0; c < num_cells_; ++c) v[c] = payoff(c, player).get_d();
  return v;
}

bool NormalFormGame::is_constant_sum() const {
  Rational first;
  for (std::size_t c = 0; c < num_cells_; ++c) {
    Rational s = 0;
    for (std::size_t p = 0; p < players_.size(); ++p) s += payoff(c, p);
    if (c == 0)
      first = s;
    else if (s != first)
      return false;
  }
  return true;
}

bool operator==(const NormalFormGame& a, const NormalFormGame& b) {
  return a.title_ == b.title_ && a.players_ == b.players_ && a.strategies_ == b.strategies_ && a.payoffs_ == b.payoffs_;
}

namespace {
// Generic evaluation of the expected payoff of `player` to each of his pure strategies when
// the others play `s`: a sum over cells weighted by the others' probabilities.
template <class T, class Get>
std::vector<T> values_impl(const NormalFormGame& g, const std::vector<std::vector<T>>& s, std::size_t player, Get get) {
  const std::size_t n = g.num_players();
  if (s.size() != n) throw UsageError("mixed profile has the wrong number of players");
  for (std::size_t p = 0; p < n; ++p)
    if (s[p].size() != g.num_strategies(p)) throw UsageError("mixed profile: wrong strategy count");
  std::vector<T> v(g.num_strategies(player), T(0));
  std::vector<std::size_t> prof(n, 0);
  const std::size_t first = player == 0 ? 1 : 0;  // the first of the others, whose probability starts w
  for (std::size_t c = 0; c < g.num_cells(); ++c) {
    bool zero = false;  // compared with the integer 0: no temporary (a Rational would allocate)
    for (std::size_t p = 0; p < n && !zero; ++p) zero = p != player && s[p][prof[p]] == 0;
    if (!zero) {
      T w = first < n ? T(s[first][prof[first]]) : T(1);
      for (std::size_t p = first + 1; p < n; ++p)
        if (p != player) w *= s[p][prof[p]];
      v[prof[player]] += w * get(c, player);
    }
    for (std::size_t p = 0; p < n; ++p) {
      if (++prof[p] < g.num_strategies(p)) break;
      prof[p] = 0;
    }
  }
  return v;
}
}  // namespace

std::vector<Rational> strategy_values(const NormalFormGame& g, const MixedProfile& s, std::size_t player) {
  return values_impl<Rational>(g, s, player,
                               [&](std::size_t c, std::size_t p) -> const Rational& { return g.payoff(c, p); });
}
Rational expected_payoff(const NormalFormGame& g, const MixedProfile& s, std::size_t player) {
  auto v = strategy_values(g, s, player);
  Rational r = 0;
  for (std::size_t i = 0; i < v.size(); ++i) r += s[player][i] * v[i];
  return r;
}
std::vector<double> strategy_values(const NormalFormGame& g, const MixedProfileD& s, std::size_t player) {
  return values_impl<double>(g, s, player, [&](std::size_t c, std::size_t p) { return g.payoff(c, p).get_d(); });
}
double expected_payoff(const NormalFormGame& g, const MixedProfileD& s, std::size_t player) {
  auto v = strategy_values(g, s, player);
  double r = 0;
  for (std::size_t i = 0; i < v.size(); ++i) r += s[player][i] * v[i];
  return r;
}

bool is_nash(const NormalFormGame& g, const MixedProfile& s) {
  if (s.size() != g.num_players()) return false;
  for (std::size_t p = 0; p < g.num_players(); ++p) {
    if (s[p].size() != g.num_strategies(p)) return false;
    Rational sum = 0;
    for (const auto& q : s[p]) {
      if (q < 0) return false;
      sum += q;
    }
    if (sum != 1) return false;
  }
  for (std::size_t p = 0; p < g.num_players(); ++p) {
    auto v = strategy_values(g, s, p);
    Rational best = v[0];
    for (const auto& x : v)
      if (x > best) best = x;
    for (std::size_t i = 0; i < v.size(); ++i)
      if (s[p][i] > 0 && v[i] != best) return false;
  }
  return true;
}

double max_regret(const NormalFormGame& g, const MixedProfileD& s) {
  double r = 0;
  for (std::size_t p = 0; p < g.num_players(); ++p) {
    auto v = strategy_values(g, s, p);
    double e = 0, best = v[0];
    for (std::size_t i = 0; i < v.size(); ++i) {
      e += s[p][i] * v[i];
      best = std::max(best, v[i]);
    }
    r = std::max(r, best - e);
  }
  return r;
}

}  // namespace statecraft::games
