// Uses the installed library: the version, the embedded scenario and a bargaining baseline.
#include <cstdio>
#include <vector>

#include "statecraft/bargaining/baselines.hpp"
#include "statecraft/scenario/scenario.hpp"
#include "statecraft/version.hpp"

int main() {
  const auto scenario = statecraft::scenario::load_default_scenario();
  const std::vector<double> capability{1.0, 3.0}, salience{1.0, 1.0}, position{0.0, 100.0};
  const double median = statecraft::bargaining::weighted_median(capability, position, salience);
  std::printf("statecraft %s: %zu actors; median %.0f\n", statecraft::version().c_str(), scenario.actors.size(),
              median);
  return median == 100.0 && !scenario.actors.empty() ? 0 : 1;
}
