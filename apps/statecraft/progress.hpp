#pragma once
// A progress bar on standard error for runs longer than a second: share done and an estimate
// of the time left. Callers attach it only when standard error is a terminal.

#include <cstddef>
#include <functional>
#include <string>

namespace statecraft::cli {

/// A callback (done, total) that draws "<what> [#####.....] 45%  12 s left" on stderr, first
/// after one second, then at most ten times a second, and ends the line when done == total.
std::function<void(std::size_t, std::size_t)> progress_bar(const std::string& what);

}  // namespace statecraft::cli
