// The bargaining models as a lens: every draw it runs on, it runs Bueno de Mesquita's
// expected-utility model (Scholz, Calbert & Smith 2011), KTAB's spatial model of politics
// (deterministic mode) and the Nash bargaining solution on each issue with that draw's
// capabilities, positions and saliences ("issue.<id>.bdm", "issue.<id>.smp", "issue.<id>.nash").
// See docs/models/bargaining.md.

#include <atomic>
#include <chrono>

#include "statecraft/bargaining/models.hpp"
#include "statecraft/bargaining/scenario_issues.hpp"
#include "statecraft/ensemble/lens.hpp"

namespace statecraft::ensemble {
namespace {

// Adds the lifetime of the object to `total` (nanoseconds).
struct Timer {
  std::atomic<std::int64_t>& total;
  std::chrono::steady_clock::time_point t0 = std::chrono::steady_clock::now();
  ~Timer() {
    total += std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count();
  }
};

class BargainingLens final : public Lens {
 public:
  BargainingLens(const scenario::Scenario& s, std::size_t max_draws) : s_(s), max_draws_(max_draws) {}

  std::string name() const override { return "bargaining (bdm, smp, nash)"; }
  std::size_t max_draws() const override { return max_draws_; }

  std::vector<std::string> outputs() const override {
    std::vector<std::string> out;
    for (const auto& is : s_.issues) {
      out.push_back("issue." + is.id + ".bdm");
      out.push_back("issue." + is.id + ".smp");
      out.push_back("issue." + is.id + ".nash");
    }
    return out;
  }

  void evaluate(const std::vector<double>& v, std::uint64_t, std::uint64_t, double* out) const override {
    bargaining::ForecastOptions opt;
    opt.smp.parallel = false;  // the ensemble is already parallel over draws
    for (const auto& p : bargaining::scenario_problems(s_, v)) {
      {
        Timer t{ns_bdm_};
        *out++ = bargaining::forecast_outcome(p, bargaining::ModelKind::kBdm, 0, opt);
      }
      {
        Timer t{ns_smp_};
        *out++ = bargaining::forecast_outcome(p, bargaining::ModelKind::kSmp, 0, opt);
      }
      Timer t{ns_nash_};
      *out++ = bargaining::nash_bargaining_position(p, 0);
    }
  }

  std::vector<std::pair<std::string, double>> cost() const override {
    auto sec = [](const std::atomic<std::int64_t>& ns) { return static_cast<double>(ns.load()) * 1e-9; };
    return {{"bargaining: bdm", sec(ns_bdm_)}, {"bargaining: smp", sec(ns_smp_)}, {"bargaining: nash", sec(ns_nash_)}};
  }

 private:
  const scenario::Scenario& s_;
  std::size_t max_draws_;
  mutable std::atomic<std::int64_t> ns_bdm_{0}, ns_smp_{0}, ns_nash_{0};
};

}  // namespace

std::unique_ptr<Lens> make_bargaining_lens(const scenario::Scenario& s, std::size_t max_draws) {
  return std::make_unique<BargainingLens>(s, max_draws);
}

}  // namespace statecraft::ensemble
