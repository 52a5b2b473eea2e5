// Sobol' points (Boost.Random) with a random digital shift, and Saltelli's design on them.

#include "statecraft/sensitivity/design.hpp"

#include <fmt/format.h>

#include <boost/random/sobol.hpp>

#include "statecraft/error.hpp"
#include "statecraft/random.hpp"

namespace statecraft::sensitivity {
namespace {

// Stream of the digital shift, apart from every stream the models use.
constexpr std::uint32_t kShiftStream = static_cast<std::uint32_t>(StreamId::kUser) + 11;

}  // namespace

std::size_t sobol_max_dimension() { return boost::random::default_sobol_table::max_dimension; }

std::vector<double> sobol_points(std::size_t n, std::size_t dim, std::uint64_t seed) {
  if (dim == 0) throw UsageError("sobol_points: the dimension must be at least 1");
  if (dim > sobol_max_dimension())
    throw UsageError(fmt::format("Sobol' sequence: {} dimensions asked, the direction numbers go up to {}", dim,
                                 sobol_max_dimension()));
  std::vector<std::uint64_t> shift(dim);
  for (std::size_t c = 0; c < dim; ++c) shift[c] = RandomStream(seed, c, kShiftStream).next_u64();
  boost::random::sobol gen(dim);
  std::vector<double> u(n * dim);
  for (std::size_t i = 0; i < n * dim; ++i) {
    const std::uint64_t x = static_cast<std::uint64_t>(gen()) ^ shift[i % dim];
    u[i] = (static_cast<double>(x >> 11) + 0.5) * 0x1p-53;  // strictly inside (0, 1)
  }
  return u;
}

SaltelliDesign::SaltelliDesign(std::size_t rows, std::vector<std::size_t> group_of, std::uint64_t seed)
    : rows_(rows), group_of_(std::move(group_of)) {
  if (rows_ == 0) throw UsageError("Saltelli design: at least one row is needed");
  if (group_of_.empty()) throw UsageError("Saltelli design: no uncertain input to vary");
  for (std::size_t g : group_of_) groups_ = std::max(groups_, g + 1);
  std::vector<bool> used(groups_, false);
  for (std::size_t g : group_of_) used[g] = true;
  for (std::size_t g = 0; g < groups_; ++g)
    if (!used[g]) throw UsageError(fmt::format("Saltelli design: group {} holds no input", g));
  ab_ = sobol_points(rows_, 2 * group_of_.size(), seed);
}

void SaltelliDesign::point(std::size_t row, std::size_t p, double* u) const {
  const std::size_t k = group_of_.size();
  const double* a = ab_.data() + row * 2 * k;
  for (std::size_t i = 0; i < k; ++i) u[i] = from_b(p, i) ? a[k + i] : a[i];
}

}  // namespace statecraft::sensitivity
