#pragma once
// Dates of sources: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, placed against meta.as_of.

#include <optional>
#include <string>
#include <string_view>

namespace statecraft::scenario::detail {

/// The last day (YYYY-MM-DD) of the period a source date names: `2024` -> 2024-12-31,
/// `2025-02` -> 2025-02-28, `2025-09-12` -> itself. A partial date stands for its last day, so a
/// source dated `2025` may have appeared as late as 31 December 2025. nullopt if `text` is not
/// such a date (years 1800-9999, real months and days, leap years counted).
std::optional<std::string> source_date_end(std::string_view text);

}  // namespace statecraft::scenario::detail
