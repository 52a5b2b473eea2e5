#pragma once
/// @file problem.hpp
/// The input of every bargaining model: actors with a capability, a position and a salience on
/// each dimension of an issue. Plain structs, so that callers (the KTAB CSV reader, the DEU III
/// reader, the scenario layer for each Monte Carlo draw) can build problems directly.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace statecraft::bargaining {

/// One stakeholder.
struct Actor {
  std::string name;              ///< unique label, e.g. "DE"
  std::string description;       ///< free text
  double capability = 0.0;       ///< power/influence, >= 0 (any unit; only ratios matter)
  std::vector<double> position;  ///< one entry per dimension, inside [scale_min, scale_max]
  std::vector<double> salience;  ///< one entry per dimension in [0, 1]; sum over dimensions <= 1
};

/// A multi-actor issue with one or more policy dimensions.
struct BargainingProblem {
  std::string name;                     ///< scenario or issue name
  std::string description;              ///< free text
  std::vector<std::string> dimensions;  ///< one name per dimension (size = number of dimensions)
  std::vector<Actor> actors;            ///< at least one actor
  double scale_min = 0.0;               ///< lower end of the position scale (same on every dimension)
  double scale_max = 100.0;             ///< upper end of the position scale
  /// The status quo (reference point), one value per dimension inside the scale, or empty when
  /// the issue has none. Used by BDM's status-quo utility (docs/models/bargaining.md).
  std::vector<double> status_quo;
};

/// Largest total capability the models can compute with: they sum capabilities times utility
/// differences (up to 2), which must stay below the largest double. Only ratios matter.
inline constexpr double kMaxTotalCapability = 1e300;

/// Largest number of actors a problem may have: the SMP's and BDM's cost grows with the cube of
/// the actors (see docs/models/bargaining.md, "Limits").
inline constexpr std::size_t kMaxActors = 500;

/// Largest number of dimensions (BDM runs once per dimension; KTAB's examples have up to 6).
inline constexpr std::size_t kMaxDimensions = 32;

/// Largest KTAB CSV or DEU III file the readers accept (bytes).
inline constexpr std::size_t kMaxInputBytes = std::size_t{16} << 20;

/// Checks a problem and collects every problem found: at least one actor and one dimension, sizes
/// consistent, all numbers finite, capabilities >= 0 with a positive total <= kMaxTotalCapability,
/// positions inside the scale, saliences in [0, 1] with a total per actor <= 1,
/// scale_min < scale_max, at most kMaxActors actors, a status quo (if any) inside the scale.
/// @throws ScenarioError listing every defect (path like "actors[2].salience[0]").
void validate(const BargainingProblem& problem);

/// Number of dimensions of a (validated) problem.
[[nodiscard]] inline std::size_t num_dimensions(const BargainingProblem& p) { return p.dimensions.size(); }

/// Parses a KTAB SMP scenario in CSV form (line 1: name,description,nActors,nDims; line 2:
/// headers; one row per actor: Name,Desc,Power,Pos1,Sal1,...; positions and saliences on 0-100).
/// Saliences are divided by 100. Unlike KTAB, one or two actors are accepted. A UTF-8 byte order
/// mark is skipped; the text must be UTF-8 of at most kMaxInputBytes, with at most kMaxActors
/// actors, kMaxDimensions dimensions and a total power of at most kMaxTotalCapability.
/// @param text the file contents; @param file the name used in error locations.
/// @throws FormatError with file:line:col, what was found and what was expected.
[[nodiscard]] BargainingProblem parse_ktab_csv(std::string_view text, const std::string& file);

/// Reads a KTAB CSV or DEU III file, refusing files larger than kMaxInputBytes before reading
/// them. @throws IoError, FormatError (file:1:1).
[[nodiscard]] std::string read_input_file(const std::string& path);

/// Reads and parses a KTAB CSV file. @throws IoError, FormatError.
[[nodiscard]] BargainingProblem read_ktab_csv(const std::string& path);

}  // namespace statecraft::bargaining
