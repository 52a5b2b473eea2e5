// The scenario's games as a lens: every draw re-solves each game with that draw's payoffs and
// reports, for each player and action, the probability its selected equilibrium strategy plays
// the action ("game.<game>.<actor>.<action>"), and each player's expected payoff
// ("game.<game>.<actor>.payoff").

#include "statecraft/ensemble/lens.hpp"
#include "statecraft/games/scenario_games.hpp"

namespace statecraft::ensemble {
namespace {

class GameLens final : public Lens {
 public:
  explicit GameLens(const scenario::Scenario& s) {
    for (const auto& g : s.games) {
      solvers_.emplace_back(s, g);
      const auto& actions = solvers_.back().actions();
      for (std::size_t p = 0; p < g.players.size(); ++p) {
        const std::string& actor = s.actors[static_cast<std::size_t>(g.players[p])].id;
        for (const auto& a : actions[p]) names_.push_back("game." + g.id + "." + actor + "." + a);
        names_.push_back("game." + g.id + "." + actor + ".payoff");
      }
    }
  }

  std::string name() const override { return "games"; }
  std::vector<std::string> outputs() const override { return names_; }

  void evaluate(const std::vector<double>& values, std::uint64_t, std::uint64_t, double* out) const override {
    for (const auto& solver : solvers_) {
      const auto sel = solver.solve(values);
      for (std::size_t p = 0; p < sel.probability.size(); ++p) {
        for (double pr : sel.probability[p]) *out++ = pr;
        *out++ = sel.payoffs[p];
      }
    }
  }

 private:
  std::vector<games::ScenarioGameSolver> solvers_;
  std::vector<std::string> names_;
};

}  // namespace

std::unique_ptr<Lens> make_game_lens(const scenario::Scenario& s) { return std::make_unique<GameLens>(s); }

}  // namespace statecraft::ensemble
