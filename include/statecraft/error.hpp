#pragma once
/// @file error.hpp
/// The error types of statecraft. Bad input is an error (an exception carrying where, what was
/// found and what was expected); a model outcome such as "no pure equilibrium" is a result field,
/// never an exception. The CLI maps each error kind to a sysexits(3) exit code.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace statecraft {

/// sysexits(3) codes used by the command-line tool.
enum class ExitCode : int {
  kOk = 0,
  kUsage = 64,     ///< EX_USAGE: the command line was wrong
  kDataErr = 65,   ///< EX_DATAERR: the input data was wrong
  kNoInput = 66,   ///< EX_NOINPUT: an input file did not exist or was not readable
  kSoftware = 70,  ///< EX_SOFTWARE: an internal error (a bug in statecraft)
  kIoErr = 74,     ///< EX_IOERR: an error while reading or writing a file
};

/// `text` with control characters escaped (\n, \r, \t, \xNN, and \u for the C1 controls and
/// the Unicode line and paragraph separators), so that echoed input can never start a line of
/// its own in a message (a forged "file:line:" diagnostic).
std::string printable(std::string_view text);

/// A position in a text file, 1-based; line 0 means "unknown".
struct Location {
  std::string file;
  int line = 0;
  int column = 0;
  /// "file:line:col" (or "file" when the line is unknown), the file name printable().
  [[nodiscard]] std::string to_string() const;
};

/// One problem found in an input: where, which field, what was found, what was expected.
struct Diagnostic {
  Location where;
  std::string path;      ///< dotted path to the offending field, e.g. "parameters.p_war.dist"
  std::string found;     ///< what the input holds
  std::string expected;  ///< what would have been valid
  /// "FILE:LINE:COL: path: found X, expected Y", every part printable().
  [[nodiscard]] std::string to_string() const;
};

/// Base of every statecraft exception.
class Error : public std::runtime_error {
 public:
  Error(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  /// The exit code the CLI uses for this error.
  [[nodiscard]] ExitCode code() const noexcept { return code_; }

 private:
  ExitCode code_;
};

/// The command line or an API call was used wrongly (exit 64).
class UsageError : public Error {
 public:
  explicit UsageError(const std::string& message) : Error(ExitCode::kUsage, message) {}
};

/// A file could not be opened, read or written (exit 66 for a missing input, else 74).
class IoError : public Error {
 public:
  IoError(ExitCode code, const std::string& message) : Error(code, message) {}
};

/// A malformed file in a foreign format (.nfg, .efg, KTAB CSV ...), at one location (exit 65).
class FormatError : public Error {
 public:
  explicit FormatError(Diagnostic d) : Error(ExitCode::kDataErr, d.to_string()), diag_(std::move(d)) {}
  [[nodiscard]] const Diagnostic& diagnostic() const noexcept { return diag_; }

 private:
  Diagnostic diag_;
};

/// A scenario with one or more problems; carries all of them (exit 65).
class ScenarioError : public Error {
 public:
  explicit ScenarioError(std::vector<Diagnostic> problems);
  [[nodiscard]] const std::vector<Diagnostic>& problems() const noexcept { return problems_; }

 private:
  std::vector<Diagnostic> problems_;
};

/// An invariant of statecraft itself was broken (exit 70). Thrown by STATECRAFT_ASSERT.
class InternalError : public Error {
 public:
  explicit InternalError(const std::string& message) : Error(ExitCode::kSoftware, message) {}
};

}  // namespace statecraft

/// An assertion that stays on in every build type: a broken invariant is a bug, reported as
/// InternalError (exit 70) rather than undefined behaviour.
#define STATECRAFT_ASSERT(cond, msg)                                                                                \
  do {                                                                                                              \
    if (!(cond))                                                                                                    \
      throw ::statecraft::InternalError(std::string("internal error: ") + (msg) + " (" #cond ") at " __FILE__ ":" + \
                                        std::to_string(__LINE__));                                                  \
  } while (false)
