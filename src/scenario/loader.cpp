// Loads scenario format v1 (docs/scenario-format.md): parses the YAML, reads every section,
// resolves names (actors, parameters, sources, outputs), orders expressions by dependency, and
// checks a few dozen draws for values leaving their ranges. Every problem is collected with its
// location before a single ScenarioError is thrown.

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>

#include "scenario/detail/expression.hpp"
#include "scenario/detail/groups.hpp"
#include "scenario/detail/source_dates.hpp"
#include "scenario/detail/structural_reader.hpp"
#include "scenario/detail/timeline_reader.hpp"
#include "scenario/detail/variants.hpp"
#include "scenario/detail/yaml_reader.hpp"
#include "statecraft/io.hpp"
#include "statecraft/scenario/sampler.hpp"
#include "statecraft/scenario/scenario.hpp"
#include "statecraft/scenario/society_section.hpp"
#include "statecraft/setting_spec.hpp"
#include "statecraft/society/society_config.hpp"

namespace statecraft::embedded {
extern const std::string_view belarus_yaml;
}

namespace statecraft::scenario {
namespace {

using detail::Reader;
constexpr std::size_t kMaxBytes = 16u << 20;
constexpr int kMaxTreeDepth = 64;
constexpr int kValidationDraws = 64;
// Work limits of a game, which the forecast solves in every draw (docs/scenario-format.md).
constexpr std::size_t kMaxTreeNodes = 100000;
constexpr std::size_t kMaxStrategiesOfTwo = 128;  // the equilibrium enumeration's limit
constexpr double kMaxVertices = 200000;           // per best-response polytope
constexpr std::size_t kMaxExpressions = 50000;

double binomial(double n, double k) {
  double b = 1;
  for (double i = 1; i <= k; ++i) b = b * (n - k + i) / i;
  return b;
}

/// Upper bound on the vertices of a d-polytope with f facets (McMullen 1970): how many
/// equilibrium candidates vertex enumeration may visit on a best-response polytope.
double vertex_bound(std::size_t d, std::size_t f) {
  const double lo = std::floor(static_cast<double>(d) / 2), hi = std::ceil(static_cast<double>(d) / 2);
  return binomial(static_cast<double>(f) - hi, lo) + binomial(static_cast<double>(f) - lo - 1, hi - 1);
}

std::string join(const std::vector<std::string>& xs, const char* sep = ", ") {
  std::string s;
  for (const auto& x : xs) s += (s.empty() ? "" : sep) + x;
  return s;
}

class Loader {
 public:
  Loader(const std::string& file, Scenario& s) : r_(file, s), s_(s) {}

  void load(const std::string& text, const Overrides& overrides) {
    YAML::Node root;
    try {
      root = YAML::Load(text);
    } catch (const YAML::DeepRecursion& e) {
      r_.problem(Location{r_.file(), e.mark.line + 1, e.mark.column + 1}, "",
                 fmt::format("YAML nested more than {} levels deep", e.depth()),
                 fmt::format("at most {} levels of nesting", e.depth()));
      return;
    } catch (const YAML::ParserException& e) {
      r_.problem(Location{r_.file(), e.mark.line + 1, e.mark.column + 1}, "", "invalid YAML (" + e.msg + ")",
                 "a YAML document");
      return;
    }
    if (!root.IsDefined() || root.IsNull()) {
      r_.problem(Location{r_.file(), 1, 1}, "", "an empty document", "a scenario mapping");
      return;
    }
    if (!root.IsMap()) {
      r_.problem(root, "", Reader::describe(root) + " at the top level", "a scenario mapping");
      return;
    }
    r_.check_keys(root, "",
                  {"statecraft", "meta", "sources", "parameters", "actors", "issues", "links", "events", "games",
                   "society", "structural", "timeline", "questions", "variants"},
                  {"statecraft", "meta", "sources", "actors"});
    const YAML::Node& croot = root;
    detail::apply_overrides(r_, croot, overrides);
    s_.applied = overrides;
    if (root["statecraft"].IsDefined()) {
      const YAML::Node v = root["statecraft"];
      if (!v.IsScalar() || v.Scalar() != "1") {
        r_.problem(v, "statecraft", Reader::describe(v), "format version 1");
      }
    }
    read_meta(root["meta"]);
    read_sources(root["sources"]);
    read_parameters(croot["parameters"]);
    detail::read_variants(r_, croot["variants"], croot["parameters"]);
    read_actors(root["actors"]);
    read_issues(root["issues"]);
    read_links(root["links"]);
    read_games(root["games"]);
    read_settings(root["society"], "society", s_.society, &society::society_settings());
    detail::read_structural(r_, s_, root["structural"]);
    detail::read_timeline(r_, s_, root["timeline"], root["events"]);
    detail::warn_unused_structural(s_);
    read_questions(root["questions"]);
    resolve_expressions();
    detail::assign_default_groups(s_);
    check_sources();
    if (r_.problems().empty()) check_draws();
    if (r_.problems().empty()) check_modules();
    if (r_.problems().empty()) warn_unused_uncertainty();
    warn_without_issues();
  }

  std::vector<Diagnostic>& problems() { return r_.problems(); }

 private:
  Reader r_;
  Scenario& s_;

  // ---- sections -------------------------------------------------------------------------------

  void read_meta(const YAML::Node& m) {
    if (!m.IsDefined() || !r_.expect_map(m, "meta")) return;
    r_.check_keys(m, "meta", {"name", "description", "as_of", "horizon_months", "seed"},
                  {"name", "as_of", "horizon_months"});
    s_.meta.name = r_.string_field(m, "name", "meta", true);
    s_.meta.description = r_.string_field(m, "description", "meta", false);
    s_.meta.as_of = r_.date_field(m, "as_of", "meta", true);
    s_.meta.horizon_months = static_cast<int>(r_.int_field(m, "horizon_months", "meta", true, 1, 600, 12));
    s_.meta.seed = static_cast<std::uint64_t>(r_.int_field(m, "seed", "meta", false, 0, 9007199254740991LL, 1));
  }

  void read_sources(const YAML::Node& list) {
    if (!list.IsDefined() || !r_.expect_seq(list, "sources")) return;
    std::set<std::string> ids;
    for (const auto& n : list) {
      if (!r_.spend(n)) return;
      const std::string path = fmt::format("sources[{}]", s_.sources.size());
      if (!r_.expect_map(n, path)) continue;
      Source src;
      src.where = r_.where(n);
      src.id = r_.id_field(n, "id", path, true);
      const std::string p = src.id.empty() ? path : "sources." + src.id;
      r_.check_keys(n, p, {"id", "title", "outlet", "date", "file", "url", "note"}, {"id", "title"});
      src.title = r_.string_field(n, "title", p, false);
      src.outlet = r_.string_field(n, "outlet", p, false);
      src.date = r_.string_field(n, "date", p, false);
      check_source_date(n, p, src.date);
      src.file = r_.string_field(n, "file", p, false);
      src.url = r_.string_field(n, "url", p, false);
      src.note = r_.string_field(n, "note", p, false);
      if (src.file.empty() && src.url.empty()) r_.problem(n, p, "neither file nor url", "a 'file' or a 'url'");
      if (!src.id.empty() && !ids.insert(src.id).second)
        r_.problem(n["id"], p + ".id", "duplicate id '" + src.id + "'", "a unique source id");
      s_.sources.push_back(std::move(src));
    }
  }

  /// A source's date is a year, a month or a day; the period it names must end on or before
  /// meta.as_of (a hindcast may rest only on what was known then). An undated source is a
  /// warning: nothing can place it in time (`statecraft score` refuses it).
  void check_source_date(const YAML::Node& n, const std::string& p, const std::string& date) {
    if (date.empty()) {
      r_.warning(n, p + ".date", "a source without a date",
                 "a date YYYY, YYYY-MM or YYYY-MM-DD, on or before meta.as_of");
      return;
    }
    const auto end = detail::source_date_end(date);
    if (!end) {
      r_.problem(n["date"], p + ".date", "'" + date + "'", "a date YYYY, YYYY-MM or YYYY-MM-DD");
    } else if (!s_.meta.as_of.empty() && *end > s_.meta.as_of) {
      const std::string found = *end == date ? "'" + date + "'" : "'" + date + "' (up to " + *end + ")";
      r_.problem(n["date"], p + ".date", found + ", after meta.as_of " + s_.meta.as_of,
                 "a source dated on or before meta.as_of (a scenario may rest only on what was known then)");
    }
  }

  void read_parameters(const YAML::Node& map) {
    if (!map.IsDefined() || !r_.expect_map(map, "parameters")) return;
    for (const auto& kv : map) {
      if (!r_.spend(kv.first)) return;
      const std::string name = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
      const std::string path = "parameters." + name;
      if (!detail::is_identifier(name)) {
        r_.problem(kv.first, path, Reader::describe(kv.first),
                   "a parameter id (a letter, then letters, digits or '_')");
        continue;
      }
      if (detail::is_builtin_name(name)) {
        r_.problem(kv.first, path, "'" + name + "', a built-in function name",
                   "a parameter id that is not a built-in name");
        continue;
      }
      if (s_.parameters.count(name)) {
        r_.problem(kv.first, path, "duplicate parameter '" + name + "'", "a unique parameter id");
        continue;
      }
      if (!kv.second.IsMap()) {
        // A bare number has nowhere to carry its source.
        r_.problem(kv.second, path, Reader::describe(kv.second), "a mapping with value/dist/expr and a source");
        continue;
      }
      const QuantityId q = r_.number(kv.second, path, Reader::Range{}, name, true);
      if (q != kNoQuantity) s_.parameters[name] = q;
    }
  }

  void read_actors(const YAML::Node& list) {
    if (!list.IsDefined() || !r_.expect_seq(list, "actors")) return;
    if (list.size() == 0) r_.problem(list, "actors", "an empty list", "at least one actor");
    for (const auto& n : list) {
      if (!r_.spend(n)) return;
      const std::string path0 = fmt::format("actors[{}]", s_.actors.size());
      if (!r_.expect_map(n, path0)) continue;
      Actor a;
      a.where = r_.where(n);
      a.id = r_.id_field(n, "id", path0, true);
      const std::string p = a.id.empty() ? path0 : "actors." + a.id;
      r_.check_keys(n, p, {"id", "name", "kind", "capability", "source", "attributes", "note"},
                    {"id", "name", "kind", "capability", "source"});
      a.name = r_.string_field(n, "name", p, false);
      a.kind = r_.string_field(n, "kind", p, false);
      static const std::set<std::string> kKinds = {"government",  "state",        "faction",  "population", "movement",
                                                   "armed_group", "organisation", "alliance", "person"};
      if (!a.kind.empty() && !kKinds.count(a.kind)) {
        r_.problem(
            n["kind"], p + ".kind", "'" + a.kind + "'",
            "one of government, state, faction, population, movement, armed_group, organisation, alliance, person");
      }
      a.note = r_.string_field(n, "note", p, false);
      a.sources = r_.id_list(n["source"], p + ".source");
      if (n["capability"].IsDefined())
        a.capability = r_.number(n["capability"], p + ".capability", Reader::non_negative());
      if (n["attributes"].IsDefined() && r_.expect_map(n["attributes"], p + ".attributes")) {
        for (const auto& kv : n["attributes"]) {
          if (!r_.spend(kv.first)) return;
          const std::string an = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
          if (!detail::is_identifier(an)) {
            r_.problem(kv.first, p + ".attributes", Reader::describe(kv.first), "an attribute name");
            continue;
          }
          a.attributes.emplace_back(an, r_.number(kv.second, p + ".attributes." + an, Reader::Range{}));
        }
      }
      if (!a.id.empty() && s_.actor_index(a.id) >= 0) {
        r_.problem(n["id"], p + ".id", "duplicate actor id '" + a.id + "'", "a unique actor id");
      }
      s_.actors.push_back(std::move(a));
    }
  }

  /// Resolves an actor reference; -1 after recording a problem.
  int actor_ref(const YAML::Node& n, const std::string& path) {
    if (!n.IsScalar()) {
      r_.problem(n, path, Reader::describe(n), "an actor id");
      return -1;
    }
    const int i = s_.actor_index(n.Scalar());
    if (i < 0) r_.problem(n, path, "unknown actor '" + n.Scalar() + "'", "one of the actors: " + actor_list());
    return i;
  }

  std::string actor_list() const {
    std::vector<std::string> ids;
    for (const auto& a : s_.actors)
      if (!a.id.empty()) ids.push_back(a.id);
    if (ids.size() > 12) {
      ids.resize(12);
      ids.emplace_back("...");
    }
    return join(ids);
  }

  void read_issues(const YAML::Node& list) {
    if (!list.IsDefined() || !r_.expect_seq(list, "issues")) return;
    std::set<std::string> ids;
    for (const auto& n : list) {
      if (!r_.spend(n)) return;
      const std::string path0 = fmt::format("issues[{}]", s_.issues.size());
      if (!r_.expect_map(n, path0)) continue;
      Issue is;
      is.where = r_.where(n);
      is.id = r_.id_field(n, "id", path0, true);
      const std::string p = is.id.empty() ? path0 : "issues." + is.id;
      r_.check_keys(n, p, {"id", "question", "low", "high", "status_quo", "mechanisms", "source", "positions", "note"},
                    {"id", "question", "low", "high", "source", "positions"});
      is.question = r_.string_field(n, "question", p, false);
      is.low = r_.string_field(n, "low", p, false);
      is.high = r_.string_field(n, "high", p, false);
      is.sources = r_.id_list(n["source"], p + ".source");
      is.mechanisms = r_.id_list(n["mechanisms"], p + ".mechanisms");
      if (n["status_quo"].IsDefined()) is.status_quo = r_.number(n["status_quo"], p + ".status_quo", Reader::score());
      if (!is.id.empty() && !ids.insert(is.id).second)
        r_.problem(n["id"], p + ".id", "duplicate issue id '" + is.id + "'", "a unique issue id");
      const YAML::Node pos = n["positions"];
      if (pos.IsDefined() && r_.expect_map(pos, p + ".positions")) {
        std::set<int> seen;
        for (const auto& kv : pos) {
          if (!r_.spend(kv.first)) return;
          const std::string pp = p + ".positions." + (kv.first.IsScalar() ? kv.first.Scalar() : "?");
          const int a = actor_ref(kv.first, pp);
          if (a >= 0 && !seen.insert(a).second)
            r_.problem(kv.first, pp, "a second position for this actor", "one position per actor");
          if (!r_.expect_map(kv.second, pp)) continue;
          r_.check_keys(kv.second, pp, {"position", "salience", "source", "note"}, {"position", "salience"});
          Stance st;
          st.actor = a;
          if (kv.second["position"].IsDefined())
            st.position = r_.number(kv.second["position"], pp + ".position", Reader::score());
          if (kv.second["salience"].IsDefined())
            st.salience = r_.number(kv.second["salience"], pp + ".salience", Reader::score());
          for (auto& src : r_.id_list(kv.second["source"], pp + ".source")) is.sources.push_back(src);
          is.stances.push_back(st);
        }
        if (is.stances.empty()) r_.problem(pos, p + ".positions", "no positions", "at least one actor's position");
      }
      s_.issues.push_back(std::move(is));
    }
  }

  void read_links(const YAML::Node& list) {
    if (!list.IsDefined() || !r_.expect_seq(list, "links")) return;
    for (const auto& n : list) {
      if (!r_.spend(n)) return;
      const std::string p = fmt::format("links[{}]", s_.links.size());
      if (!r_.expect_map(n, p)) continue;
      r_.check_keys(n, p, {"from", "to", "type", "strength", "source", "note"},
                    {"from", "to", "type", "strength", "source"});
      Link l;
      l.where = r_.where(n);
      if (n["from"].IsDefined()) l.from = actor_ref(n["from"], p + ".from");
      if (n["to"].IsDefined()) l.to = actor_ref(n["to"], p + ".to");
      if (l.from >= 0 && l.from == l.to)
        r_.problem(n["to"], p + ".to", "the same actor as 'from'", "a link between two different actors");
      const std::string type = r_.string_field(n, "type", p, false);
      if (type == "dependence")
        l.type = Link::Type::kDependence;
      else if (type == "alliance")
        l.type = Link::Type::kAlliance;
      else if (type == "hostility")
        l.type = Link::Type::kHostility;
      else if (type == "influence")
        l.type = Link::Type::kInfluence;
      else if (!type.empty())
        r_.problem(n["type"], p + ".type", "'" + type + "'", "one of dependence, alliance, hostility, influence");
      if (n["strength"].IsDefined()) l.strength = r_.number(n["strength"], p + ".strength", Reader::probability());
      l.sources = r_.id_list(n["source"], p + ".source");
      s_.links.push_back(std::move(l));
    }
  }

  // ---- games ----------------------------------------------------------------------------------

  void read_games(const YAML::Node& list) {
    if (!list.IsDefined() || !r_.expect_seq(list, "games")) return;
    std::set<std::string> ids;
    for (const auto& n : list) {
      if (!r_.spend(n)) return;
      const std::string path0 = fmt::format("games[{}]", s_.games.size());
      if (!r_.expect_map(n, path0)) continue;
      Game g;
      g.where = r_.where(n);
      g.id = r_.id_field(n, "id", path0, true);
      const std::string p = g.id.empty() ? path0 : "games." + g.id;
      r_.check_keys(n, p, {"id", "title", "mechanisms", "source", "players", "tree", "strategies", "payoffs", "note"},
                    {"id", "title", "source", "players"});
      if (!g.id.empty() && !ids.insert(g.id).second)
        r_.problem(n["id"], p + ".id", "duplicate game id '" + g.id + "'", "a unique game id");
      g.title = r_.string_field(n, "title", p, false);
      g.mechanisms = r_.id_list(n["mechanisms"], p + ".mechanisms");
      g.sources = r_.id_list(n["source"], p + ".source");
      const YAML::Node players = n["players"];
      if (players.IsDefined() && r_.expect_seq(players, p + ".players")) {
        std::size_t i = 0;
        for (const auto& pl : players) {
          if (!r_.spend(pl)) return;
          const int a = actor_ref(pl, fmt::format("{}.players[{}]", p, i++));
          if (a >= 0 && std::find(g.players.begin(), g.players.end(), a) != g.players.end())
            r_.problem(pl, p + ".players", "actor '" + pl.Scalar() + "' twice", "distinct players");
          g.players.push_back(a);
        }
        if (g.players.empty()) r_.problem(players, p + ".players", "no players", "at least one player");
      }
      const bool has_tree = n["tree"].IsDefined();
      const bool has_nf = n["strategies"].IsDefined() || n["payoffs"].IsDefined();
      if (has_tree == has_nf) {
        r_.problem(n, p, has_tree ? "both a tree and a normal form" : "neither a tree nor a normal form",
                   "either 'tree' or 'strategies' with 'payoffs'");
      } else if (has_tree) {
        g.is_tree = true;
        read_node(g, n["tree"], p + ".tree", 0);
        check_infosets(g, p);
      } else {
        read_normal_form(g, n, p);
      }
      check_game_work(g, n, p);
      s_.games.push_back(std::move(g));
    }
  }

  /// A game must fit the work limits of a solve per draw (estimated from its shape, not its values).
  void check_game_work(const Game& g, const YAML::Node& n, const std::string& p) {
    if (g.is_tree) {
      if (g.nodes.size() > kMaxTreeNodes)
        r_.problem(n["tree"], p + ".tree", fmt::format("a tree of {} nodes", g.nodes.size()),
                   fmt::format("at most {} nodes (the game is solved in every draw)", kMaxTreeNodes));
      return;
    }
    if (g.players.size() != 2 || g.strategies.size() != 2) return;
    const std::size_t m = g.strategies[0].size(), k = g.strategies[1].size();
    const std::string found = fmt::format("a {}x{} game", m, k);
    if (m + k > kMaxStrategiesOfTwo) {
      r_.problem(n["strategies"], p + ".strategies", found + fmt::format(" ({} strategies)", m + k),
                 fmt::format("at most {} strategies in all for two players (the equilibrium enumeration's limit)",
                             kMaxStrategiesOfTwo));
      return;
    }
    const double work = std::max(vertex_bound(m, m + k), vertex_bound(k, m + k));
    if (work > kMaxVertices)
      r_.problem(n["strategies"], p + ".strategies",
                 found + fmt::format(" (up to {:.3g} equilibrium candidates per draw)", work),
                 fmt::format("at most {:g} candidates per draw (about 14x14 strategies; use a .nfg file and "
                             "`statecraft solve` for larger games)",
                             kMaxVertices));
  }

  int read_node(Game& g, const YAML::Node& n, const std::string& path, int depth) {
    if (!r_.spend(n)) return -1;
    if (depth > kMaxTreeDepth) {
      r_.problem(n, path, fmt::format("a tree deeper than {} levels", kMaxTreeDepth), "a shallower tree");
      return -1;
    }
    if (!r_.expect_map(n, path)) return -1;
    const int index = static_cast<int>(g.nodes.size());
    g.nodes.emplace_back();
    GameNode node;
    node.where = r_.where(n);
    const int kinds = int(n["payoffs"].IsDefined()) + int(n["player"].IsDefined()) + int(n["chance"].IsDefined());
    if (kinds != 1) {
      r_.problem(n, path,
                 "a node with " + std::string(kinds == 0 ? "none" : "more than one") + " of payoffs/player/chance",
                 "exactly one of 'payoffs', 'player' (with 'moves') or 'chance'");
      return -1;
    }
    if (n["payoffs"].IsDefined())
      read_terminal(g, node, n, path);
    else if (n["player"].IsDefined())
      read_player_node(g, node, n, path, depth);
    else
      read_chance_node(g, node, n, path, depth);
    g.nodes[static_cast<std::size_t>(index)] = std::move(node);
    return index;
  }

  void read_terminal(const Game& g, GameNode& node, const YAML::Node& n, const std::string& path) {
    r_.check_keys(n, path, {"payoffs", "note"}, {});
    node.kind = GameNode::Kind::kTerminal;
    const YAML::Node pay = n["payoffs"];
    if (!r_.expect_seq(pay, path + ".payoffs")) return;
    if (pay.size() != g.players.size()) {
      r_.problem(pay, path + ".payoffs", fmt::format("{} payoffs", pay.size()),
                 fmt::format("{} (one per player)", g.players.size()));
      return;
    }
    for (std::size_t i = 0; i < pay.size(); ++i)
      node.payoffs.push_back(r_.number(pay[i], fmt::format("{}.payoffs[{}]", path, i), Reader::Range{}));
  }

  void read_player_node(Game& g, GameNode& node, const YAML::Node& n, const std::string& path, int depth) {
    r_.check_keys(n, path, {"player", "infoset", "moves", "note"}, {"player", "moves"});
    node.kind = GameNode::Kind::kPlayer;
    const int a = actor_ref(n["player"], path + ".player");
    if (a >= 0) {
      const auto it = std::find(g.players.begin(), g.players.end(), a);
      if (it == g.players.end())
        r_.problem(n["player"], path + ".player", "actor '" + n["player"].Scalar() + "' who is not a player",
                   "one of the game's players");
      else
        node.player = static_cast<int>(it - g.players.begin());
    }
    node.infoset = r_.string_field(n, "infoset", path, false);
    const YAML::Node moves = n["moves"];
    if (!moves.IsDefined() || !r_.expect_map(moves, path + ".moves")) return;
    for (const auto& kv : moves) {
      const std::string act = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
      if (!detail::is_identifier(act)) {
        r_.problem(kv.first, path + ".moves", Reader::describe(kv.first), "an action name (identifier)");
        continue;
      }
      node.actions.push_back(act);
      node.children.push_back(read_node(g, kv.second, path + "." + act, depth + 1));
    }
    if (node.actions.empty()) r_.problem(moves, path + ".moves", "no moves", "at least one move");
  }

  void read_chance_node(Game& g, GameNode& node, const YAML::Node& n, const std::string& path, int depth) {
    r_.check_keys(n, path, {"chance", "note"}, {});
    node.kind = GameNode::Kind::kChance;
    const YAML::Node ch = n["chance"];
    if (!r_.expect_map(ch, path + ".chance")) return;
    for (const auto& kv : ch) {
      const std::string br = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
      const std::string bp = path + ".chance." + br;
      if (!detail::is_identifier(br)) {
        r_.problem(kv.first, path + ".chance", Reader::describe(kv.first), "a branch name (identifier)");
        continue;
      }
      if (!r_.expect_map(kv.second, bp)) continue;
      r_.check_keys(kv.second, bp, {"prob", "node"}, {"prob", "node"});
      node.actions.push_back(br);
      node.probabilities.push_back(kv.second["prob"].IsDefined()
                                       ? r_.number(kv.second["prob"], bp + ".prob", Reader::probability())
                                       : kNoQuantity);
      node.children.push_back(kv.second["node"].IsDefined() ? read_node(g, kv.second["node"], bp + ".node", depth + 1)
                                                            : -1);
    }
    if (node.actions.empty()) r_.problem(ch, path + ".chance", "no branches", "at least one branch");
    // With fixed probabilities the sum is checked here; otherwise in the validation draws.
    bool all_fixed = !node.probabilities.empty();
    double sum = 0;
    for (QuantityId q : node.probabilities) {
      if (q == kNoQuantity || s_.quantities[static_cast<std::size_t>(q)].kind != Quantity::Kind::kFixed) {
        all_fixed = false;
        break;
      }
      sum += s_.quantities[static_cast<std::size_t>(q)].value;
    }
    if (all_fixed && std::abs(sum - 1.0) > 1e-9)
      r_.problem(ch, path + ".chance", fmt::format("probabilities summing to {:g}", sum), "probabilities summing to 1");
  }

  void check_infosets(const Game& g, const std::string& path) {
    std::map<std::pair<int, std::string>, const GameNode*> first;
    for (const auto& node : g.nodes) {
      if (node.kind != GameNode::Kind::kPlayer || node.infoset.empty()) continue;
      auto [it, fresh] = first.emplace(std::make_pair(node.player, node.infoset), &node);
      if (!fresh && it->second->actions != node.actions) {
        r_.problem(node.where, path, "information set '" + node.infoset + "' with moves " + join(node.actions),
                   "the same moves as its first node: " + join(it->second->actions));
      }
    }
  }

  void read_normal_form(Game& g, const YAML::Node& n, const std::string& p) {
    const YAML::Node strat = n["strategies"];
    const YAML::Node pay = n["payoffs"];
    if (!strat.IsDefined()) {
      r_.problem(n, p + ".strategies", "nothing", "each player's strategies");
      return;
    }
    if (!pay.IsDefined()) {
      r_.problem(n, p + ".payoffs", "nothing", "a payoff entry per strategy profile");
      return;
    }
    if (!r_.expect_map(strat, p + ".strategies") || !r_.expect_map(pay, p + ".payoffs")) return;
    if (std::find(g.players.begin(), g.players.end(), -1) != g.players.end() || g.players.empty()) return;
    if (!read_strategies(g, strat, p)) return;
    std::size_t profiles = 1;
    for (const auto& s : g.strategies) {
      profiles *= s.size();
      if (profiles > 100000) {
        r_.problem(strat, p + ".strategies", "more than 100000 strategy profiles",
                   "a smaller game in a scenario (use a .nfg file)");
        return;
      }
    }
    read_payoff_table(g, pay, p, profiles);
  }

  /// Each player's strategies; false after a problem that stops the game's reading.
  bool read_strategies(Game& g, const YAML::Node& strat, const std::string& p) {
    g.strategies.resize(g.players.size());
    for (std::size_t i = 0; i < g.players.size(); ++i) {
      const std::string& pid = s_.actors[static_cast<std::size_t>(g.players[i])].id;
      const YAML::Node list = strat[pid];
      const std::string sp = p + ".strategies." + pid;
      if (!list.IsDefined()) {
        r_.problem(strat, sp, "nothing", "the strategies of player '" + pid + "'");
        return false;
      }
      if (!r_.expect_seq(list, sp)) return false;
      for (const auto& s : list) {
        if (!s.IsScalar() || !detail::is_identifier(s.Scalar())) {
          r_.problem(s, sp, Reader::describe(s), "a strategy name (identifier)");
          return false;
        }
        if (std::find(g.strategies[i].begin(), g.strategies[i].end(), s.Scalar()) != g.strategies[i].end()) {
          r_.problem(s, sp, "strategy '" + s.Scalar() + "' twice", "distinct strategies");
          return false;
        }
        g.strategies[i].push_back(s.Scalar());
      }
      if (g.strategies[i].empty()) {
        r_.problem(list, sp, "no strategies", "at least one strategy");
        return false;
      }
    }
    if (strat.size() != g.players.size())
      r_.problem(strat, p + ".strategies", fmt::format("{} entries", strat.size()),
                 fmt::format("{} (one per player)", g.players.size()));
    return true;
  }

  /// The payoffs: one entry "s1, s2, ..." -> [u1, u2, ...] per strategy profile.
  void read_payoff_table(Game& g, const YAML::Node& pay, const std::string& p, std::size_t profiles) {
    const std::size_t np = g.players.size();
    g.payoffs.assign(profiles * np, kNoQuantity);
    std::vector<bool> seen(profiles, false);
    for (const auto& kv : pay) {
      if (!r_.spend(kv.first)) return;
      const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
      const std::string pp = p + ".payoffs." + key;
      const std::vector<std::string> parts = split_profile(key);
      std::size_t profile = 0;
      bool ok = parts.size() == np;
      for (std::size_t i = 0; ok && i < np; ++i) {
        const auto it = std::find(g.strategies[i].begin(), g.strategies[i].end(), parts[i]);
        ok = it != g.strategies[i].end();
        profile = profile * g.strategies[i].size() + static_cast<std::size_t>(it - g.strategies[i].begin());
      }
      if (!ok) {
        r_.problem(kv.first, pp, "profile '" + key + "'",
                   "one strategy per player, in player order, separated by commas");
        continue;
      }
      if (seen[profile]) {
        r_.problem(kv.first, pp, "profile '" + key + "' twice", "each profile once");
        continue;
      }
      seen[profile] = true;
      if (!r_.expect_seq(kv.second, pp)) continue;
      if (kv.second.size() != np) {
        r_.problem(kv.second, pp, fmt::format("{} payoffs", kv.second.size()), fmt::format("{} (one per player)", np));
        continue;
      }
      for (std::size_t i = 0; i < np; ++i)
        g.payoffs[profile * np + i] = r_.number(kv.second[i], fmt::format("{}[{}]", pp, i), Reader::Range{});
    }
    const auto missing = static_cast<std::size_t>(std::count(seen.begin(), seen.end(), false));
    if (missing > 0)
      r_.problem(pay, p + ".payoffs", fmt::format("{} of {} profiles missing", missing, profiles),
                 "a payoff entry for every strategy profile");
  }

  /// The strategy names of a payoff key "a, b, c", each trimmed of spaces.
  static std::vector<std::string> split_profile(const std::string& key) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
      const auto comma = key.find(',', start);
      std::string part = key.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      part.erase(0, part.find_first_not_of(' '));
      part.erase(part.find_last_not_of(' ') + 1);
      parts.push_back(part);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    return parts;
  }

  // ---- settings and questions -----------------------------------------------------------------

  /// A module's section: every name must be declared in `schema` (nullptr: any identifier).
  void read_settings(const YAML::Node& map, const std::string& section, std::vector<Setting>& out,
                     const std::vector<SettingSpec>* schema) {
    if (!map.IsDefined() || !r_.expect_map(map, section)) return;
    for (const auto& kv : map) {
      if (!r_.spend(kv.first)) return;
      const std::string name = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
      if (!detail::is_identifier(name)) {
        r_.problem(kv.first, section, Reader::describe(kv.first), "a setting name (identifier)");
        continue;
      }
      const SettingSpec* spec = schema != nullptr ? find_setting(*schema, name) : nullptr;
      if (schema != nullptr && spec == nullptr) {
        r_.problem(kv.first, section + "." + name, "unknown setting '" + name + "'",
                   "a setting of the " + section + " model (docs/models/" + section + ".md), or a figure under " +
                       section + ".context");
      } else if (spec != nullptr && spec->type == SettingSpec::Type::kWord) {
        read_word(kv.second, section + "." + name, *spec, out);
      } else if (spec != nullptr && spec->type == SettingSpec::Type::kContext) {
        read_context(kv.second, section + "." + name, out);
      } else {
        read_setting_number(kv.second, section + "." + name, name, spec, out);
      }
    }
  }

  void read_word(const YAML::Node& v, const std::string& p, const SettingSpec& spec, std::vector<Setting>& out) {
    const std::string word = v.IsScalar() ? v.Scalar() : std::string();
    if (std::find(spec.words.begin(), spec.words.end(), word) == spec.words.end()) {
      r_.problem(v, p, Reader::describe(v), "one of " + join(spec.words));
      return;
    }
    out.push_back(Setting{spec.name, kNoQuantity, word, r_.where(v)});
  }

  /// Figures kept with a module that it does not read: any names, numbers with sources.
  void read_context(const YAML::Node& map, const std::string& p, std::vector<Setting>& out) {
    if (!r_.expect_map(map, p)) return;
    for (const auto& kv : map) {
      if (!r_.spend(kv.first)) return;
      const std::string name = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
      if (!detail::is_identifier(name)) {
        r_.problem(kv.first, p, Reader::describe(kv.first), "a figure name (identifier)");
        continue;
      }
      read_setting_number(kv.second, p + "." + name, "context." + name, nullptr, out);
    }
  }

  /// A numeric setting, checked against its declared range (in every validation draw).
  void read_setting_number(const YAML::Node& v, const std::string& p, const std::string& name, const SettingSpec* spec,
                           std::vector<Setting>& out) {
    // A literal needs a mapping to carry its source; an expression inherits its parameters'.
    if (v.IsScalar() && detail::parse_number(v.Scalar()).has_value()) {
      r_.problem(v, p, "a bare number without a source",
                 "a mapping {value: ..., source: ...} or an expression over parameters");
      return;
    }
    Reader::Range range;
    if (spec != nullptr) range = Reader::Range{spec->lower, spec->upper, spec->expected.c_str()};
    const QuantityId q = r_.number(v, p, range, "", true);
    if (q == kNoQuantity) return;
    const Quantity& qq = s_.quantities[static_cast<std::size_t>(q)];
    if (spec != nullptr && qq.kind == Quantity::Kind::kFixed && !spec->allows(qq.value)) {
      r_.problem(qq.where, p, fmt::format("{:g}", qq.value), spec->expected);
      return;
    }
    out.push_back(Setting{name, q, "", r_.where(v)});
  }

  void read_questions(const YAML::Node& list) {
    if (!list.IsDefined() || !r_.expect_seq(list, "questions")) return;
    std::set<std::string> ids;
    for (const auto& n : list) {
      if (!r_.spend(n)) return;
      const std::string path0 = fmt::format("questions[{}]", s_.questions.size());
      if (!r_.expect_map(n, path0)) continue;
      Question q;
      q.where = r_.where(n);
      q.id = r_.id_field(n, "id", path0, true);
      const std::string p = q.id.empty() ? path0 : "questions." + q.id;
      r_.check_keys(n, p, {"id", "text", "horizon_months", "by", "at", "resolve", "resolution", "mechanisms", "note"},
                    {"id", "text", "resolve"});
      if (!q.id.empty() && !ids.insert(q.id).second)
        r_.problem(n["id"], p + ".id", "duplicate question id '" + q.id + "'", "a unique question id");
      q.text = r_.string_field(n, "text", p, false);
      q.resolution = r_.string_field(n, "resolution", p, false);
      q.horizon_months = static_cast<int>(r_.int_field(n, "horizon_months", p, false, 1, 600, s_.meta.horizon_months));
      if (n["resolve"].IsDefined()) q.rule = read_rule(n["resolve"], p + ".resolve", 0);
      q.mechanisms = r_.id_list(n["mechanisms"], p + ".mechanisms");
      read_question_date(n, p, q);
      s_.questions.push_back(std::move(q));
    }
  }

  /// `by: YYYY-MM` (holds in some month up to then) or `at: YYYY-MM` (holds then); by default
  /// at the question's horizon. Questions on equilibrium outputs only are diagnostics.
  void read_question_date(const YAML::Node& n, const std::string& p, Question& q) {
    q.month = std::min(q.horizon_months, s_.meta.horizon_months);
    q.by = n["by"].IsDefined();
    const YAML::Node d = q.by ? n["by"] : n["at"];
    if (q.by && n["at"].IsDefined()) r_.problem(n["at"], p + ".at", "both 'by' and 'at'", "one of them");
    if (d.IsDefined()) {
      const std::string text = d.IsScalar() ? d.Scalar() : std::string();
      const int k = months_after(s_.meta.as_of, text);
      if (k < 1 || k > s_.meta.horizon_months)
        r_.problem(d, p + (q.by ? ".by" : ".at"), Reader::describe(d),
                   "a month YYYY-MM after meta.as_of, within the horizon");
      else
        q.month = k;
    }
    q.date = month_label(s_.meta.as_of, q.month);
    std::vector<std::string> outs;
    collect_rule_outputs(q.rule, outs);
    q.diagnostic = !outs.empty() &&
                   std::all_of(outs.begin(), outs.end(), [](const std::string& o) { return o.rfind("game.", 0) == 0; });
  }

  static void collect_rule_outputs(const Rule& r, std::vector<std::string>& out) {
    if (r.kind == Rule::Kind::kCompare) out.push_back(r.output);
    for (const auto& c : r.children) collect_rule_outputs(c, out);
  }

  Rule read_rule(const YAML::Node& n, const std::string& p, int depth) {
    Rule rule;
    rule.where = r_.where(n);
    if (!r_.spend(n)) return rule;
    if (depth > 16) {
      r_.problem(n, p, "rules nested more than 16 levels", "a simpler rule");
      return rule;
    }
    if (!r_.expect_map(n, p)) return rule;
    if (n["all"].IsDefined() || n["any"].IsDefined()) {
      const bool all = n["all"].IsDefined();
      r_.check_keys(n, p, {"all", "any"}, {});
      rule.kind = all ? Rule::Kind::kAll : Rule::Kind::kAny;
      const YAML::Node list = n[all ? "all" : "any"];
      if (r_.expect_seq(list, p + (all ? ".all" : ".any"))) {
        std::size_t i = 0;
        for (const auto& c : list)
          rule.children.push_back(read_rule(c, fmt::format("{}.{}[{}]", p, all ? "all" : "any", i++), depth + 1));
        if (rule.children.empty()) r_.problem(list, p, "an empty list", "at least one rule");
      }
      return rule;
    }
    r_.check_keys(n, p, {"output", "op", "threshold"}, {"output", "op", "threshold"});
    rule.output = r_.string_field(n, "output", p, false);
    check_output(n["output"], p + ".output", rule.output);
    const std::string op = r_.string_field(n, "op", p, false);
    if (op == "<")
      rule.op = CompareOp::kLess;
    else if (op == "<=")
      rule.op = CompareOp::kLessEqual;
    else if (op == ">")
      rule.op = CompareOp::kGreater;
    else if (op == ">=")
      rule.op = CompareOp::kGreaterEqual;
    else if (!op.empty())
      r_.problem(n["op"], p + ".op", "'" + op + "'", "one of <, <=, >, >=");
    if (n["threshold"].IsDefined()) rule.threshold = r_.number(n["threshold"], p + ".threshold", Reader::Range{});
    return rule;
  }

  void check_output(const YAML::Node& at, const std::string& p, const std::string& out) {
    if (out.empty()) return;
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (;;) {
      const auto dot = out.find('.', start);
      parts.push_back(out.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    for (const auto& part : parts) {
      if (!detail::is_identifier(part)) {
        r_.problem(at, p, "'" + out + "'", "an output name <module>.<id>.<quantity> of identifiers");
        return;
      }
    }
    const std::string& module = parts[0];
    if (module == "issue") {
      if (parts.size() != 3) {
        r_.problem(at, p, "'" + out + "'", "issue.<issue>.<compromise|median|mean|smp|bdm|nash>");
        return;
      }
      const bool known =
          std::any_of(s_.issues.begin(), s_.issues.end(), [&](const Issue& i) { return i.id == parts[1]; });
      if (!known) r_.problem(at, p, "unknown issue '" + parts[1] + "'", "an issue id of this scenario");
      static const std::set<std::string> kStats = {"compromise", "median", "mean", "smp", "bdm", "nash"};
      if (!kStats.count(parts[2]))
        r_.problem(at, p, "'" + parts[2] + "'", "one of compromise, median, mean, smp, bdm, nash");
    } else if (module == "game") {
      if (parts.size() != 4) {
        r_.problem(at, p, "'" + out + "'", "game.<game>.<actor>.<action>");
        return;
      }
      const auto g = std::find_if(s_.games.begin(), s_.games.end(), [&](const Game& x) { return x.id == parts[1]; });
      if (g == s_.games.end()) {
        r_.problem(at, p, "unknown game '" + parts[1] + "'", "a game id of this scenario");
        return;
      }
      const int a = s_.actor_index(parts[2]);
      const auto it = std::find(g->players.begin(), g->players.end(), a);
      if (a < 0 || it == g->players.end()) {
        r_.problem(at, p, "'" + parts[2] + "', not a player of game '" + g->id + "'", "one of the game's players");
        return;
      }
      const int pi = static_cast<int>(it - g->players.begin());
      bool has_action = parts[3] == "payoff";  // the player's expected payoff
      if (g->is_tree) {
        for (const auto& node : g->nodes)
          if (node.kind == GameNode::Kind::kPlayer && node.player == pi &&
              std::find(node.actions.begin(), node.actions.end(), parts[3]) != node.actions.end())
            has_action = true;
      } else if (static_cast<std::size_t>(pi) < g->strategies.size()) {
        const auto& st = g->strategies[static_cast<std::size_t>(pi)];
        has_action = std::find(st.begin(), st.end(), parts[3]) != st.end();
      }
      if (!has_action)
        r_.problem(at, p, "unknown action '" + parts[3] + "'", "an action of " + parts[2] + " in game '" + g->id + "'");
    } else if (module == "timeline") {
      check_timeline_output(at, p, out, parts);
    } else {
      r_.problem(at, p, "unknown output module '" + module + "'", "one of issue, game, timeline");
    }
  }

  void check_timeline_output(const YAML::Node& at, const std::string& p, const std::string& out,
                             const std::vector<std::string>& parts) {
    const auto& t = s_.timeline;
    if (parts.size() == 2 && t.var_index(parts[1]) >= 0) return;
    if (parts.size() == 3 && parts[1] == "events" &&
        std::any_of(t.hazards.begin(), t.hazards.end(), [&](const Hazard& h) { return h.id == parts[2]; }))
      return;
    r_.problem(at, p, "'" + out + "'", "timeline.<state variable> or timeline.events.<event id> of this scenario");
  }

  // ---- cross-references -----------------------------------------------------------------------

  void resolve_expressions() {
    std::size_t count = 0;
    for (auto& q : s_.quantities) {
      if (q.kind != Quantity::Kind::kExpression) continue;
      if (++count > kMaxExpressions) {  // each costs a parser in every sampler (~10 KB)
        r_.problem(q.where, q.path, fmt::format("more than {} expressions", kMaxExpressions),
                   "fewer expressions (write fixed numbers as values)");
        return;
      }
      resolve_names(q);
    }
    order_by_dependency();
  }

  /// Parses one expression and records the parameters it uses.
  void resolve_names(Quantity& q) {
    const auto check = detail::check_expression(q.expr);
    if (check.error) {
      Location at = q.where;
      if (at.line > 0) at.column += check.error_pos;
      r_.problem(at, q.path, "'" + q.expr + "' (" + *check.error + ")",
                 check.pure ? "a valid expression" : "a pure expression (one value, no assignment)");
      return;
    }
    for (const auto& name : check.names) {
      const auto it = s_.parameters.find(name);
      if (it == s_.parameters.end()) {
        r_.problem(q.where, q.path, "unknown parameter '" + name + "' in '" + q.expr + "'",
                   "a parameter defined in 'parameters'");
        continue;
      }
      q.deps.push_back(it->second);
    }
  }

  /// Topological order by an iterative depth-first search (chains of any length, no recursion);
  /// an edge back to a quantity on the path is a cycle, reported once at its first member.
  void order_by_dependency() {
    const std::size_t n = s_.quantities.size();
    std::vector<int> state(n, 0);                          // 0 new, 1 on the path, 2 done
    std::vector<std::pair<QuantityId, std::size_t>> path;  // quantity, next dependency to visit
    std::set<QuantityId> reported;
    for (std::size_t root = 0; root < n; ++root) {
      if (state[root] != 0) continue;
      path.emplace_back(static_cast<QuantityId>(root), 0);
      state[root] = 1;
      while (!path.empty()) {
        auto& [v, next] = path.back();
        const auto& deps = s_.quantities[static_cast<std::size_t>(v)].deps;
        if (next == deps.size()) {
          state[static_cast<std::size_t>(v)] = 2;
          s_.evaluation_order.push_back(v);
          path.pop_back();
          continue;
        }
        const QuantityId d = deps[next++];
        auto& st = state[static_cast<std::size_t>(d)];
        if (st == 1) report_cycle(path, d, reported);
        if (st != 0) continue;
        st = 1;
        path.emplace_back(d, 0);
      }
    }
  }

  void report_cycle(const std::vector<std::pair<QuantityId, std::size_t>>& path, QuantityId back_to,
                    std::set<QuantityId>& reported) {
    auto from = path.begin();
    while (from->first != back_to) ++from;
    std::vector<std::string> names;
    bool fresh = false;
    for (auto it = from; it != path.end(); ++it) {
      names.push_back(s_.quantities[static_cast<std::size_t>(it->first)].name);
      fresh = reported.insert(it->first).second || fresh;
    }
    if (!fresh) return;
    if (names.size() > 8) names.erase(names.begin() + 4, names.end() - 3), names.insert(names.begin() + 4, "...");
    names.push_back(s_.quantities[static_cast<std::size_t>(back_to)].name);
    const Quantity& q = s_.quantities[static_cast<std::size_t>(back_to)];
    r_.problem(q.where, q.path, "a dependency cycle " + join(names, " -> "),
               "expressions that do not depend on themselves");
  }

  void check_sources() {
    std::set<std::string> known, used;
    for (const auto& src : s_.sources) known.insert(src.id);
    auto use = [&](const std::vector<std::string>& ids, const Location& at, const std::string& path) {
      for (const auto& id : ids) {
        used.insert(id);
        if (!known.count(id))
          r_.problem(at, path + ".source", "unknown source '" + id + "'", "a source id listed in 'sources'");
      }
    };
    for (const auto& q : s_.quantities) use(q.sources, q.where, q.path);
    for (const auto& a : s_.actors) use(a.sources, a.where, "actors." + a.id);
    for (const auto& i : s_.issues) use(i.sources, i.where, "issues." + i.id);
    for (std::size_t k = 0; k < s_.links.size(); ++k)
      use(s_.links[k].sources, s_.links[k].where, fmt::format("links[{}]", k));
    for (const auto& e : s_.timeline.hazards) use(e.sources, e.where, "events." + e.id);
    for (const auto& g : s_.games) use(g.sources, g.where, "games." + g.id);
    for (const auto& c : s_.structural) use(c.sources, c.where, "structural." + c.id);
    for (const auto& src : s_.sources) {
      if (!src.id.empty() && !used.count(src.id))
        s_.warnings.push_back(
            Diagnostic{src.where, "sources." + src.id, "a source nothing cites", "each source cited at least once"});
    }
  }

  /// Quantities some model reads: capabilities, stances, status quo, payoffs and chance, rule
  /// thresholds, module settings, the timeline's initial values and the parameters its
  /// expressions name, and everything these depend on.
  std::vector<char> read_by_models() const {
    std::vector<char> used(s_.quantities.size(), 0);
    auto mark = [&](QuantityId q) {
      if (q >= 0) used[static_cast<std::size_t>(q)] = 1;
    };
    for (const auto& a : s_.actors) mark(a.capability);
    for (const auto& is : s_.issues) {
      mark(is.status_quo);
      for (const auto& st : is.stances) {
        mark(st.position);
        mark(st.salience);
      }
    }
    for (const auto& g : s_.games) {
      for (QuantityId q : g.payoffs) mark(q);
      for (const auto& n : g.nodes) {
        for (QuantityId q : n.payoffs) mark(q);
        for (QuantityId q : n.probabilities) mark(q);
      }
    }
    std::function<void(const Rule&)> rule = [&](const Rule& r) {
      mark(r.threshold);
      for (const auto& c : r.children) rule(c);
    };
    for (const auto& q : s_.questions) rule(q.rule);
    for (const auto& st : s_.society) mark(st.value);
    for (const auto& v : s_.timeline.vars) mark(v.initial);
    for (QuantityId q : s_.timeline.parameters_used) mark(q);
    for (auto it = s_.evaluation_order.rbegin(); it != s_.evaluation_order.rend(); ++it)
      if (used[static_cast<std::size_t>(*it)])
        for (QuantityId d : s_.quantities[static_cast<std::size_t>(*it)].deps) mark(d);
    return used;
  }

  /// Every uncertain number should reach an output; one that does not is reported as a warning.
  void warn_unused_uncertainty() {
    const auto used = read_by_models();
    for (std::size_t i = 0; i < s_.quantities.size(); ++i) {
      const Quantity& q = s_.quantities[i];
      if (q.kind != Quantity::Kind::kRandom || used[i]) continue;
      s_.warnings.push_back(Diagnostic{q.where, q.path, "an uncertain number that no model reads",
                                       "every uncertain number to reach at least one output (or a fixed value)"});
    }
  }

  /// Expressions and chance probabilities can only be checked on values: try a few draws.
  void check_draws() {
    try {
      Sampler sampler(s_);
      std::vector<double> v;
      for (int d = 0; d < kValidationDraws; ++d) {
        if (d == 0)
          sampler.central(v);
        else
          sampler.sample(s_.meta.seed, static_cast<std::uint64_t>(d), v);
        if (!issue_weights_positive(v, d)) return;
        for (const auto& g : s_.games) {
          for (const auto& node : g.nodes) {
            if (node.kind != GameNode::Kind::kChance) continue;
            double sum = 0;
            for (QuantityId q : node.probabilities) sum += v[static_cast<std::size_t>(q)];
            if (std::abs(sum - 1.0) > 1e-9) {
              r_.problem(node.where, "games." + g.id + ".chance",
                         fmt::format("probabilities summing to {:g} in {}", sum,
                                     d == 0 ? "the central case" : fmt::format("draw {}", d)),
                         "probabilities summing to 1 in every draw");
              return;
            }
          }
        }
      }
    } catch (const ScenarioError& e) {
      for (const auto& p : e.problems()) r_.problems().push_back(p);
    }
  }

  /// The bargaining models weight actors by capability x salience: an issue needs a positive
  /// total weight in every draw.
  bool issue_weights_positive(const std::vector<double>& v, int d) {
    for (const auto& is : s_.issues) {
      double total = 0;
      for (const auto& st : is.stances) {
        const auto& a = s_.actors[static_cast<std::size_t>(st.actor)];
        if (a.capability != kNoQuantity && st.salience != kNoQuantity)
          total += v[static_cast<std::size_t>(a.capability)] * v[static_cast<std::size_t>(st.salience)];
      }
      if (!(total > 0)) {
        r_.problem(is.where, "issues." + is.id + ".positions",
                   fmt::format("every capability x salience weight zero in {}",
                               d == 0 ? "the central case" : fmt::format("draw {}", d)),
                   "at least one actor with positive capability and salience in every draw");
        return false;
      }
    }
    return true;
  }

  /// A scenario without issues is valid, but bargaining has nothing to work on.
  void warn_without_issues() {
    if (s_.issues.empty())
      s_.warnings.push_back(
          Diagnostic{Location{r_.file(), 1, 1}, "issues", "no issues",
                     "issues for `statecraft bargain` and the issue.* outputs (the other modules run without)"});
  }

  /// What only a module can tell once every number is valid (e.g. settings that conflict).
  void check_modules() {
    for (auto& d : check_society(s_)) r_.problems().push_back(std::move(d));
  }
};

}  // namespace

int Scenario::actor_index(const std::string& id) const {
  for (std::size_t i = 0; i < actors.size(); ++i)
    if (actors[i].id == id) return static_cast<int>(i);
  return -1;
}

std::size_t Scenario::uncertain_count() const {
  std::vector<bool> uncertain(quantities.size(), false);
  std::size_t n = 0;
  for (QuantityId id : evaluation_order) {
    const auto& q = quantities[static_cast<std::size_t>(id)];
    bool u = q.kind == Quantity::Kind::kRandom;
    for (QuantityId d : q.deps) u = u || uncertain[static_cast<std::size_t>(d)];
    uncertain[static_cast<std::size_t>(id)] = u;
    if (u && q.kind == Quantity::Kind::kRandom) ++n;
  }
  return n;
}

namespace {

/// Line and column (1-based, in bytes) of a byte offset.
Location location_of_offset(const std::string& text, std::size_t offset, const std::string& file) {
  const auto before = text.begin() + static_cast<std::ptrdiff_t>(offset);
  const auto line = static_cast<int>(std::count(text.begin(), before, '\n')) + 1;
  const auto nl = offset == 0 ? std::string::npos : text.rfind('\n', offset - 1);
  const std::size_t start = nl == std::string::npos ? 0 : nl + 1;
  return Location{file, line, static_cast<int>(offset - start) + 1};
}

}  // namespace

Scenario load_scenario(const std::string& text, const std::string& file) {
  Scenario s = load_scenario(text, file, Overrides{});
  // Each variant applied must give a valid scenario too (ranges, expressions, draws).
  std::vector<Diagnostic> problems;
  for (const auto& v : s.variants) {
    try {
      load_scenario(text, file, Overrides{v.name, {}});
    } catch (const ScenarioError& e) {
      for (const auto& d : e.problems()) {
        problems.push_back(d);
        problems.back().path += " (with variant " + v.name + ")";
      }
    }
  }
  if (!problems.empty()) throw ScenarioError(std::move(problems));
  return s;
}

Scenario load_scenario(const std::string& text, const std::string& file, const Overrides& overrides) {
  Scenario s;
  s.file = file;
  s.sha256 = sha256_hex(text);
  if (text.size() > kMaxBytes) {
    throw ScenarioError(
        {Diagnostic{Location{file, 1, 1}, "", fmt::format("{} bytes", text.size()), "a scenario of at most 16 MiB"}});
  }
  if (text.find('\0') != std::string::npos) {
    throw ScenarioError({Diagnostic{Location{file, 1, 1}, "", "binary data (a NUL byte)", "a YAML text file"}});
  }
  if (const auto bad = detail::first_invalid_utf8(text)) {
    throw ScenarioError({Diagnostic{location_of_offset(text, *bad, file), "",
                                    fmt::format("the byte 0x{:02x}, not UTF-8", static_cast<unsigned char>(text[*bad])),
                                    "UTF-8 text"}});
  }
  Loader loader(file, s);
  try {
    loader.load(text, overrides);
  } catch (const YAML::Exception& e) {
    loader.problems().push_back(Diagnostic{Location{file, e.mark.line + 1, e.mark.column + 1}, "",
                                           "unreadable YAML (" + e.msg + ")", "a YAML document"});
  }
  auto& problems = loader.problems();
  if (!problems.empty()) {
    std::stable_sort(problems.begin(), problems.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
    });
    throw ScenarioError(std::move(problems));
  }
  return s;
}

namespace {

ScenarioError too_large(const std::string& path, const std::string& found) {
  return ScenarioError(
      {Diagnostic{Location{path, 0, 0}, "", found, "a scenario file of at most 16 MiB (16777216 bytes)"}});
}

}  // namespace

std::string read_scenario_text(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto st = fs::status(path, ec);
  if (ec || !fs::exists(st) || fs::is_directory(st)) return read_file(path);  // its IoError
  if (fs::is_regular_file(st)) {
    const auto size = fs::file_size(path, ec);
    if (!ec && size > kMaxBytes) throw too_large(path, fmt::format("a file of {} bytes", size));
    return read_file(path);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return read_file(path);
  std::string text(kMaxBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxBytes) throw too_large(path, "more than 16 MiB from a stream or device");
  if (in.bad()) throw IoError(ExitCode::kIoErr, path + ": read error");
  return text;
}

Scenario load_scenario_file(const std::string& path) { return load_scenario(read_scenario_text(path), path); }

const std::string& default_scenario_text() {
  static const std::string text(embedded::belarus_yaml);
  return text;
}

Scenario load_default_scenario() { return load_scenario(default_scenario_text(), "belarus.yaml (embedded)"); }

}  // namespace statecraft::scenario
