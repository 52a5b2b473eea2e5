// Sobol' indices against the analytic values of the Ishigami function and Sobol's g-function.

#include "statecraft/sensitivity/indices.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <numbers>

#include "statecraft/error.hpp"
#include "statecraft/sensitivity/design.hpp"

using namespace statecraft;
using namespace statecraft::sensitivity;

namespace {

using Model = std::function<double(const std::vector<double>&)>;

/// Runs `f` on every point of a Saltelli design and estimates the groups' indices.
Indices run(const Model& f, std::vector<std::size_t> group_of, std::size_t rows, std::uint64_t seed) {
  const SaltelliDesign design(rows, std::move(group_of), seed);
  std::vector<double> u(design.inputs()), y;
  for (std::size_t r = 0; r < design.rows(); ++r)
    for (std::size_t p = 0; p < design.points_per_row(); ++p) {
      design.point(r, p, u.data());
      y.push_back(f(u));
    }
  return estimate_indices(design.groups(), y, Bootstrap{300, 0.95, seed});
}

// Ishigami & Homma (1990) with a = 7, b = 0.1 on x_i ~ U(-pi, pi).
constexpr double kA = 7, kB = 0.1;
double ishigami(const std::vector<double>& u) {
  const double pi = std::numbers::pi;
  const double x1 = -pi + 2 * pi * u[0], x2 = -pi + 2 * pi * u[1], x3 = -pi + 2 * pi * u[2];
  return std::sin(x1) + kA * std::sin(x2) * std::sin(x2) + kB * std::pow(x3, 4) * std::sin(x1);
}
struct IshigamiTruth {
  double v, v1, v2, v13;
};
IshigamiTruth ishigami_truth() {
  const double pi4 = std::pow(std::numbers::pi, 4), pi8 = pi4 * pi4;
  const double v1 = 0.5 * std::pow(1 + kB * pi4 / 5, 2), v2 = kA * kA / 8;
  const double v13 = kB * kB * pi8 * (1.0 / 18 - 1.0 / 50);
  return {v1 + v2 + v13, v1, v2, v13};
}

// Sobol's g-function on U(0, 1)^d: prod (|4u - 2| + a_i) / (1 + a_i); V_i = 1 / (3 (1 + a_i)^2).
const std::vector<double> kG = {0, 1, 4.5, 9, 99, 99, 99, 99};
double g_function(const std::vector<double>& u) {
  double y = 1;
  for (std::size_t i = 0; i < kG.size(); ++i) y *= (std::abs(4 * u[i] - 2) + kG[i]) / (1 + kG[i]);
  return y;
}
double g_partial(std::size_t i) { return 1.0 / (3 * (1 + kG[i]) * (1 + kG[i])); }
double g_variance() {
  double p = 1;
  for (std::size_t i = 0; i < kG.size(); ++i) p *= 1 + g_partial(i);
  return p - 1;
}

void expect_within(const Interval& i, double truth, const char* what) {
  EXPECT_LE(i.low, truth) << what << ": estimate " << i.estimate << " [" << i.low << ", " << i.high << "]";
  EXPECT_GE(i.high, truth) << what << ": estimate " << i.estimate << " [" << i.low << ", " << i.high << "]";
  EXPECT_LT(i.high - i.low, 0.1) << what;  // an interval too wide to fail is no test
}

TEST(SobolIndices, IshigamiWithinIntervals) {
  const auto t = ishigami_truth();
  const Indices ix = run(ishigami, {0, 1, 2}, 8192, 7);
  ASSERT_EQ(ix.groups.size(), 3u);
  EXPECT_NEAR(ix.variance, t.v, 0.05 * t.v);
  expect_within(ix.groups[0].first, t.v1 / t.v, "S1");
  expect_within(ix.groups[1].first, t.v2 / t.v, "S2");
  expect_within(ix.groups[2].first, 0.0, "S3");
  expect_within(ix.groups[0].total, (t.v1 + t.v13) / t.v, "ST1");
  expect_within(ix.groups[1].total, t.v2 / t.v, "ST2");
  expect_within(ix.groups[2].total, t.v13 / t.v, "ST3");
}

TEST(SobolIndices, GFunctionWithinIntervals) {
  const Indices ix = run(g_function, {0, 1, 2, 3, 4, 5, 6, 7}, 8192, 11);
  const double v = g_variance();
  for (std::size_t i = 0; i < kG.size(); ++i) {
    const double others = (g_variance() + 1) / (1 + g_partial(i));
    expect_within(ix.groups[i].first, g_partial(i) / v, "S_i");
    expect_within(ix.groups[i].total, g_partial(i) * others / v, "ST_i");
  }
}

TEST(SobolIndices, GroupIndexIsTheClosedIndex) {
  // Ishigami with {x1, x3} as one factor: its first-order index is (V1 + V13) / V = 1 - S2, and
  // its total index too (x2 does not interact).
  const auto t = ishigami_truth();
  const Indices ix = run(ishigami, {0, 1, 0}, 8192, 5);
  ASSERT_EQ(ix.groups.size(), 2u);
  expect_within(ix.groups[0].first, 1 - t.v2 / t.v, "S{1,3}");
  expect_within(ix.groups[0].total, 1 - t.v2 / t.v, "ST{1,3}");
  expect_within(ix.groups[1].first, t.v2 / t.v, "S2");
  // The g-function's closed index of {x1, x2}: ((1 + V1)(1 + V2) - 1) / V.
  const Indices gx = run(g_function, {0, 0, 1, 1, 1, 1, 1, 1}, 8192, 5);
  expect_within(gx.groups[0].first, ((1 + g_partial(0)) * (1 + g_partial(1)) - 1) / g_variance(), "S{1,2}");
}

TEST(SobolIndices, DeterministicForASeed) {
  const Indices a = run(ishigami, {0, 1, 2}, 512, 3), b = run(ishigami, {0, 1, 2}, 512, 3);
  const Indices c = run(ishigami, {0, 1, 2}, 512, 4);
  for (std::size_t g = 0; g < 3; ++g) {
    EXPECT_EQ(a.groups[g].first.estimate, b.groups[g].first.estimate);
    EXPECT_EQ(a.groups[g].first.low, b.groups[g].first.low);
    EXPECT_EQ(a.groups[g].total.high, b.groups[g].total.high);
  }
  EXPECT_NE(a.groups[0].first.estimate, c.groups[0].first.estimate);
}

TEST(SobolIndices, ConstantOutputHasNothingToApportion) {
  const Indices ix = run([](const std::vector<double>&) { return 2.0; }, {0, 1}, 64, 1);
  EXPECT_TRUE(ix.constant);
  EXPECT_EQ(ix.groups[0].first.estimate, 0.0);
  EXPECT_EQ(ix.groups[1].total.high, 0.0);
}

TEST(SobolIndices, BadInputsAreUsageErrors) {
  EXPECT_THROW(SaltelliDesign(8, {0, 2}, 1), UsageError);  // group 1 empty
  EXPECT_THROW(SaltelliDesign(0, {0}, 1), UsageError);
  EXPECT_THROW(sobol_points(4, sobol_max_dimension() + 1, 1), UsageError);
  EXPECT_THROW(estimate_indices(1, {1, 2, 3, 4, 5}, {}), UsageError);  // not whole rows
  EXPECT_THROW(estimate_indices(1, {1, 2, 3, std::nan(""), 5, 6}, {}), UsageError);
}

TEST(SobolPoints, StrictlyInsideTheUnitCubeAndEvenlySpread) {
  const auto u = sobol_points(1024, 4, 9);
  double sum = 0;
  for (double x : u) {
    ASSERT_GT(x, 0.0);
    ASSERT_LT(x, 1.0);
    sum += x;
  }
  EXPECT_NEAR(sum / static_cast<double>(u.size()), 0.5, 1e-3);  // a net: far closer than random
}

}  // namespace
