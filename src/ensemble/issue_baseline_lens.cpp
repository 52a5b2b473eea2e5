// The baseline issue models as a lens: compromise, weighted median and mean of the positions
// drawn for each issue (docs/models/compromise.md).

#include <vector>

#include "statecraft/bargaining/baselines.hpp"
#include "statecraft/ensemble/lens.hpp"

namespace statecraft::ensemble {
namespace {

class IssueBaselineLens final : public Lens {
 public:
  explicit IssueBaselineLens(const scenario::Scenario& s) : s_(s) {}

  std::string name() const override { return "compromise"; }

  std::vector<std::string> outputs() const override {
    std::vector<std::string> out;
    for (const auto& is : s_.issues) {
      out.push_back("issue." + is.id + ".compromise");
      out.push_back("issue." + is.id + ".median");
      out.push_back("issue." + is.id + ".mean");
    }
    return out;
  }

  void evaluate(const std::vector<double>& v, std::uint64_t, std::uint64_t, double* out) const override {
    std::vector<double> c, x, sal;
    for (const auto& is : s_.issues) {
      c.clear();
      x.clear();
      sal.clear();
      for (const auto& st : is.stances) {
        c.push_back(v[static_cast<std::size_t>(s_.actors[static_cast<std::size_t>(st.actor)].capability)]);
        x.push_back(v[static_cast<std::size_t>(st.position)]);
        sal.push_back(v[static_cast<std::size_t>(st.salience)]);
      }
      *out++ = bargaining::compromise(c, x, sal);
      *out++ = bargaining::weighted_median(c, x, sal);
      *out++ = bargaining::mean_position(x);
    }
  }

 private:
  const scenario::Scenario& s_;
};

}  // namespace

std::unique_ptr<Lens> make_issue_baseline_lens(const scenario::Scenario& s) {
  return std::make_unique<IssueBaselineLens>(s);
}

std::vector<std::unique_ptr<Lens>> default_lenses(const scenario::Scenario& s, std::size_t bargaining_draws) {
  std::vector<std::unique_ptr<Lens>> lenses;
  lenses.push_back(make_issue_baseline_lens(s));
  if (!s.issues.empty()) lenses.push_back(make_bargaining_lens(s, bargaining_draws));
  if (!s.games.empty()) lenses.push_back(make_game_lens(s));
  if (s.timeline.present) lenses.push_back(make_timeline_lens(s));
  return lenses;
}

}  // namespace statecraft::ensemble
