// The timeline as a lens: each draw runs the scenario month by month (timeline::Runner) and
// outputs every state variable and event count at every month as "timeline.<name>@<month>"
// (month 0 = the start).

#include <fmt/format.h>

#include "statecraft/ensemble/lens.hpp"
#include "statecraft/timeline/runner.hpp"

namespace statecraft::ensemble {
namespace {

class TimelineLens final : public Lens {
 public:
  explicit TimelineLens(const scenario::Scenario& s) : runner_(s) {
    for (const auto& name : runner_.series())
      for (int m = 0; m <= runner_.months(); ++m) names_.push_back(fmt::format("{}@{}", name, m));
  }

  std::string name() const override { return "timeline"; }
  std::vector<std::string> outputs() const override { return names_; }

  void evaluate(const std::vector<double>& values, std::uint64_t seed, std::uint64_t draw, double* out) const override {
    runner_.run(values, seed, draw, out);
  }

  std::vector<std::pair<std::string, double>> cost() const override {
    const auto c = runner_.cost();
    std::vector<std::pair<std::string, double>> out = {
        {"timeline: transitions and dynamics", c.dynamics},
        {"timeline: events", c.events},
        {fmt::format("timeline: decisions ({} games solved)", c.decisions_solved), c.decisions},
        {fmt::format("timeline: issues ({} re-forecasts)", c.issue_forecasts), c.issues},
        {fmt::format("timeline: society windows ({} runs)", c.windows_run), c.society}};
    for (const auto& [model, sec] : c.issue_models) out.emplace_back(fmt::format("timeline: issues, {}", model), sec);
    for (std::size_t m = 1; m < c.per_month.size(); ++m)
      out.emplace_back(fmt::format("timeline: month {}", m), c.per_month[m]);
    return out;
  }

 private:
  timeline::Runner runner_;
  std::vector<std::string> names_;
};

}  // namespace

std::unique_ptr<Lens> make_timeline_lens(const scenario::Scenario& s) { return std::make_unique<TimelineLens>(s); }

}  // namespace statecraft::ensemble
