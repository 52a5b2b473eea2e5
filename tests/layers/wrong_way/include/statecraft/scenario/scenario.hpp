#pragma once
// An umbrella header of an area above scenario, and a private header of another one.
#include "ensemble/questions.hpp"
#include "statecraft/services.hpp"
