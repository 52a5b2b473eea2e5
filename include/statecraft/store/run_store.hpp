#pragma once
/// @file run_store.hpp
/// A store of forecast runs in one SQLite file (docs/run-store.md gives the schema): each run's
/// provenance, scenario text, settings, every draw's parameter values, outputs and answers, and
/// once finished its question results, issue summaries and timeline quantiles. Draws are written
/// in chunks, each in its own transaction (WAL journal), so a run killed half way leaves a
/// consistent store, and resuming it computes only the chunks that are missing.

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "statecraft/ensemble/forecast.hpp"
#include "statecraft/error.hpp"
#include "statecraft/scenario/scenario.hpp"

namespace statecraft::store {

/// SQLite failed while reading or writing the store (exit 74).
class StoreError : public Error {
 public:
  explicit StoreError(const std::string& message) : Error(ExitCode::kIoErr, message) {}
};

/// The file exists but is not a statecraft run store, or one of a newer format (exit 65).
class NotAStoreError : public Error {
 public:
  explicit NotAStoreError(const std::string& message) : Error(ExitCode::kDataErr, message) {}
};

/// No run with that id, or no unfinished run to resume (exit 66).
class NoSuchRunError : public Error {
 public:
  explicit NoSuchRunError(const std::string& message) : Error(ExitCode::kNoInput, message) {}
};

/// A resume whose scenario or settings differ from the stored run's (exit 64).
class ResumeMismatchError : public Error {
 public:
  explicit ResumeMismatchError(const std::string& message) : Error(ExitCode::kUsage, message) {}
};

/// What decides a run's numbers (the thread count does not).
struct RunSpec {
  std::string scenario_file;           ///< as named on the command line ("" for the embedded scenario)
  std::string scenario_text;           ///< the scenario's bytes
  std::string scenario_sha256;         ///< of scenario_text
  std::string scenario_name;           ///< meta.name
  std::string variant;                 ///< "" for the baseline
  std::vector<std::string> overrides;  ///< --set NAME=VALUE, in order
  std::uint64_t seed = 0;
  std::size_t draws = 0;
  std::size_t bargaining_draws = 0;
};

/// A run as listed by `statecraft runs list`.
struct RunInfo {
  std::int64_t id = 0;
  std::string created;  ///< UTC, ISO 8601
  std::string status;   ///< "running" (unfinished) or "complete"
  RunSpec spec;         ///< scenario_text left empty in listings
  std::string version, git_commit;
  std::size_t chunks_done = 0, chunks_total = 0;
};

/// One question's result in a run.
struct QuestionRow {
  std::string id, text, date, words;
  bool modelled = false;
  std::size_t yes = 0, draws = 0;
  double probability = 0, wilson_low = 0, wilson_high = 0;
};

/// A table exported from the store: column names and rows of cells (null, integer, real or text).
struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<nlohmann::ordered_json>> rows;
};

class Connection;

/// An open run store.
class RunStore {
 public:
  /// Opens an existing store. @throws IoError (66) if the file is missing, NotAStoreError.
  static RunStore open(const std::string& path);
  /// Opens a store, creating the file and its schema if missing. @throws NotAStoreError, StoreError.
  static RunStore open_or_create(const std::string& path);
  RunStore(RunStore&&) noexcept;
  RunStore& operator=(RunStore&&) noexcept;
  ~RunStore();

  /// Every run, oldest first.
  [[nodiscard]] std::vector<RunInfo> runs();
  /// One run, its scenario text included. @throws NoSuchRunError.
  [[nodiscard]] RunInfo run(std::int64_t id);
  /// The newest unfinished run, if any.
  [[nodiscard]] std::optional<std::int64_t> latest_unfinished();

  /// Records a new run (status "running") and returns its id.
  std::int64_t begin_run(const RunSpec& spec, const nlohmann::ordered_json& provenance);
  /// A sink that writes the run's draws chunk by chunk and restores the chunks it holds.
  /// `s` is the scenario the run forecasts (its parameters name the stored values).
  std::unique_ptr<ensemble::DrawSink> sink(std::int64_t run, const scenario::Scenario& s);
  /// Stores the summaries and the JSON report of a finished run and marks it complete.
  void finish_run(std::int64_t run, const ensemble::ForecastResult& result, const std::string& json);

  /// The questions of a finished run, in the scenario's order. @throws NoSuchRunError.
  [[nodiscard]] std::vector<QuestionRow> questions(std::int64_t run);
  /// Per draw, the answer to question `question` (its index in the scenario): 1 yes, 0 no, -1
  /// not answered or not stored. @throws NoSuchRunError.
  [[nodiscard]] std::vector<signed char> answers(std::int64_t run, std::size_t question);
  /// The JSON report of a finished run ("" while unfinished). @throws NoSuchRunError.
  [[nodiscard]] std::string result_json(std::int64_t run);
  /// A table of a run for export: "questions", "question_months", "issues", "timeline",
  /// "parameters" (one row per draw, one column per parameter) or "answers" (one row per draw).
  /// @throws UsageError for another name, NoSuchRunError.
  [[nodiscard]] Table table(std::int64_t run, const std::string& name);

  [[nodiscard]] const std::string& path() const;

 private:
  explicit RunStore(std::unique_ptr<Connection> c);
  std::unique_ptr<Connection> c_;
};

/// The names accepted by RunStore::table.
const std::vector<std::string>& table_names();

}  // namespace statecraft::store
