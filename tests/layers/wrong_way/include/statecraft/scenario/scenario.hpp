#pragma once
// An umbrella header of an area above scenario, and a private header of another one.
#include "statecraft/services.hpp"
#include "ensemble/questions.hpp"
