// Reads the `timeline:` and `events:` sections (docs/scenario-format.md, "Timeline") into
// scenario::Timeline, checking every name an expression uses against the parameters, the state
// variables and the names the context adds, with the location of each problem.

#include "scenario/detail/timeline_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <set>

#include "scenario/detail/expression.hpp"
#include "statecraft/society/society_config.hpp"

namespace statecraft::scenario::detail {

/// Months since year 0 of a "YYYY-MM" or "YYYY-MM-DD" text, or -1.
int month_number(const std::string& s);
int month_number(const std::string& s) {
  if (s.size() < 7 || s[4] != '-') return -1;
  for (int i : {0, 1, 2, 3, 5, 6})
    if (!std::isdigit(static_cast<unsigned char>(s[static_cast<std::size_t>(i)]))) return -1;
  const int y = std::atoi(s.substr(0, 4).c_str());
  const int m = std::atoi(s.substr(5, 2).c_str());
  if (m < 1 || m > 12) return -1;
  return y * 12 + (m - 1);
}

namespace {

class TimelineReader {
 public:
  TimelineReader(Reader& r, Scenario& s) : r_(r), s_(s), t_(s.timeline) {}

  void read(const YAML::Node& timeline, const YAML::Node& events) {
    if (timeline.IsDefined() && r_.expect_map(timeline, "timeline")) {
      t_.present = true;
      r_.check_keys(timeline, "timeline", {"state", "dynamics", "transitions", "decisions", "issues", "society"},
                    {"state"});
      read_state(timeline["state"]);
      read_dynamics(timeline["dynamics"]);
      read_transitions(timeline["transitions"]);
    }
    read_events(events);
    if (!t_.present) return;
    read_decisions(timeline["decisions"]);
    read_issue_steps(timeline["issues"]);
    read_windows(timeline["society"]);
  }

 private:
  Reader& r_;
  Scenario& s_;
  Timeline& t_;

  // ---- names and expressions ------------------------------------------------------------------

  bool known_name(const std::string& n, const std::vector<std::string>& extra) {
    if (n == "month" || s_.parameters.count(n) || t_.var_index(n) >= 0) return true;
    if (std::find(extra.begin(), extra.end(), n) != extra.end()) return true;
    for (const auto& v : t_.vars)
      for (const auto& st : v.states)
        if (n == v.name + "_" + st) return true;
    return false;
  }

  /// Reads an expression (a number, a parameter name or a formula) and checks its names.
  std::string expression(const YAML::Node& n, const std::string& p, const std::vector<std::string>& extra = {}) {
    if (!n.IsDefined() || n.IsNull() || !n.IsScalar()) {
      r_.problem(n, p, Reader::describe(n), "an expression over parameters and state variables");
      return {};
    }
    const std::string& e = n.Scalar();
    const auto check = check_expression(e);
    if (check.error) {
      Location at = r_.where(n);
      at.column += check.error_pos;
      r_.problem(at, p, "'" + e + "' (" + *check.error + ")", "a valid expression");
      return {};
    }
    for (const auto& name : check.names) {
      if (!known_name(name, extra)) {
        r_.problem(n, p, "unknown name '" + name + "' in '" + e + "'",
                   "a parameter, a state variable, <variable>_<state>, month" +
                       (extra.empty() ? std::string() : " or one of the context's names"));
        return {};
      }
      if (const auto it = s_.parameters.find(name); it != s_.parameters.end()) t_.parameters_used.push_back(it->second);
    }
    return e;
  }

  /// A monthly probability: an expression, and when it is a plain number, one in [0, 1].
  /// (Expressions are clamped to [0, 1] when they are evaluated.)
  std::string probability(const YAML::Node& n, const std::string& p) {
    if (n.IsScalar()) {
      if (const auto x = parse_number(n.Scalar()); x && !(*x >= 0.0 && *x <= 1.0)) {
        r_.problem(n, p, "'" + n.Scalar() + "'", "a probability in [0, 1] (or an expression)");
        return {};
      }
    }
    return expression(n, p);
  }

  int month_of(const YAML::Node& n, const std::string& p) {
    const int k = months_after(s_.meta.as_of, n.IsScalar() ? n.Scalar() : std::string());
    if (k < 1 || k > s_.meta.horizon_months) {
      r_.problem(
          n, p, Reader::describe(n),
          fmt::format("a month YYYY-MM after meta.as_of and within the {}-month horizon", s_.meta.horizon_months));
      return -1;
    }
    return k;
  }

  std::vector<int> months(const YAML::Node& n, const std::string& p) {
    std::vector<int> out;
    if (!n.IsDefined()) return out;
    if (n.IsScalar()) {
      if (const int k = month_of(n, p); k > 0) out.push_back(k);
      return out;
    }
    if (!r_.expect_seq(n, p)) return out;
    std::size_t i = 0;
    for (const auto& x : n)
      if (const int k = month_of(x, fmt::format("{}[{}]", p, i++)); k > 0) out.push_back(k);
    return out;
  }

  Schedule schedule(const YAML::Node& n, const std::string& p) {
    Schedule sc;
    sc.every = static_cast<int>(r_.int_field(n, "every", p, false, 1, 600, 0));
    sc.months = months(n["at"], p + ".at");
    if (n["when"].IsDefined()) sc.when = expression(n["when"], p + ".when");
    sc.cooldown = static_cast<int>(r_.int_field(n, "cooldown", p, false, 0, 600, 0));
    if (sc.every == 0 && sc.months.empty() && sc.when.empty())
      r_.problem(n, p, "no schedule", "'every', 'at' or 'when'");
    return sc;
  }

  // ---- effects and overrides ------------------------------------------------------------------

  std::vector<Assignment> effects(const YAML::Node& n, const std::string& p,
                                  const std::vector<std::string>& extra = {}) {
    std::vector<Assignment> out;
    if (!n.IsDefined() || !r_.expect_map(n, p)) return out;
    for (const auto& kv : n) {
      if (!r_.spend(kv.first)) break;
      const std::string name = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
      const std::string pp = p + "." + name;
      Assignment a;
      a.where = r_.where(kv.second);
      a.var = t_.var_index(name);
      if (a.var < 0) {
        r_.problem(kv.first, pp, "unknown state variable '" + name + "'", "a variable of timeline.state");
        continue;
      }
      const StateVar& v = t_.vars[static_cast<std::size_t>(a.var)];
      if (v.categorical()) {
        const std::string st = kv.second.IsScalar() ? kv.second.Scalar() : std::string();
        const auto it = std::find(v.states.begin(), v.states.end(), st);
        if (it == v.states.end()) {
          r_.problem(kv.second, pp, Reader::describe(kv.second), "one of the states of '" + name + "'");
          continue;
        }
        a.state = static_cast<int>(it - v.states.begin());
      } else {
        a.expr = expression(kv.second, pp, extra);
        if (a.expr.empty()) continue;
      }
      out.push_back(std::move(a));
    }
    return out;
  }

  QuantityId quantity_named(const std::string& name) const {
    if (const auto it = s_.parameters.find(name); it != s_.parameters.end()) return it->second;
    for (std::size_t i = 0; i < s_.quantities.size(); ++i)
      if (s_.quantities[i].path == name) return static_cast<QuantityId>(i);
    return -1;
  }

  std::vector<Override> overrides(const YAML::Node& n, const std::string& p) {
    std::vector<Override> out;
    if (!n.IsDefined() || !r_.expect_map(n, p)) return out;
    for (const auto& kv : n) {
      const std::string name = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
      Override o;
      o.where = r_.where(kv.second);
      o.quantity = quantity_named(name);
      if (o.quantity < 0) {
        r_.problem(kv.first, p + "." + name, "unknown number '" + name + "'",
                   "a parameter id or the path of a number (e.g. actors.kremlin.capability)");
        continue;
      }
      o.expr = expression(kv.second, p + "." + name);
      if (!o.expr.empty()) out.push_back(std::move(o));
    }
    return out;
  }

  static bool society_setting(const std::string& name) {
    const auto& specs = society::society_settings();
    return std::any_of(specs.begin(), specs.end(), [&](const SettingSpec& sp) {
      return sp.name == name && (sp.type == SettingSpec::Type::kNumber || sp.type == SettingSpec::Type::kWhole);
    });
  }

  /// Reads a list of mappings with ids; `read_one(node, path, item)` reads the rest of each.
  template <class T, class F>
  void read_list(const YAML::Node& n, const std::string& section, std::vector<T>& out, F read_one) {
    if (!n.IsDefined() || !r_.expect_seq(n, section)) return;
    for (const auto& m : n) {
      const std::string p0 = fmt::format("{}[{}]", section, out.size());
      if (!r_.expect_map(m, p0)) continue;
      T item;
      item.where = r_.where(m);
      item.id = r_.id_field(m, "id", p0, true);
      read_one(m, item.id.empty() ? p0 : section + "." + item.id, item);
      out.push_back(std::move(item));
    }
  }

  // ---- sections -------------------------------------------------------------------------------

  void read_state(const YAML::Node& n);
  void read_dynamics(const YAML::Node& n);
  void read_transitions(const YAML::Node& n);
  void read_events(const YAML::Node& n);
  void read_event(const YAML::Node& n, const std::string& p, std::set<std::string>& ids);
  void read_decisions(const YAML::Node& n);
  /// A fixed name from `names` (stored in `fixed`; returns -1) or the index of a structural
  /// choice whose alternatives are all in `names` (`fixed` left empty).
  int named_or_choice(const YAML::Node& n, const std::string& p, const std::vector<std::string>& names,
                      const std::string& what, std::string& fixed);
  void read_decision_outcomes(const YAML::Node& n, const std::string& p, Decision& d);
  void read_issue_steps(const YAML::Node& n);
  void read_windows(const YAML::Node& n);
};

void TimelineReader::read_state(const YAML::Node& n) {
  if (!n.IsDefined() || !r_.expect_map(n, "timeline.state")) return;
  for (const auto& kv : n) {
    if (!r_.spend(kv.first)) return;
    const std::string name = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
    const std::string p = "timeline.state." + name;
    if (!is_identifier(name) || name == "month" || s_.parameters.count(name) || t_.var_index(name) >= 0) {
      r_.problem(kv.first, p, Reader::describe(kv.first),
                 "a new identifier (not a parameter, another variable or 'month')");
      continue;
    }
    if (!r_.expect_map(kv.second, p)) continue;
    const YAML::Node& m = kv.second;
    StateVar v;
    v.name = name;
    v.where = r_.where(m);
    v.note = r_.string_field(m, "note", p, false);
    if (m["states"].IsDefined()) {
      r_.check_keys(m, p, {"states", "initial", "note"}, {"states", "initial"});
      v.states = r_.id_list(m["states"], p + ".states");
      const std::string init = r_.string_field(m, "initial", p, false);
      const auto it = std::find(v.states.begin(), v.states.end(), init);
      if (it == v.states.end())
        r_.problem(m["initial"], p + ".initial", "'" + init + "'", "one of the listed states");
      else
        v.initial_state = static_cast<int>(it - v.states.begin());
      if (v.states.size() < 2)
        r_.problem(m["states"], p + ".states", fmt::format("{} states", v.states.size()), "at least two states");
    } else {
      r_.check_keys(m, p, {"initial", "min", "max", "note"}, {"initial"});
      if (m["initial"].IsDefined()) v.initial = r_.number(m["initial"], p + ".initial", Reader::Range{});
      if (m["min"].IsDefined()) v.lower = r_.literal(m["min"], p + ".min").value_or(v.lower);
      if (m["max"].IsDefined()) v.upper = r_.literal(m["max"], p + ".max").value_or(v.upper);
      if (v.lower > v.upper) r_.problem(m, p, "min above max", "min <= max");
    }
    t_.vars.push_back(std::move(v));
  }
}

void TimelineReader::read_dynamics(const YAML::Node& n) {
  if (!n.IsDefined()) return;
  for (auto& a : effects(n, "timeline.dynamics")) {
    if (a.state >= 0) {
      r_.problem(a.where, "timeline.dynamics", "a categorical variable",
                 "numeric variables only (categorical ones move by transitions)");
      continue;
    }
    t_.dynamics.push_back(std::move(a));
  }
}

void TimelineReader::read_transitions(const YAML::Node& n) {
  if (!n.IsDefined() || !r_.expect_map(n, "timeline.transitions")) return;
  for (const auto& kv : n) {
    const std::string name = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
    const std::string p = "timeline.transitions." + name;
    const int var = t_.var_index(name);
    if (var < 0 || !t_.vars[static_cast<std::size_t>(var)].categorical()) {
      r_.problem(kv.first, p, "'" + name + "'", "a categorical state variable");
      continue;
    }
    const auto& states = t_.vars[static_cast<std::size_t>(var)].states;
    auto state_of = [&](const YAML::Node& k, const std::string& pp) {
      const std::string st = k.IsScalar() ? k.Scalar() : std::string();
      const auto it = std::find(states.begin(), states.end(), st);
      if (it == states.end()) r_.problem(k, pp, "'" + st + "'", "a state of '" + name + "'");
      return it == states.end() ? -1 : static_cast<int>(it - states.begin());
    };
    if (!r_.expect_map(kv.second, p)) continue;
    for (const auto& from : kv.second) {
      const std::string pf = p + "." + (from.first.IsScalar() ? from.first.Scalar() : std::string());
      const int f = state_of(from.first, pf);
      if (f < 0 || !r_.expect_map(from.second, pf)) continue;
      for (const auto& to : from.second) {
        const int k = state_of(to.first, pf + "." + (to.first.IsScalar() ? to.first.Scalar() : std::string()));
        if (k < 0) continue;
        if (k == f) {
          r_.problem(to.first, pf, "a transition to the same state", "another state (staying is what is left)");
          continue;
        }
        Transition tr{var, f, k, probability(to.second, pf + "." + states[static_cast<std::size_t>(k)]),
                      r_.where(to.second)};
        if (!tr.probability.empty()) t_.transitions.push_back(std::move(tr));
      }
    }
  }
}

void TimelineReader::read_events(const YAML::Node& n) {
  if (!n.IsDefined() || !r_.expect_seq(n, "events")) return;
  std::set<std::string> ids;
  for (const auto& e : n) {
    if (!r_.spend(e)) return;
    const std::string p0 = fmt::format("events[{}]", t_.hazards.size());
    if (r_.expect_map(e, p0)) read_event(e, p0, ids);
  }
}

void TimelineReader::read_event(const YAML::Node& n, const std::string& p0, std::set<std::string>& ids) {
  Hazard h;
  h.where = r_.where(n);
  h.id = r_.id_field(n, "id", p0, true);
  const std::string p = h.id.empty() ? p0 : "events." + h.id;
  r_.check_keys(n, p,
                {"id", "kind", "date", "dates", "monthly_probability", "probability", "when", "once", "effects",
                 "actor", "mechanisms", "source", "note"},
                {"id", "kind", "source"});
  if (!h.id.empty() && !ids.insert(h.id).second)
    r_.problem(n["id"], p + ".id", "duplicate event id '" + h.id + "'", "a unique event id");
  const std::string kind = r_.string_field(n, "kind", p, false);
  if (kind == "scheduled") {
    if (n["date"].IsDefined())
      h.months = months(n["date"], p + ".date");
    else if (n["dates"].IsDefined())
      h.months = months(n["dates"], p + ".dates");
    else
      r_.problem(n, p + ".date", "nothing", "a date (YYYY-MM) or a list of dates");
    h.probability = n["probability"].IsDefined() ? probability(n["probability"], p + ".probability") : "1";
  } else if (kind == "hazard") {
    if (n["monthly_probability"].IsDefined())
      h.probability = probability(n["monthly_probability"], p + ".monthly_probability");
    else
      r_.problem(n, p + ".monthly_probability", "nothing", "a monthly probability for a hazard");
  } else if (!kind.empty()) {
    r_.problem(n["kind"], p + ".kind", "'" + kind + "'", "scheduled or hazard");
  }
  if (n["when"].IsDefined()) h.when = expression(n["when"], p + ".when");
  if (n["once"].IsDefined()) h.once = n["once"].IsScalar() && n["once"].Scalar() == "true";
  h.effects = effects(n["effects"], p + ".effects");
  if (n["actor"].IsDefined()) {
    const std::string a = r_.string_field(n, "actor", p, false);
    h.actor = s_.actor_index(a);
    if (h.actor < 0) r_.problem(n["actor"], p + ".actor", "unknown actor '" + a + "'", "an actor id");
  }
  h.mechanisms = r_.id_list(n["mechanisms"], p + ".mechanisms");
  h.sources = r_.id_list(n["source"], p + ".source");
  h.note = r_.string_field(n, "note", p, false);
  t_.hazards.push_back(std::move(h));
}

void TimelineReader::read_decisions(const YAML::Node& n) {
  read_list(n, "timeline.decisions", t_.decisions, [this](const YAML::Node& m, const std::string& p, Decision& d) {
    r_.check_keys(m, p, {"id", "game", "selection", "every", "at", "when", "cooldown", "overrides", "outcomes", "note"},
                  {"id", "game", "outcomes"});
    if (m["selection"].IsDefined())
      d.choice = named_or_choice(m["selection"], p + ".selection", selection_rules(), "equilibrium selection rules",
                                 d.selection);
    const std::string game = r_.string_field(m, "game", p, false);
    for (std::size_t g = 0; g < s_.games.size(); ++g)
      if (s_.games[g].id == game) d.game = static_cast<int>(g);
    if (d.game < 0) r_.problem(m["game"], p + ".game", "unknown game '" + game + "'", "a game id of this scenario");
    d.schedule = schedule(m, p);
    d.overrides = overrides(m["overrides"], p + ".overrides");
    if (d.game >= 0) read_decision_outcomes(m["outcomes"], p + ".outcomes", d);
  });
}

void TimelineReader::read_decision_outcomes(const YAML::Node& n, const std::string& p, Decision& d) {
  if (!n.IsDefined() || !r_.expect_map(n, p)) return;
  const Game& g = s_.games[static_cast<std::size_t>(d.game)];
  for (const auto& kv : n) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
    const auto dot = key.find('.');
    ActionEffect a;
    a.where = r_.where(kv.first);
    const int actor = dot == std::string::npos ? -1 : s_.actor_index(key.substr(0, dot));
    const auto it = std::find(g.players.begin(), g.players.end(), actor);
    if (actor < 0 || it == g.players.end()) {
      r_.problem(kv.first, p + "." + key, "'" + key + "'", "<player>.<action> with a player of game '" + g.id + "'");
      continue;
    }
    a.player = static_cast<int>(it - g.players.begin());
    a.action = key.substr(dot + 1);
    bool known = false;
    if (g.is_tree) {
      for (const auto& node : g.nodes)
        known = known || (node.kind == GameNode::Kind::kPlayer && node.player == a.player &&
                          std::find(node.actions.begin(), node.actions.end(), a.action) != node.actions.end());
    } else if (static_cast<std::size_t>(a.player) < g.strategies.size()) {  // a broken game may lack them
      const auto& st = g.strategies[static_cast<std::size_t>(a.player)];
      known = std::find(st.begin(), st.end(), a.action) != st.end();
    }
    if (!known) {
      r_.problem(kv.first, p + "." + key, "unknown action '" + a.action + "'",
                 "an action of that player in game '" + g.id + "'");
      continue;
    }
    a.effects = effects(kv.second, p + "." + key);
    d.outcomes.push_back(std::move(a));
  }
}

void TimelineReader::read_issue_steps(const YAML::Node& n) {
  read_list(n, "timeline.issues", t_.issue_steps, [this](const YAML::Node& m, const std::string& p, IssueStep& st) {
    r_.check_keys(m, p, {"id", "issue", "model", "every", "at", "when", "cooldown", "overrides", "effects", "note"},
                  {"id", "issue", "model", "effects"});
    const std::string issue = r_.string_field(m, "issue", p, false);
    for (std::size_t i = 0; i < s_.issues.size(); ++i)
      if (s_.issues[i].id == issue) st.issue = static_cast<int>(i);
    if (st.issue < 0)
      r_.problem(m["issue"], p + ".issue", "unknown issue '" + issue + "'", "an issue id of this scenario");
    if (m["model"].IsDefined())
      st.choice = named_or_choice(m["model"], p + ".model", issue_models(), "issue models", st.model);
    st.schedule = schedule(m, p);
    st.overrides = overrides(m["overrides"], p + ".overrides");
    st.effects = effects(m["effects"], p + ".effects", {"forecast"});
  });
}

int TimelineReader::named_or_choice(const YAML::Node& n, const std::string& p, const std::vector<std::string>& names,
                                    const std::string& what, std::string& fixed) {
  std::string list;
  for (const auto& x : names) list += (list.empty() ? "" : ", ") + x;
  const std::string name = n.IsScalar() ? n.Scalar() : std::string();
  fixed.clear();
  if (std::find(names.begin(), names.end(), name) != names.end()) {
    fixed = name;
    return -1;
  }
  const int choice = s_.structural_index(name);
  if (choice < 0) {
    r_.problem(n, p, name.empty() ? Reader::describe(n) : "'" + name + "'",
               "one of " + list + ", or the id of a structural choice");
    return -1;
  }
  for (const auto& a : s_.structural[static_cast<std::size_t>(choice)].alternatives)
    if (std::find(names.begin(), names.end(), a) == names.end())
      r_.problem(n, p, "structural choice '" + name + "' with alternative '" + a + "'",
                 "a choice whose alternatives are " + what + " (" + list + ")");
  return choice;
}

void TimelineReader::read_windows(const YAML::Node& n) {
  read_list(n, "timeline.society", t_.windows, [this](const YAML::Node& m, const std::string& p, SocietyWindow& w) {
    r_.check_keys(m, p, {"id", "every", "at", "when", "cooldown", "settings", "effects", "note"},
                  {"id", "when", "effects"});
    w.schedule = schedule(m, p);
    if (m["settings"].IsDefined() && r_.expect_map(m["settings"], p + ".settings")) {
      for (const auto& kv : m["settings"]) {
        const std::string name = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
        if (!society_setting(name)) {
          r_.problem(kv.first, p + ".settings." + name, "unknown society setting '" + name + "'",
                     "a numeric setting of the population model (docs/models/society.md)");
          continue;
        }
        WindowSetting ws{name, expression(kv.second, p + ".settings." + name), r_.where(kv.first)};
        if (!ws.expr.empty()) w.settings.push_back(std::move(ws));
      }
    }
    w.effects = effects(m["effects"], p + ".effects", society_window_outputs());
  });
}

}  // namespace

void read_timeline(Reader& r, Scenario& s, const YAML::Node& timeline, const YAML::Node& events) {
  TimelineReader(r, s).read(timeline, events);
}

}  // namespace statecraft::scenario::detail

namespace statecraft::scenario {

int months_after(const std::string& as_of, const std::string& date) {
  const int base = detail::month_number(as_of);
  const int m = detail::month_number(date);
  return base < 0 || m < 0 ? -1 : m - base;
}

std::string month_label(const std::string& as_of, int k) {
  const int m = detail::month_number(as_of) + k;
  return detail::month_number(as_of) < 0 ? std::string() : fmt::format("{:04d}-{:02d}", m / 12, m % 12 + 1);
}

bool Schedule::due(int month) const {
  if (every > 0 && month % every == 0) return true;
  if (std::find(months.begin(), months.end(), month) != months.end()) return true;
  return every == 0 && months.empty();  // only a condition: considered every month
}

int Timeline::var_index(const std::string& name) const {
  for (std::size_t i = 0; i < vars.size(); ++i)
    if (vars[i].name == name) return static_cast<int>(i);
  return -1;
}

const std::vector<std::string>& society_window_outputs() {
  static const std::vector<std::string> kNames = {"peak_active_share", "mean_active_share", "arrested_share",
                                                  "defected_share",    "collapsed",         "intervened",
                                                  "emigrated_share"};
  return kNames;
}

}  // namespace statecraft::scenario
