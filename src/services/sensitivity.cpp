#include "statecraft/services/sensitivity.hpp"

#include <string>

#include "statecraft/services/processes.hpp"

namespace statecraft::services {

sensitivity::ScenarioSensitivity sensitivity(const SensitivityOptions& o, const Callbacks& callbacks) {
  const auto s = load_scenario(o.scenario_file, callbacks);
  sensitivity::ScenarioOptions so;
  so.seed = o.seed.value_or(s.meta.seed);
  so.samples = o.samples;
  so.threads = o.threads;
  so.bootstrap = o.bootstrap;
  so.tornado_draws = o.tornado_draws;
  so.progress = callbacks.progress;
  so.team = Processes::team();
  if (so.team != nullptr && callbacks.log)
    callbacks.log("sensitivity: the design's points are spread over " + std::to_string(so.team->size()) + " MPI ranks");
  return sensitivity::analyse(s, so);
}

}  // namespace statecraft::services
