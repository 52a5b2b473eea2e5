#include "statecraft/services/solve.hpp"

#include "statecraft/error.hpp"
#include "statecraft/games/scenario_games.hpp"
#include "statecraft/io.hpp"

namespace statecraft::services {

bool is_scenario_file(const std::string& file) {
  const auto dot = file.rfind('.');
  const std::string ext = dot == std::string::npos ? "" : file.substr(dot);
  return ext == ".yaml" || ext == ".yml";
}

SolveResult solve(const SolveOptions& o, const Callbacks& callbacks) {
  const std::string text = read_file(o.file);
  const bool scenario = is_scenario_file(o.file);
  if (!o.game.empty() && !scenario)
    throw UsageError("--game needs a scenario file (.yaml); " + o.file + " is a game file");
  SolveResult r{scenario ? games::scenario_game_at_central(load_scenario(o.file, callbacks), o.game)
                         : games::parse_gambit(text, o.file),
                {},
                Provenance::of("solve", o.file, sha256_hex(text))};
  r.report = games::solve(r.game, {o.method, o.exact, o.json});
  r.provenance.with("method", r.report.method).with("exact", o.exact);
  if (scenario) r.provenance.with("scenario_game_at_central_values", o.game);
  return r;
}

}  // namespace statecraft::services
