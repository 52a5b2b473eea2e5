#pragma once
/// @file processes.hpp
/// The processes one run is spread over. Started by `mpirun -np N` (or srun) with statecraft
/// built with MPI (CMake option STATECRAFT_WITH_MPI), the run is one of N ranks: a forecast's
/// draw blocks are split across the ranks (each with its threads), merged on rank 0, and only
/// rank 0 writes the outputs. Started any other way, the run is this process alone.

#include "statecraft/ensemble/team.hpp"

namespace statecraft::services {

class Processes {
 public:
  /// Joins the MPI job when the program was started by an MPI launcher (and MPI is built in);
  /// otherwise the run is this process alone. One per program, made first in main().
  Processes(int& argc, char**& argv);
  ~Processes();  ///< leaves the MPI job (MPI_Finalize)
  Processes(const Processes&) = delete;
  Processes& operator=(const Processes&) = delete;

  /// This process's rank and the number of processes (0 and 1 when alone).
  static int rank();
  static int size();
  /// Whether this process writes the outputs and prints the report: rank 0.
  static bool writes_outputs() { return rank() == 0; }
  /// The team the forecast shares its draws with, or nullptr when alone.
  static ensemble::Team* team();
  /// Ends a run that failed on this process with exit `code`, after main() printed why: in a
  /// job of several processes, says which rank failed and stops them all (MPI_Abort with
  /// `code`); alone, returns `code`.
  int fail(int code);
};

}  // namespace statecraft::services
