// Dispatch of `solve` requests and rendering of results (text and JSON).

#include "statecraft/games/solve.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <utility>

#include "statecraft/error.hpp"

namespace statecraft::games {

const std::vector<std::string>& solve_methods() {
  static const std::vector<std::string> k{"pure", "dominance", "enum", "lh", "qre", "spe", "seq", "lp"};
  return k;
}

std::string default_method(const AnyGame& g) {
  if (const auto* n = std::get_if<NormalFormGame>(&g)) return n->num_players() == 2 ? "enum" : "qre";
  const auto& e = std::get<ExtensiveGame>(g);
  if (e.is_perfect_information()) return "spe";
  if (e.num_players() == 2 && e.has_perfect_recall()) return "seq";
  return "qre";
}

std::string format_number(double v) { return fmt::format("{:.6g}", v); }

namespace {

std::string game_summary(const AnyGame& g) {
  if (const auto* n = std::get_if<NormalFormGame>(&g)) {
    std::string dims;
    for (std::size_t p = 0; p < n->num_players(); ++p) dims += (p ? "x" : "") + std::to_string(n->num_strategies(p));
    return fmt::format("normal form, {} players, {} strategies", n->num_players(), dims);
  }
  const auto& e = std::get<ExtensiveGame>(g);
  return fmt::format("extensive form, {} players, {} nodes, {} information sets{}", e.num_players(), e.nodes().size(),
                     e.infosets().size(), e.is_perfect_information() ? ", perfect information" : "");
}

nlohmann::json nfg_eq_json(const NormalFormGame& g, const NfgEquilibrium& e) {
  nlohmann::json j;
  j["exact"] = e.exact;
  nlohmann::json prof = nlohmann::json::array();
  for (std::size_t p = 0; p < g.num_players(); ++p) {
    nlohmann::json pl;
    pl["player"] = g.players()[p];
    nlohmann::json strat = nlohmann::json::array();
    for (std::size_t s = 0; s < g.num_strategies(p); ++s) {
      nlohmann::json st{{"strategy", g.strategies()[p][s]}, {"probability", e.profile_d[p][s]}};
      if (e.exact) st["exact"] = e.profile[p][s].get_str();
      strat.push_back(std::move(st));
    }
    pl["strategies"] = std::move(strat);
    pl["payoff"] = e.payoffs_d[p];
    if (e.exact) pl["payoff_exact"] = e.payoffs[p].get_str();
    prof.push_back(std::move(pl));
  }
  j["profile"] = std::move(prof);
  if (!e.note.empty()) j["note"] = e.note;
  return j;
}

void nfg_eq_text(std::ostringstream& o, const NormalFormGame& g, const NfgEquilibrium& e, std::size_t k) {
  o << "equilibrium " << k << (e.exact ? " (exact)" : " (approximate)") << (e.note.empty() ? "" : ": " + e.note)
    << '\n';
  for (std::size_t p = 0; p < g.num_players(); ++p) {
    o << "  " << g.players()[p] << ":";
    for (std::size_t s = 0; s < g.num_strategies(p); ++s) {
      const bool zero = e.exact ? sgn(e.profile[p][s]) == 0 : e.profile_d[p][s] < 5e-7;
      if (zero) continue;
      o << ' ' << quote_label(g.strategies()[p][s]) << '='
        << (e.exact ? e.profile[p][s].get_str() : format_number(e.profile_d[p][s]));
    }
    o << "   payoff " << (e.exact ? e.payoffs[p].get_str() : format_number(e.payoffs_d[p]));
    if (e.exact && e.payoffs[p].get_den() != 1) o << " (" << format_number(e.payoffs_d[p]) << ")";
    o << '\n';
  }
}

// The equilibria as text and, when `json` is set, as JSON (which for a long list costs far more
// than the search: every strategy of every equilibrium is an object).
void nfg_report(const NormalFormGame& g, const NfgSolution& s, SolveReport& r, std::ostringstream& o, bool json) {
  o << "method: " << s.method << (s.complete ? " (complete)" : "") << "\n";
  if (!s.message.empty()) o << "note: " << s.message << '\n';
  o << s.equilibria.size() << (s.equilibria.size() == 1 ? " equilibrium" : " equilibria") << "\n";
  nlohmann::json arr = nlohmann::json::array();
  for (std::size_t k = 0; k < s.equilibria.size(); ++k) {
    nfg_eq_text(o, g, s.equilibria[k], k + 1);
    if (json) arr.push_back(nfg_eq_json(g, s.equilibria[k]));
  }
  r.json["equilibria"] = std::move(arr);
  r.json["complete"] = s.complete;
  r.json["message"] = s.message;
  r.json["work"] = s.work;
  r.equilibria = s.equilibria.size();
}

void efg_behavior_text(std::ostringstream& o, const ExtensiveGame& g, const BehaviorProfileD& bd,
                       const BehaviorProfile* bq, nlohmann::json& j) {
  nlohmann::json arr = nlohmann::json::array();
  for (std::size_t p = 1; p <= g.num_players(); ++p) {
    for (std::size_t h : g.player_infosets(p)) {
      const auto& is = g.infosets()[h];
      o << "  " << g.players()[p - 1] << " at "
        << (is.label.empty() ? "infoset " + std::to_string(is.number) : quote_label(is.label)) << ":";
      nlohmann::json jh{{"player", g.players()[p - 1]}, {"infoset", is.number}, {"label", is.label}};
      nlohmann::json acts = nlohmann::json::array();
      for (std::size_t a = 0; a < is.actions.size(); ++a) {
        nlohmann::json ja{{"action", is.actions[a]}, {"probability", bd[h][a]}};
        if (bq) ja["exact"] = (*bq)[h][a].get_str();
        acts.push_back(std::move(ja));
        const bool zero = bq ? sgn((*bq)[h][a]) == 0 : bd[h][a] < 5e-7;
        if (zero) continue;
        o << ' ' << quote_label(is.actions[a]) << '=' << (bq ? (*bq)[h][a].get_str() : format_number(bd[h][a]));
      }
      jh["actions"] = std::move(acts);
      arr.push_back(std::move(jh));
      o << '\n';
    }
  }
  j["behavior"] = std::move(arr);
}

void efg_report(const ExtensiveGame& g, const EfgSolution& s, SolveReport& r, std::ostringstream& o) {
  o << "method: " << s.method << (s.complete ? " (complete)" : "") << "\n";
  if (!s.message.empty()) o << "note: " << s.message << '\n';
  o << s.equilibria.size() << (s.equilibria.size() == 1 ? " equilibrium" : " equilibria") << "\n";
  nlohmann::json arr = nlohmann::json::array();
  for (std::size_t k = 0; k < s.equilibria.size(); ++k) {
    const auto& e = s.equilibria[k];
    o << "equilibrium " << k + 1 << (e.exact ? " (exact)" : " (approximate)") << (e.note.empty() ? "" : ": " + e.note)
      << '\n';
    nlohmann::json j;
    j["exact"] = e.exact;
    efg_behavior_text(o, g, e.profile_d, e.exact ? &e.profile : nullptr, j);
    o << "  payoffs:";
    nlohmann::json pay = nlohmann::json::array();
    for (std::size_t p = 0; p < g.num_players(); ++p) {
      o << ' ' << quote_label(g.players()[p]) << '='
        << (e.exact ? e.payoffs[p].get_str() : format_number(e.payoffs_d[p]));
      nlohmann::json jp{{"player", g.players()[p]}, {"payoff", e.payoffs_d[p]}};
      if (e.exact) jp["exact"] = e.payoffs[p].get_str();
      pay.push_back(std::move(jp));
    }
    o << '\n';
    j["payoffs"] = std::move(pay);
    if (!e.note.empty()) j["note"] = e.note;
    arr.push_back(std::move(j));
  }
  r.json["equilibria"] = std::move(arr);
  r.json["complete"] = s.complete;
  r.json["message"] = s.message;
  r.equilibria = s.equilibria.size();
}

// A QRE trace that stopped short of the regret target: reported as a failure, without a profile.
SolveReport qre_failure(SolveReport r, std::ostringstream& o, double lambda, double regret) {
  r.failed = true;
  r.failure = std::isfinite(regret)
                  ? fmt::format(
                        "the logit QRE path could not be followed to the regret target (stopped at lambda {}, "
                        "max regret {})",
                        format_number(lambda), format_number(regret))
                  : std::string("the logit QRE path could not be followed (the path tracer diverged)");
  o << "failed: " << r.failure << '\n';
  r.text = o.str();
  r.json["failed"] = true;
  r.json["failure"] = r.failure;
  r.equilibria = 0;
  return r;
}

// Tree methods: subgame-perfect equilibrium, sequence-form LCP and agent logit QRE.
SolveReport solve_tree(const ExtensiveGame& e, const std::string& method, SolveReport r, std::ostringstream& o) {
  if (method == "qre") {
    const auto q = agent_logit_qre(e);
    if (!q.converged) return qre_failure(std::move(r), o, q.lambda, q.regret);
    EfgSolution s;
    s.method = "qre (agent logit QRE, path following)";
    EfgEquilibrium eq;
    eq.profile_d = q.profile;
    eq.payoffs_d = expected_payoffs(e, q.profile);
    eq.note = fmt::format("lambda {}, max regret {}", format_number(q.lambda), format_number(q.regret));
    s.equilibria.push_back(std::move(eq));
    s.message = "traced to an approximate equilibrium";
    efg_report(e, s, r, o);
  } else {
    efg_report(e, method == "spe" ? backward_induction(e) : sequence_form_lcp(e), r, o);
  }
  r.text = o.str();
  return r;
}

// Iterated elimination of dominated strategies: what was removed and what survives.
SolveReport dominance_report(const NormalFormGame& nf, SolveReport r, std::ostringstream& o) {
  const auto d = eliminate_dominated(nf, true);
  o << "method: dominance (iterated elimination of strictly dominated strategies, pure and mixed)\n";
  for (const auto& l : d.log) o << "  removed " << l << '\n';
  o << "surviving strategies:\n";
  nlohmann::json kept = nlohmann::json::array();
  for (std::size_t p = 0; p < nf.num_players(); ++p) {
    o << "  " << nf.players()[p] << ":";
    nlohmann::json kp = nlohmann::json::array();
    for (std::size_t s : d.kept[p]) {
      o << ' ' << quote_label(nf.strategies()[p][s]);
      kp.push_back(nf.strategies()[p][s]);
    }
    kept.push_back({{"player", nf.players()[p]}, {"strategies", std::move(kp)}});
    o << '\n';
  }
  r.json["eliminated"] = d.log;
  r.json["surviving"] = std::move(kept);
  r.equilibria = 0;
  r.text = o.str();
  return r;
}

// The equilibrium methods on a normal form: pure, enum, lh, lp and logit QRE.
SolveReport solve_normal_form(const NormalFormGame& nf, const SolveRequest& request, const std::string& method,
                              SolveReport r, std::ostringstream& o) {
  NfgSolution s;
  if (method == "pure")
    s = pure_equilibria(nf);
  else if (method == "enum") {
    EnumOptions eo;
    eo.exact_pivoting = request.exact;
    s = enumerate_extreme_equilibria(nf, eo);
  } else if (method == "lh")
    s = lemke_howson(nf);
  else if (method == "lp")
    s = zero_sum_lp(nf);
  else if (method == "qre") {
    const auto q = logit_qre(nf);
    if (!q.converged) return qre_failure(std::move(r), o, q.lambda, q.regret);
    s.method = "qre (logit QRE, path following)";
    s.equilibria.push_back(make_equilibrium(
        nf, q.profile, fmt::format("lambda {}, max regret {}", format_number(q.lambda), format_number(q.regret))));
    s.message = "traced to an approximate Nash equilibrium";
    s.work = q.steps;
  } else {
    throw UsageError("--method " + method + " needs an extensive-form game");
  }
  nfg_report(nf, s, r, o, request.json);
  r.text = o.str();
  return r;
}

}  // namespace

SolveReport solve(const AnyGame& g, const SolveRequest& request) {
  const std::string method = request.method.empty() ? default_method(g) : request.method;
  if (std::find(solve_methods().begin(), solve_methods().end(), method) == solve_methods().end())
    throw UsageError("unknown method '" + method + "'; expected one of pure, dominance, enum, lh, qre, spe, seq, lp");
  SolveReport r;
  r.method = method;
  std::ostringstream o;
  const auto* nfg = std::get_if<NormalFormGame>(&g);
  const std::string title = nfg ? nfg->title() : std::get<ExtensiveGame>(g).title();
  o << "game: " << quote_label(title) << " (" << game_summary(g) << ")\n";
  r.json["game"] = {{"title", title}, {"summary", game_summary(g)}};
  r.json["method"] = method;

  if (method == "spe" || method == "seq" || (method == "qre" && !nfg)) {
    if (nfg) throw UsageError("--method " + method + " needs an extensive-form (.efg) game");
    r = solve_tree(std::get<ExtensiveGame>(g), method, std::move(r), o);
  } else {
    NormalFormGame reduced;
    if (!nfg) {
      reduced = reduced_normal_form(std::get<ExtensiveGame>(g));
      o << "solved on the reduced normal form (" << game_summary(AnyGame{reduced}) << ")\n";
    }
    const NormalFormGame& nf = nfg ? *nfg : reduced;
    r = method == "dominance" ? dominance_report(nf, std::move(r), o)
                              : solve_normal_form(nf, request, method, std::move(r), o);
  }
  if (!request.json) r.json = nlohmann::json();
  return r;
}

}  // namespace statecraft::games
