#include "statecraft/bargaining/scenario_issues.hpp"

#include "statecraft/error.hpp"

namespace statecraft::bargaining {

BargainingProblem scenario_problem(const scenario::Scenario& s, std::size_t issue, const std::vector<double>& v) {
  const auto& is = s.issues.at(issue);
  BargainingProblem p;
  p.name = is.id;
  p.description = is.question;
  p.dimensions = {is.id};
  if (is.status_quo != scenario::kNoQuantity) p.status_quo = {v[static_cast<std::size_t>(is.status_quo)]};
  if (is.stances.size() > kMaxActors) {
    Diagnostic d;
    d.where = is.where;
    d.path = "issues." + is.id + ".positions";
    d.found = std::to_string(is.stances.size()) + " actors";
    d.expected = "at most " + std::to_string(kMaxActors) + " actors (the SMP's and BDM's cost grows with their cube)";
    throw ScenarioError({std::move(d)});
  }
  for (const auto& st : is.stances) {
    const auto& actor = s.actors[static_cast<std::size_t>(st.actor)];
    Actor a;
    a.name = actor.id;
    a.capability = v[static_cast<std::size_t>(actor.capability)];
    a.position = {v[static_cast<std::size_t>(st.position)]};
    a.salience = {v[static_cast<std::size_t>(st.salience)] / 100.0};
    p.actors.push_back(std::move(a));
  }
  return p;
}

std::vector<BargainingProblem> scenario_problems(const scenario::Scenario& s, const std::vector<double>& v) {
  std::vector<BargainingProblem> out;
  out.reserve(s.issues.size());
  for (std::size_t i = 0; i < s.issues.size(); ++i) out.push_back(scenario_problem(s, i, v));
  return out;
}

}  // namespace statecraft::bargaining
