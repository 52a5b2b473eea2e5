#pragma once
/// @file deu3.hpp
/// DEU III ("Decision-making in the European Union", Arregui & Perarnaud 2021) as prepared in
/// blksv/predictioneers_game: one row per issue with positions and saliences of the Commission,
/// Parliament and member states, the reference point and the actual outcome. Used to validate
/// the bargaining models against real outcomes.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "statecraft/bargaining/models.hpp"

namespace statecraft::bargaining {

/// One DEU III issue as a one-dimensional bargaining problem on 0-100.
struct Deu3Issue {
  std::string id;                         ///< issue id (column "isnr"), e.g. "d00032i1"
  int line = 0;                           ///< line in the file
  BargainingProblem problem;              ///< actors with a stated position; capability = GDP row
  std::optional<double> outcome;          ///< the actual outcome ("out"), when recorded
  std::optional<double> reference_point;  ///< the status quo ("rp"), when recorded
};

/// Parses the DEU III table (tab-separated, quoted header, row 2 = capabilities). An actor takes
/// part in an issue when its position is recorded; a missing salience counts as 0.
/// @throws FormatError with file:line:col on malformed rows.
[[nodiscard]] std::vector<Deu3Issue> parse_deu3(std::string_view text, const std::string& file);

/// Reads and parses a DEU III file. @throws IoError, FormatError.
[[nodiscard]] std::vector<Deu3Issue> read_deu3(const std::string& path);

/// Accuracy of one model on a set of issues.
struct ValidationRow {
  ModelKind model = ModelKind::kMean;
  int n = 0;               ///< issues forecast
  int failed = 0;          ///< issues the model rejected (degenerate input)
  double mae = 0.0;        ///< mean absolute error (0-100 scale)
  double median_ae = 0.0;  ///< median absolute error
};

/// The validation table: every model on every issue with an outcome and >= 3 actors, and again
/// on the subset KTAB can run (not every position at 0 or 100).
struct ValidationReport {
  int issues_in_file = 0;
  int issues_used = 0;         ///< with an outcome and at least 3 actors
  int issues_ktab_subset = 0;  ///< of those, not all positions in {0, 100}
  std::vector<ValidationRow> all;
  std::vector<ValidationRow> ktab_subset;
};

/// Runs `models` on the issues (in parallel over issues; results do not depend on threads).
/// `progress`, when given, is called with (issues done, issues to run) after each issue, one
/// call at a time.
[[nodiscard]] ValidationReport validate_models(const std::vector<Deu3Issue>& issues,
                                               const std::vector<ModelKind>& models,
                                               const ForecastOptions& options = {},
                                               const std::function<void(std::size_t, std::size_t)>& progress = {});

/// A Markdown table of the report (the one in docs/models/bargaining.md).
[[nodiscard]] std::string format_validation_markdown(const ValidationReport& report);

}  // namespace statecraft::bargaining
