// `statecraft solve FILE [--method M] [--exact] [--json OUT]`: equilibria of a Gambit .nfg/.efg
// game. Option parsing only; the work is statecraft::services::solve().

#include <fmt/format.h>

#include <iostream>

#include "command_registry.hpp"
#include "statecraft/games/solve.hpp"
#include "statecraft/io.hpp"
#include "statecraft/services/solve.hpp"

namespace statecraft::cli {
namespace {

struct SolveArgs {
  std::string file;
  std::string method;
  bool exact = false;
  std::string json_out;
  std::string game;
  std::string nfg_out;
};

Command make(CLI::App& parent) {
  auto args = std::make_shared<SolveArgs>();
  CLI::App* sub =
      parent.add_subcommand("solve", "Equilibria of a game in Gambit's .nfg or .efg format, or of a scenario's game");
  sub->add_option("file", args->file, "game file (.nfg or .efg), or a scenario (.yaml) with --game")->required();
  sub->add_option("--game", args->game,
                  "with a scenario: the id of the game to solve, at the scenario's central values");
  sub->add_option("--method", args->method,
                  "pure | dominance | enum | lh | qre | spe | seq | lp (default: enum for 2-player normal form, "
                  "qre for n-player, spe for perfect-information trees, seq for other 2-player trees)")
      ->check(CLI::IsMember(games::solve_methods()));
  sub->add_flag("--exact", args->exact, "exact rational arithmetic also where floating point is the default");
  sub->add_option("--json", args->json_out, "also write the result as JSON to this file ('-' for stdout)");
  sub->add_option("--write-nfg", args->nfg_out,
                  "also write the normal form the normal-form methods solve (a tree's reduced normal form) as .nfg");
  return {sub, [args]() {
            OutputSet outputs({args->json_out, args->nfg_out}, {args->file});  // checked before the work
            services::SolveResult r =
                services::solve({args->file, args->game, args->method, args->exact, !args->json_out.empty()});
            if (!args->nfg_out.empty()) {
              const auto* nf = std::get_if<games::NormalFormGame>(&r.game);
              outputs.put(
                  args->nfg_out,
                  games::write_nfg(nf ? *nf : games::reduced_normal_form(std::get<games::ExtensiveGame>(r.game))));
            }
            if (args->json_out != "-") std::cout << r.provenance.lines("# ") << r.report.text;
            if (!args->json_out.empty()) {
              nlohmann::json& j = r.report.json;  // completed in place: a copy would double the peak memory
              j["provenance"] = r.provenance.json();
              std::string text = j.dump(2);
              j = nlohmann::json();  // freed before the text is written
              text += '\n';
              outputs.put(args->json_out, text);
            }
            outputs.commit();
            if (r.report.failed) {
              std::cerr << "statecraft: solve failed: " << r.report.failure << '\n';
              return 1;
            }
            return 0;
          }};
}

const Registrar registrar{30, &make};

}  // namespace
}  // namespace statecraft::cli
