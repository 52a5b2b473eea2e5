#pragma once
/// @file society_snapshot.hpp
/// A snapshot of one representative society window for the report: the timeline is run with
/// every number at its central value (its chance events still drawn) on draws 0, 1, 2, ... until
/// kSnapshotWindows windows opened (or kSnapshotDraws draws ran); each of those windows' agent-
/// based runs is repeated with the same configuration and seed (600 agents, 45 days: cheap), and
/// the one with the median peak of actives is kept, with its grid at that peak and the counts of
/// every step. A handful of windows at the central values, not one per draw.

#include <cstdint>
#include <optional>

#include "statecraft/ensemble/scenario_facts.hpp"
#include "statecraft/scenario/scenario.hpp"

namespace statecraft::services {

/// Draws tried at most, and windows gathered at most, before the choice.
inline constexpr std::uint64_t kSnapshotDraws = 64;
inline constexpr std::size_t kSnapshotWindows = 15;

/// The window with the median peak, or nothing when the scenario has no society window or none
/// opens in kSnapshotDraws draws. @throws ScenarioError as the timeline does.
std::optional<ensemble::WindowSnapshot> society_snapshot(const scenario::Scenario& s, std::uint64_t seed);

}  // namespace statecraft::services
