#pragma once
// Sensitivity groups of the uncertain numbers (the `group` tag and its defaults).

#include "statecraft/scenario/scenario.hpp"

namespace statecraft::scenario::detail {

/// Gives every random quantity without a `group` tag its default group: for a number written in
/// an issue, a game or a question, the first mechanism listed there (e.g. "M4"); otherwise a named
/// parameter's own id, and an anonymous number the top-level section it is written in
/// ("actors", "links", "society", "timeline", ...).
void assign_default_groups(Scenario& s);

}  // namespace statecraft::scenario::detail
