#pragma once
// A small scenario with one uncertain position and variants, for the run store and what-if
// tests: P(median >= 70) is 0.3 under the baseline (centre ~ U(0, 100)) and 0.375 under
// `higher` (centre ~ U(20, 100)); with common random numbers the two differ only on draws whose
// uniform number lies in [0.625, 0.7).

namespace statecraft::testing {

inline const char* kWhatIfScenario = R"(statecraft: 1
meta: {name: what-if, as_of: 2026-01-01, horizon_months: 12, seed: 3}
sources: [{id: s, title: T, file: x.txt}]
parameters:
  centre: {dist: uniform, min: 0, max: 100, unit: score, source: s}
  other: {dist: uniform, min: 0, max: 1, source: s}
actors: [{id: a, name: A, kind: state, capability: 1, source: s}]
issues:
  - id: i
    question: q
    low: l
    high: h
    source: s
    positions:
      a: {position: centre, salience: 50}
questions:
  - {id: high, text: above 70, resolve: {output: issue.i.median, op: ">=", threshold: 70}}
  - {id: low, text: below 10, resolve: {output: issue.i.median, op: "<", threshold: 10}}
variants:
  higher:
    note: the centre moves up
    parameters:
      centre: {dist: uniform, min: 20, max: 100}
  same:
    note: the centre as it is
    parameters:
      centre: {dist: uniform, min: 0, max: 100}
)";

}  // namespace statecraft::testing
