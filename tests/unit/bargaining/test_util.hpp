#pragma once
// Shared helpers for the bargaining tests.
#include <string>
#include <vector>

#include "statecraft/bargaining/problem.hpp"

namespace statecraft::bargaining::testing {

/// The BDM (1994) / Scholz et al. (2011) EU emissions example: capability, position, salience.
inline BargainingProblem eu_emissions() {
  BargainingProblem p;
  p.name = "eu-emissions";
  p.dimensions = {"year"};
  p.scale_min = 0.0;
  p.scale_max = 10.0;
  const char* names[] = {"NL", "BE", "LU", "DE", "FR", "IT", "UK", "IE", "DK", "EL"};
  const double d[][3] = {{.08, 4, .8},  {.08, 7, .4},  {.03, 4, .2}, {.16, 4, .8},  {.16, 10, .6},
                         {.16, 10, .6}, {.16, 10, .9}, {.05, 7, .1}, {.05, 4, 1.0}, {.08, 7, .7}};
  for (int i = 0; i < 10; ++i) {
    Actor a;
    a.name = names[i];
    a.capability = d[i][0];
    a.position = {d[i][1]};
    a.salience = {d[i][2]};
    p.actors.push_back(a);
  }
  return p;
}

/// A one-dimensional problem from (capability, position on 0-100, salience in [0,1]) triples.
inline BargainingProblem one_dim(const std::vector<std::vector<double>>& rows) {
  BargainingProblem p;
  p.name = "test";
  p.dimensions = {"x"};
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Actor a;
    a.name = "A" + std::to_string(i);
    a.capability = rows[i][0];
    a.position = {rows[i][1]};
    a.salience = {rows[i][2]};
    p.actors.push_back(a);
  }
  return p;
}

}  // namespace statecraft::bargaining::testing
