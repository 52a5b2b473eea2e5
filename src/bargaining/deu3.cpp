// DEU III reader and the validation of the bargaining models on real EU outcomes.

#include "statecraft/bargaining/deu3.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <mutex>
#include <sstream>

#include "core/parallel.hpp"
#include "statecraft/error.hpp"
#include "statecraft/io.hpp"
#include "text_input.hpp"

namespace statecraft::bargaining {

namespace {

struct Cell {
  std::string text;
  int column = 1;
};

std::vector<Cell> split_tsv(std::string_view line) {
  std::vector<Cell> out;
  std::size_t start = 0;
  while (true) {
    std::size_t end = line.find('\t', start);
    if (end == std::string_view::npos) end = line.size();
    std::string_view f = line.substr(start, end - start);
    Cell c;
    c.column = static_cast<int>(start) + 1;
    if (f.size() >= 2 && f.front() == '"' && f.back() == '"') f = f.substr(1, f.size() - 2);
    c.text = std::string(f);
    out.push_back(std::move(c));
    if (end >= line.size()) break;
    start = end + 1;
  }
  return out;
}

[[noreturn]] void fail(const std::string& file, int line, int col, std::string path, std::string found,
                       std::string expected) {
  Diagnostic d;
  d.where = Location{file, line, col};
  d.path = std::move(path);
  d.found = std::move(found);
  d.expected = std::move(expected);
  throw FormatError(std::move(d));
}

std::optional<double> number(const std::string& file, int line, const Cell& c, const std::string& path, double lo,
                             double hi) {
  if (c.text.empty() || c.text == "NA") return std::nullopt;
  double v = 0.0;
  auto r = std::from_chars(c.text.data(), c.text.data() + c.text.size(), v);
  if (r.ec != std::errc() || r.ptr != c.text.data() + c.text.size() || !std::isfinite(v) || v < lo || v > hi)
    fail(file, line, c.column, path, "'" + c.text.substr(0, 40) + "'",
         fmt::format("empty or a number in [{}, {}]", lo, hi));
  return v;
}

}  // namespace

std::vector<Deu3Issue> parse_deu3(std::string_view text, const std::string& file) {
  text = detail::strip_bom(text);
  detail::check_text(text, file);
  std::vector<std::string_view> lines;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(pos, end - pos);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    lines.push_back(l);
    pos = end + 1;
  }
  if (lines.empty()) fail(file, 1, 1, "header", "an empty file", "a tab-separated header row");
  const auto header = split_tsv(lines[0]);
  std::map<std::string, std::size_t> col;
  for (std::size_t k = 0; k < header.size(); ++k) col.emplace(header[k].text, k);
  for (const char* need : {"isnr", "rp", "out"})
    if (!col.count(need)) fail(file, 1, 1, "header", std::string("no column '") + need + "'", "DEU III columns");
  // Actors: every column p<x> with a matching s<x>.
  struct ActorCols {
    std::string name;
    std::size_t p, s;
  };
  std::vector<ActorCols> actors;
  for (std::size_t k = 0; k < header.size(); ++k) {
    const std::string& h = header[k].text;
    if (h.size() > 1 && h[0] == 'p') {
      auto it = col.find("s" + h.substr(1));
      if (it != col.end()) actors.push_back({h.substr(1), k, it->second});
    }
  }
  if (actors.empty()) fail(file, 1, 1, "header", "no p<actor>/s<actor> column pairs", "DEU III columns");
  if (actors.size() > kMaxActors)
    fail(file, 1, 1, "header", std::to_string(actors.size()) + " actors",
         "at most " + std::to_string(kMaxActors) + " actors");
  if (lines.size() < 2) fail(file, 2, 1, "capabilities", "end of file", "the capability (GDP) row");
  const auto caps_row = split_tsv(lines[1]);
  std::vector<double> caps(actors.size());
  for (std::size_t a = 0; a < actors.size(); ++a) {
    if (actors[a].p >= caps_row.size())
      fail(file, 2, 1, "capabilities", std::to_string(caps_row.size()) + " cells", "a capability per actor");
    auto v = number(file, 2, caps_row[actors[a].p], "capability." + actors[a].name, 0.0, 1e12);
    if (!v) fail(file, 2, caps_row[actors[a].p].column, "capability." + actors[a].name, "an empty cell", "a number");
    caps[a] = *v;
  }
  std::vector<Deu3Issue> issues;
  for (std::size_t ln = 2; ln < lines.size(); ++ln) {
    if (lines[ln].find_first_not_of(" \t") == std::string_view::npos) continue;
    const int line = static_cast<int>(ln) + 1;
    const auto cells = split_tsv(lines[ln]);
    if (cells.size() != header.size())
      fail(file, line, 1, "row", std::to_string(cells.size()) + " cells", std::to_string(header.size()) + " cells");
    Deu3Issue is;
    is.id = cells[col["isnr"]].text;
    is.line = line;
    is.outcome = number(file, line, cells[col["out"]], is.id + ".out", 0.0, 100.0);
    is.reference_point = number(file, line, cells[col["rp"]], is.id + ".rp", 0.0, 100.0);
    is.problem.name = is.id;
    if (is.reference_point) is.problem.status_quo = {*is.reference_point};
    is.problem.dimensions = {"position"};
    for (std::size_t a = 0; a < actors.size(); ++a) {
      auto x = number(file, line, cells[actors[a].p], is.id + ".p" + actors[a].name, 0.0, 100.0);
      auto s = number(file, line, cells[actors[a].s], is.id + ".s" + actors[a].name, 0.0, 100.0);
      if (!x) continue;
      Actor act;
      act.name = actors[a].name;
      act.capability = caps[a];
      act.position = {*x};
      act.salience = {s ? *s / 100.0 : 0.0};
      is.problem.actors.push_back(std::move(act));
    }
    issues.push_back(std::move(is));
  }
  return issues;
}

std::vector<Deu3Issue> read_deu3(const std::string& path) { return parse_deu3(read_input_file(path), path); }

namespace {

bool ktab_runs(const BargainingProblem& p) {
  // KTAB's SMP stops with an assertion when utilities cannot depend on risk attitudes, i.e. when
  // every position is at an end of the scale.
  for (const Actor& a : p.actors)
    if (a.position[0] != p.scale_min && a.position[0] != p.scale_max) return true;
  return false;
}

ValidationRow summarise(ModelKind m, std::vector<double> errs, int failed) {
  ValidationRow r;
  r.model = m;
  r.n = static_cast<int>(errs.size());
  r.failed = failed;
  if (errs.empty()) return r;
  double s = 0.0;
  for (double e : errs) s += e;
  r.mae = s / static_cast<double>(errs.size());
  std::sort(errs.begin(), errs.end());
  const std::size_t h = errs.size() / 2;
  r.median_ae = errs.size() % 2 ? errs[h] : 0.5 * (errs[h - 1] + errs[h]);
  return r;
}

}  // namespace

ValidationReport validate_models(const std::vector<Deu3Issue>& issues, const std::vector<ModelKind>& models,
                                 const ForecastOptions& options,
                                 const std::function<void(std::size_t, std::size_t)>& progress) {
  ValidationReport rep;
  rep.issues_in_file = static_cast<int>(issues.size());
  std::vector<const Deu3Issue*> used;
  for (const auto& is : issues)
    if (is.outcome && is.problem.actors.size() >= 3) used.push_back(&is);
  rep.issues_used = static_cast<int>(used.size());
  const std::size_t nm = models.size();
  // err[i * nm + m]: absolute error, NaN when the model rejected the issue.
  std::vector<double> err(used.size() * nm, std::nan(""));
  std::mutex progress_mutex;
  std::size_t done = 0;
  parallel::for_index(std::size_t{0}, used.size(), [&](std::size_t i) {
    for (std::size_t m = 0; m < nm; ++m) {
      try {
        const Forecast f = forecast(used[i]->problem, models[m], options);
        err[i * nm + m] = std::abs(f.outcome[0] - *used[i]->outcome);
      } catch (const ScenarioError&) {
        // degenerate issue for this model (e.g. no actor with salience): counted as failed
      }
    }
    if (progress) {
      const std::lock_guard<std::mutex> lock(progress_mutex);
      progress(++done, used.size());
    }
  });
  for (int subset = 0; subset < 2; ++subset) {
    for (std::size_t m = 0; m < nm; ++m) {
      std::vector<double> e;
      int failed = 0;
      for (std::size_t i = 0; i < used.size(); ++i) {
        if (subset == 1 && !ktab_runs(used[i]->problem)) continue;
        const double v = err[i * nm + m];
        if (std::isnan(v)) {
          ++failed;
        } else {
          e.push_back(v);
        }
      }
      (subset == 0 ? rep.all : rep.ktab_subset).push_back(summarise(models[m], std::move(e), failed));
    }
  }
  for (const auto* is : used)
    if (ktab_runs(is->problem)) ++rep.issues_ktab_subset;
  return rep;
}

std::string format_validation_markdown(const ValidationReport& r) {
  std::string s;
  s += fmt::format(
      "DEU III: {} issues in the file, {} with an outcome and at least 3 actors, {} of them "
      "not all-0/100 (the issues KTAB can run).\n\n",
      r.issues_in_file, r.issues_used, r.issues_ktab_subset);
  s += "| model | N | MAE | median AE | N (KTAB subset) | MAE (KTAB subset) | median AE (KTAB subset) |\n";
  s += "|---|---:|---:|---:|---:|---:|---:|\n";
  for (std::size_t m = 0; m < r.all.size(); ++m) {
    const auto& a = r.all[m];
    const auto& k = r.ktab_subset[m];
    s += fmt::format("| {} | {} | {:.2f} | {:.2f} | {} | {:.2f} | {:.2f} |\n", model_name(a.model), a.n, a.mae,
                     a.median_ae, k.n, k.mae, k.median_ae);
  }
  bool any_failed = false;
  for (const auto& a : r.all) any_failed = any_failed || a.failed > 0;
  if (any_failed) {
    s += "\nIssues rejected as degenerate: ";
    for (const auto& a : r.all) s += fmt::format("{} {}; ", model_name(a.model), a.failed);
    s += "\n";
  }
  return s;
}

}  // namespace statecraft::bargaining
