#pragma once
/// @file team.hpp
/// Processes that share one run's draws or design points (the ranks of an MPI job). Each member
/// computes a contiguous share of the blocks into tables that are zero elsewhere; the tables are
/// then merged by bitwise OR, so the merged tables hold exactly the numbers one process would
/// have computed, whatever the number of members. The MPI implementation lives in the services layer
/// (statecraft/services/processes.hpp); the ensemble only sees this interface.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <utility>

#include "statecraft/error.hpp"

namespace statecraft::ensemble {

class Team {
 public:
  virtual ~Team() = default;
  [[nodiscard]] virtual int rank() const = 0;
  [[nodiscard]] virtual int size() const = 0;
  /// Collective: ORs every member's `bytes` into rank 0's (each byte is written by one member and
  /// is zero on the others). Other members' buffers are left unspecified.
  virtual void merge(std::span<std::byte> bytes) = 0;
  /// Collective: as merge(), but every member ends with the merged bytes.
  virtual void merge_all(std::span<std::byte> bytes) = 0;
  /// Collective: sums every member's `xs` into rank 0's.
  virtual void sum(std::span<double> xs) = 0;
  /// Collective: the least of the members' values, on every member.
  [[nodiscard]] virtual std::uint64_t min(std::uint64_t x) = 0;
  /// Called by every member but the one whose error ends the run, which stops the whole job
  /// (MPI_Abort) when its error reaches main(): waits for that.
  [[noreturn]] virtual void await_abort() = 0;
};

/// The draw blocks [first, last) that member `rank` of `size` computes out of `blocks`.
struct BlockShare {
  std::size_t first = 0, last = 0;
};
BlockShare block_share(std::size_t blocks, int rank, int size);

/// Throws the error of the first failing item (draw or design point), as one process would:
/// alone (team == nullptr) the one in `first`; in a team, the member that holds the least failing
/// item throws it and the others wait for it to stop the job. Returns when nothing failed anywhere.
void settle_errors(Team* team, std::optional<std::pair<std::size_t, ScenarioError>>& first);

}  // namespace statecraft::ensemble
