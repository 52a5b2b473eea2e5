#pragma once
/// @file io.hpp
/// File input and output: whole-file reads with clear errors, output files written so that a
/// reader never sees a half-written one and a failed run leaves none behind, and SHA-256.
///
/// How an output path is written (the same rules for write_file_atomic and OutputSet):
/// - a regular file or a new path: atomically, a temporary file next to the target, fsync,
///   rename over the target. A replaced file keeps its permission bits (and, when the process
///   may, its owner and group); a new file gets 0666 less the umask. A replaced file that had
///   other hard links is detached from them (they keep the old content);
/// - a symbolic link is followed: the file it points to (at the end of the chain) is written as
///   above and the link itself is kept; a dangling link creates the file it names;
/// - a character device or a FIFO: written through (open, write, close; no rename), so the
///   node stays what it was. A FIFO without a reader blocks, as the shell's `>` does;
/// - "-": written to standard output, flushed and checked;
/// - a read-only regular file is refused (IoError, exit 74), never replaced, even by root;
///   so are directories, sockets and block devices, and paths whose directory is missing
///   or not writable.

#include <string>
#include <string_view>
#include <vector>

namespace statecraft {

namespace detail {
struct StagedOutput;  ///< one output of an OutputSet (defined in src/core/output_set.cpp)
}  // namespace detail

/// Reads a whole file. @throws IoError (exit 66 when missing or unreadable, 74 on read errors).
std::string read_file(const std::string& path);

/// Writes one output `path` by the rules above. @throws IoError (exit 74).
void write_file_atomic(const std::string& path, std::string_view content);

/// The outputs of one command, written all or nothing.
///
/// The constructor checks every output before any work starts: its directory exists and is
/// writable, it is not read-only, not a directory, and it is neither one of `inputs` nor
/// another output of the set (the same file, by device and inode, also through links).
/// Each output's content is then staged: a regular target as a temporary file next to it,
/// written and fsync'ed, a device, FIFO or "-" in memory. commit() writes the pass-through
/// outputs, then renames every temporary file over its target. A failure while staging or
/// while writing a pass-through output leaves no file output and no temporary file behind (the
/// destructor removes what is left); only a rename failing after the pass-through writes or an
/// earlier rename succeeded (rare: the directory was checked, the file is already written)
/// can leave part of the set.
class OutputSet {
 public:
  /// Empty strings in `outputs` (options not given) and in `inputs` are ignored.
  /// @throws UsageError (exit 64) when an output is an input or two outputs are one file;
  /// IoError (exit 74) when an output cannot be written.
  OutputSet(const std::vector<std::string>& outputs, const std::vector<std::string>& inputs);
  ~OutputSet();
  OutputSet(const OutputSet&) = delete;
  OutputSet& operator=(const OutputSet&) = delete;

  /// Stages the content of output `path` (one given to the constructor). @throws IoError (74).
  void put(const std::string& path, std::string_view content);

  /// A temporary file for writers that take a path (e.g. a PNG encoder): whatever is in it at
  /// commit() becomes output `path`. The same path is returned on every call.
  std::string staging_path(const std::string& path);

  /// Writes every staged output. @throws IoError (74).
  void commit();

 private:
  detail::StagedOutput& find(const std::string& path);
  std::vector<detail::StagedOutput> outputs_;
};

/// Lower-case hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);

}  // namespace statecraft
