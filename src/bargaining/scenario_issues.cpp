#include "statecraft/bargaining/scenario_issues.hpp"

namespace statecraft::bargaining {

std::vector<BargainingProblem> scenario_problems(const scenario::Scenario& s,
                                                 const std::vector<double>& v) {
  std::vector<BargainingProblem> out;
  out.reserve(s.issues.size());
  for (const auto& is : s.issues) {
    BargainingProblem p;
    p.name = is.id;
    p.description = is.question;
    p.dimensions = {is.id};
    for (const auto& st : is.stances) {
      const auto& actor = s.actors[static_cast<std::size_t>(st.actor)];
      Actor a;
      a.name = actor.id;
      a.capability = v[static_cast<std::size_t>(actor.capability)];
      a.position = {v[static_cast<std::size_t>(st.position)]};
      a.salience = {v[static_cast<std::size_t>(st.salience)] / 100.0};
      p.actors.push_back(std::move(a));
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace statecraft::bargaining
