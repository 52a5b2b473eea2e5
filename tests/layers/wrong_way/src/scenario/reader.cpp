// Includes a header of an area above scenario.
#include "statecraft/error.hpp"
#include "statecraft/society/society_config.hpp"
#include "statecraft/timeline/runner.hpp"
