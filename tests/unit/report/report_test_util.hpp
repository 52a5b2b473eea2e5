#pragma once
// Scenarios and helpers for the report tests.

#include <string>

#include "scratch_dir.hpp"
#include "statecraft/report/html_report.hpp"

namespace report_test {

/// The flag every injected script below would set if it ran.
inline const std::string kInjected = "window.__statecraft_injected=true";

/// A small scenario whose every free text tries to break out of the page: a name, an actor, a
/// source, a note and a question holding markup, a closing script tag and a comment opener.
inline std::string hostile_scenario() {
  return "statecraft: 1\n"
         "meta: {name: \"<script>" +
         kInjected +
         "</script> & co\", as_of: 2026-01-15, horizon_months: 6, seed: 5}\n"
         "sources: [{id: s, title: \"<img src=x onerror='" +
         kInjected + "'>\", file: x.txt, url: \"javascript:" + kInjected +
         "\"}]\n"
         "actors:\n"
         "  - {id: a, name: \"</script><script>" +
         kInjected +
         "</script>\", kind: state, capability: 1, source: s}\n"
         "  - {id: b, name: \"<!-- B\", kind: state, capability: 1, source: s}\n"
         "parameters:\n"
         "  x0: {dist: uniform, min: 0, max: 10, source: s, note: \"</script><!-- <b>bold</b>\"}\n"
         "games:\n"
         "  - id: g\n    title: \"<i>probe</i> or hold\"\n    players: [a, b]\n    source: s\n"
         "    strategies: {a: [probe, hold], b: [respond, ignore]}\n"
         "    payoffs:\n"
         "      \"probe,respond\": [-1, 1]\n      \"probe,ignore\": [2, 0]\n      \"hold,respond\": [0, 0]\n      "
         "\"hold,ignore\": [0, 3]\n"
         "timeline:\n  state:\n    x: {initial: x0}\n  dynamics:\n    x: \"x + 2\"\n"
         "questions:\n"
         "  - {id: x_high, text: \"x above 15 </script> in month 5?\", at: 2026-06, resolve: {output: timeline.x, op: "
         "\">=\", threshold: 15}}\n";
}

/// hostile_scenario() with two variants, one with a note that tries to break out of the page:
/// `up` starts x higher (every draw answers yes), `same` restates the baseline.
inline std::string hostile_variants_scenario() {
  return hostile_scenario() +
         "variants:\n"
         "  up:\n    note: \"<script>" +
         kInjected +
         "</script> starts higher\"\n    parameters:\n      x0: {dist: uniform, min: 5, max: 10}\n"
         "  same:\n    note: as written\n    parameters:\n      x0: {dist: uniform, min: 0, max: 10}\n";
}

/// Occurrences of `needle` in `text`.
inline std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace report_test
