// Includes only its own area and the areas below it.
#include "reader.hpp"

#include "scenario/detail/helpers.hpp"
#include "statecraft/error.hpp"
#include "statecraft/scenario/scenario.hpp"
#include "statecraft/society/society_config.hpp"
