#pragma once
/// @file games.hpp
/// The games module in one include: normal- and extensive-form games, Gambit's file formats,
/// the equilibrium solvers and the `solve` dispatcher. See docs/models/games.md.

#include "statecraft/games/extensive_form.hpp"  // IWYU pragma: export
#include "statecraft/games/gambit_io.hpp"       // IWYU pragma: export
#include "statecraft/games/normal_form.hpp"     // IWYU pragma: export
#include "statecraft/games/solve.hpp"           // IWYU pragma: export
#include "statecraft/games/solvers.hpp"         // IWYU pragma: export
