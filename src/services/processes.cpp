// The processes of a run: an MPI job when started by an MPI launcher (and built with MPI),
// this process alone otherwise. The MPI team merges the tables of a forecast (on rank 0, with
// MPI_Reduce) or of a sensitivity design (on every rank, with MPI_Allreduce) by MPI_BOR: every
// slot is written by one rank and is zero on the others, so the OR is exact and does not depend
// on the order of the ranks.

#include "statecraft/services/processes.hpp"

#include <cstdio>
#include <cstdlib>

#if STATECRAFT_WITH_MPI
#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <thread>
#endif

namespace statecraft::services {
namespace {

#if STATECRAFT_WITH_MPI

bool started_by_mpi_launcher() {
  for (const char* var : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"})
    if (std::getenv(var) != nullptr) return true;
  return false;
}

class MpiTeam final : public ensemble::Team {
 public:
  MpiTeam() {
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
  }
  [[nodiscard]] int rank() const override { return rank_; }
  [[nodiscard]] int size() const override { return size_; }

  void merge(std::span<std::byte> bytes) override { or_pieces(bytes, false); }
  void merge_all(std::span<std::byte> bytes) override { or_pieces(bytes, true); }

  void sum(std::span<double> xs) override {
    void* send = rank_ == 0 ? MPI_IN_PLACE : xs.data();
    MPI_Reduce(send, xs.data(), static_cast<int>(xs.size()), MPI_DOUBLE, MPI_SUM, 0, MPI_COMM_WORLD);
  }

  [[nodiscard]] std::uint64_t min(std::uint64_t x) override {
    // The first collective after the draws: a rank that finished its share early waits here
    // for the others. Polled with a nap so that it leaves its core to them (Open MPI's blocking
    // calls spin, which on a shared or oversubscribed machine slows the ranks still working).
    std::uint64_t least = 0;
    MPI_Request request = MPI_REQUEST_NULL;
    MPI_Iallreduce(&x, &least, 1, MPI_UINT64_T, MPI_MIN, MPI_COMM_WORLD, &request);
    for (int done = 0;;) {
      MPI_Test(&request, &done, MPI_STATUS_IGNORE);
      if (done != 0) return least;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }

  [[noreturn]] void await_abort() override {
    // The failing rank never joins this barrier: its MPI_Abort ends the wait with the job.
    MPI_Barrier(MPI_COMM_WORLD);
    MPI_Abort(MPI_COMM_WORLD, 70);
    std::abort();
  }

 private:
  // 64-bit words for the bulk, bytes for the tail; pieces below MPI's int counts. Onto rank 0
  // (MPI_Reduce), or onto every rank (MPI_Allreduce).
  void or_pieces(std::span<std::byte> bytes, bool everyone) const {
    constexpr std::size_t kPiece = std::size_t{1} << 27;
    const std::size_t words = bytes.size() / 8;
    for (std::size_t w = 0; w < words; w += kPiece)
      reduce_or(bytes.data() + w * 8, static_cast<int>(std::min(kPiece, words - w)), MPI_UINT64_T, everyone);
    if (bytes.size() % 8 != 0)
      reduce_or(bytes.data() + words * 8, static_cast<int>(bytes.size() % 8), MPI_BYTE, everyone);
  }

  void reduce_or(std::byte* data, int count, MPI_Datatype type, bool everyone) const {
    if (everyone) {
      MPI_Allreduce(MPI_IN_PLACE, data, count, type, MPI_BOR, MPI_COMM_WORLD);
      return;
    }
    void* send = rank_ == 0 ? MPI_IN_PLACE : data;
    MPI_Reduce(send, data, count, type, MPI_BOR, 0, MPI_COMM_WORLD);
  }

  int rank_ = 0, size_ = 1;
};

std::unique_ptr<MpiTeam> g_team;

#endif

}  // namespace

#if STATECRAFT_WITH_MPI

Processes::Processes(int& argc, char**& argv) {
  if (!started_by_mpi_launcher()) return;
  int provided = 0;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);  // MPI calls from the main thread only
  g_team = std::make_unique<MpiTeam>();
}

Processes::~Processes() {
  if (!g_team) return;
  g_team.reset();
  MPI_Finalize();
}

int Processes::rank() { return g_team ? g_team->rank() : 0; }
int Processes::size() { return g_team ? g_team->size() : 1; }
ensemble::Team* Processes::team() { return g_team && g_team->size() > 1 ? g_team.get() : nullptr; }

int Processes::fail(int code) {
  if (size() <= 1) return code;
  std::fprintf(stderr, "statecraft: rank %d of %d failed (exit code %d); stopping every rank\n", rank(), size(), code);
  std::fflush(stderr);
  MPI_Abort(MPI_COMM_WORLD, code);
  return code;
}

#else

Processes::Processes(int& /*argc*/, char**& /*argv*/) {}
Processes::~Processes() = default;
int Processes::rank() { return 0; }
int Processes::size() { return 1; }
ensemble::Team* Processes::team() { return nullptr; }
int Processes::fail(int code) { return code; }

#endif

}  // namespace statecraft::services
