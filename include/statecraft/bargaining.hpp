#pragma once
/// @file bargaining.hpp
/// Umbrella header of the bargaining area: problem structs and readers (KTAB CSV, DEU III), the
/// baselines, Bueno de Mesquita's model (Scholz et al. 2011), KTAB's Spatial Model of Politics
/// and the uniform forecast() front end. See docs/models/bargaining.md.

#include "statecraft/bargaining/deu3.hpp"     // IWYU pragma: export
#include "statecraft/bargaining/models.hpp"   // IWYU pragma: export
#include "statecraft/bargaining/problem.hpp"  // IWYU pragma: export
