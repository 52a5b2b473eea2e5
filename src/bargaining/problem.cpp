// Validation of bargaining problems and the KTAB CSV reader.
//
// KTAB's reader (examples/smp/libsrc/smpread.cpp) asserts on bad input; here every defect is a
// FormatError located at file:line:column, and degenerate problems are ScenarioErrors.

#include "statecraft/bargaining/problem.hpp"

#include <charconv>
#include <cmath>
#include <string>
#include <string_view>

#include "statecraft/error.hpp"
#include "statecraft/io.hpp"
#include "text_input.hpp"

namespace statecraft::bargaining {

namespace {

std::string fmt_double(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

Diagnostic problem_diag(const BargainingProblem& p, std::string path, std::string found, std::string expected) {
  Diagnostic d;
  d.where.file = p.name.empty() ? "<bargaining problem>" : p.name;
  d.path = std::move(path);
  d.found = std::move(found);
  d.expected = std::move(expected);
  return d;
}

}  // namespace

void validate(const BargainingProblem& p) {
  std::vector<Diagnostic> out;
  auto add = [&](std::string path, std::string found, std::string expected) {
    out.push_back(problem_diag(p, std::move(path), std::move(found), std::move(expected)));
  };
  const std::size_t nd = p.dimensions.size();
  if (nd == 0) add("dimensions", "none", "at least one dimension");
  if (nd > kMaxDimensions)
    add("dimensions", std::to_string(nd), "at most " + std::to_string(kMaxDimensions) + " dimensions");
  if (p.actors.empty()) add("actors", "none", "at least one actor");
  if (p.actors.size() > kMaxActors)
    add("actors", std::to_string(p.actors.size()) + " actors",
        "at most " + std::to_string(kMaxActors) + " actors (the SMP's and BDM's cost grows with their cube)");
  if (!std::isfinite(p.scale_min) || !std::isfinite(p.scale_max) || !(p.scale_min < p.scale_max))
    add("scale", "[" + fmt_double(p.scale_min) + ", " + fmt_double(p.scale_max) + "]", "finite scale_min < scale_max");
  if (!p.status_quo.empty() && p.status_quo.size() != nd)
    add("status_quo", std::to_string(p.status_quo.size()) + " values",
        "none or " + std::to_string(nd) + " (one per dimension)");
  for (std::size_t k = 0; k < p.status_quo.size(); ++k) {
    const double x = p.status_quo[k];
    if (!std::isfinite(x) || x < p.scale_min || x > p.scale_max)
      add("status_quo[" + std::to_string(k) + "]", fmt_double(x),
          "a number in [" + fmt_double(p.scale_min) + ", " + fmt_double(p.scale_max) + "]");
  }
  double total_cap = 0.0;
  std::vector<double> dim_weight(nd, 0.0);
  for (std::size_t i = 0; i < p.actors.size(); ++i) {
    const Actor& a = p.actors[i];
    const std::string base = "actors[" + std::to_string(i) + "]";
    if (!std::isfinite(a.capability) || a.capability < 0.0) {
      add(base + ".capability", fmt_double(a.capability), "a finite number >= 0");
    } else {
      total_cap += a.capability;
    }
    if (a.position.size() != nd)
      add(base + ".position", std::to_string(a.position.size()) + " values",
          std::to_string(nd) + " (one per dimension)");
    if (a.salience.size() != nd)
      add(base + ".salience", std::to_string(a.salience.size()) + " values",
          std::to_string(nd) + " (one per dimension)");
    for (std::size_t k = 0; k < a.position.size(); ++k) {
      const double x = a.position[k];
      if (!std::isfinite(x) || x < p.scale_min || x > p.scale_max)
        add(base + ".position[" + std::to_string(k) + "]", fmt_double(x),
            "a number in [" + fmt_double(p.scale_min) + ", " + fmt_double(p.scale_max) + "]");
    }
    double ssum = 0.0;
    bool sal_ok = true;
    for (std::size_t k = 0; k < a.salience.size(); ++k) {
      const double s = a.salience[k];
      if (!std::isfinite(s) || s < 0.0 || s > 1.0) {
        add(base + ".salience[" + std::to_string(k) + "]", fmt_double(s), "a number in [0, 1]");
        sal_ok = false;
      } else {
        ssum += s;
        if (k < nd && std::isfinite(a.capability) && a.capability >= 0.0) dim_weight[k] += s * a.capability;
      }
    }
    if (sal_ok && ssum > 1.0 + 1e-9)
      add(base + ".salience", "total " + fmt_double(ssum), "saliences summing to at most 1");
  }
  if (!p.actors.empty() && !(total_cap > 0.0 && total_cap <= kMaxTotalCapability))
    add("actors[*].capability", "total " + fmt_double(total_cap),
        "a positive total capability of at most 1e300 (only ratios matter: rescale)");
  if (out.empty()) {
    for (std::size_t k = 0; k < nd; ++k)
      if (!(dim_weight[k] > 0.0))
        add("dimensions[" + std::to_string(k) + "]", "no actor with capability x salience > 0",
            "at least one actor with positive capability and salience");
  }
  if (!out.empty()) throw ScenarioError(std::move(out));
}

// ---------------------------------------------------------------------------------------------
// KTAB CSV

namespace {

struct Field {
  std::string text;
  int column = 1;  // 1-based column of the field's first character
};

class CsvReader {
 public:
  CsvReader(std::string_view text, std::string file) : text_(text), file_(std::move(file)) {}

  // Next physical line split into fields; false at end of input.
  bool next(std::vector<Field>& fields) {
    if (pos_ >= text_.size()) return false;
    ++line_;
    fields.clear();
    std::size_t end = text_.find('\n', pos_);
    if (end == std::string_view::npos) end = text_.size();
    std::string_view ln = text_.substr(pos_, end - pos_);
    pos_ = end + 1;
    if (!ln.empty() && ln.back() == '\r') ln.remove_suffix(1);
    std::size_t i = 0;
    while (true) {
      Field f;
      f.column = static_cast<int>(i) + 1;
      // skip leading blanks
      while (i < ln.size() && (ln[i] == ' ' || ln[i] == '\t')) ++i;
      if (i < ln.size() && ln[i] == '"') {
        const int qcol = static_cast<int>(i) + 1;
        ++i;
        bool closed = false;
        while (i < ln.size()) {
          if (ln[i] == '"') {
            if (i + 1 < ln.size() && ln[i + 1] == '"') {
              f.text += '"';
              i += 2;
              continue;
            }
            closed = true;
            ++i;
            break;
          }
          f.text += ln[i++];
        }
        if (!closed) fail(qcol, "", "an unterminated quoted field", "a closing '\"'");
        while (i < ln.size() && (ln[i] == ' ' || ln[i] == '\t')) ++i;
        if (i < ln.size() && ln[i] != ',')
          fail(static_cast<int>(i) + 1, "", std::string("'") + ln[i] + "' after a quoted field", "',' or end of line");
      } else {
        const std::size_t start = i;
        while (i < ln.size() && ln[i] != ',') ++i;
        std::string_view raw = ln.substr(start, i - start);
        while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t')) raw.remove_suffix(1);
        f.text = std::string(raw);
      }
      fields.push_back(std::move(f));
      if (i >= ln.size()) break;
      ++i;  // skip ','
    }
    return true;
  }

  [[noreturn]] void fail(int column, std::string path, std::string found, std::string expected) const {
    Diagnostic d;
    d.where = Location{file_, line_ > 0 ? line_ : 1, column};
    d.path = std::move(path);
    d.found = std::move(found);
    d.expected = std::move(expected);
    throw FormatError(std::move(d));
  }

  [[nodiscard]] int line() const { return line_; }

 private:
  std::string_view text_;
  std::string file_;
  std::size_t pos_ = 0;
  int line_ = 0;
};

bool blank_row(const std::vector<Field>& f) {
  for (const auto& x : f)
    if (!x.text.empty()) return false;
  return true;
}

std::string quote(const std::string& s) {
  std::string t = s.size() > 40 ? s.substr(0, 40) + "..." : s;
  return "'" + t + "'";
}

double parse_number(const CsvReader& r, const Field& f, const std::string& path) {
  const std::string& s = f.text;
  double v = 0.0;
  const char* b = s.data();
  const char* e = s.data() + s.size();
  if (!s.empty() && *b == '+') ++b;
  auto res = std::from_chars(b, e, v);
  if (s.empty() || res.ec != std::errc() || res.ptr != e || !std::isfinite(v))
    r.fail(f.column, path, s.empty() ? "an empty field" : quote(s), "a finite number");
  return v;
}

std::size_t parse_count(const CsvReader& r, const Field& f, const std::string& path, std::size_t lo, std::size_t hi) {
  const std::string& s = f.text;
  std::size_t v = 0;
  auto res = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || res.ec != std::errc() || res.ptr != s.data() + s.size() || v < lo || v > hi)
    r.fail(f.column, path, s.empty() ? "an empty field" : quote(s),
           "an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  return v;
}

// Lines 1 and 2: scenario name, description, number of actors and of dimensions; then the
// column headers (Actor, Description, Power, then Pos/Sal pairs), whose Pos names the dimensions.
// Returns the number of actors. Fields after nDims are ignored, as KTAB does (dummyData_6Dim.csv
// has one).
std::size_t read_header(CsvReader& r, std::vector<Field>& f, BargainingProblem& p) {
  if (!r.next(f)) r.fail(1, "header", "an empty file", "'name,description,nActors,nDims'");
  if (f.size() < 4)
    r.fail(f.back().column, "header", std::to_string(f.size()) + " fields", "4 fields: name,description,nActors,nDims");
  p.name = f[0].text;
  p.description = f[1].text;
  const std::size_t na = parse_count(r, f[2], "nActors", 1, kMaxActors);
  const std::size_t nd = parse_count(r, f[3], "nDims", 1, kMaxDimensions);
  if (!r.next(f)) r.fail(1, "columns", "end of file", "the column header line");
  const std::size_t need = 3 + 2 * nd;
  if (f.size() < need)
    r.fail(f.back().column, "columns", std::to_string(f.size()) + " columns",
           std::to_string(need) + " columns (Actor,Description,Power, then position,salience per dimension)");
  for (std::size_t k = 0; k < nd; ++k) p.dimensions.push_back(f[3 + 2 * k].text);
  return na;
}

// Position and salience of dimension k of an actor row (at `base`), checked.
void read_stance(const CsvReader& r, const std::vector<Field>& f, const std::string& base, std::size_t k, double& total,
                 Actor& a) {
  const Field& fp = f[3 + 2 * k];
  const Field& fs = f[4 + 2 * k];
  const std::string dk = "[" + std::to_string(k) + "]";
  const double x = parse_number(r, fp, base + ".position" + dk);
  if (x < 0.0 || x > 100.0) r.fail(fp.column, base + ".position" + dk, quote(fp.text), "a number in [0, 100]");
  const double s = parse_number(r, fs, base + ".salience" + dk);
  if (s < 0.0 || s > 100.0) r.fail(fs.column, base + ".salience" + dk, quote(fs.text), "a number in [0, 100]");
  total += s;
  if (total > 100.0 + 1e-9)
    r.fail(fs.column, base + ".salience", "total salience " + fmt_double(total),
           "saliences of one actor summing to at most 100");
  a.position.push_back(x);
  a.salience.push_back(s / 100.0);
}

// One actor row (the actor number `index`); total_power accumulates the capabilities.
Actor read_actor(const CsvReader& r, const std::vector<Field>& f, std::size_t nd, std::size_t index,
                 double& total_power) {
  const std::size_t need = 3 + 2 * nd;
  const std::string base = "actors[" + std::to_string(index) + "]";
  if (f.size() < need)
    r.fail(f.back().column, base, std::to_string(f.size()) + " fields",
           std::to_string(need) + " fields: Name,Desc,Power then position,salience per dimension");
  for (std::size_t k = need; k < f.size(); ++k)
    if (!f[k].text.empty()) r.fail(f[k].column, base, "extra field " + quote(f[k].text), "end of row");
  Actor a;
  a.name = f[0].text;
  if (a.name.empty()) r.fail(f[0].column, base + ".name", "an empty name", "an actor name");
  a.description = f[1].text;
  a.capability = parse_number(r, f[2], base + ".power");
  if (a.capability < 0.0) r.fail(f[2].column, base + ".power", quote(f[2].text), "a number >= 0");
  total_power += a.capability;
  if (total_power > kMaxTotalCapability)
    r.fail(f[2].column, base + ".power", quote(f[2].text) + " (total power " + fmt_double(total_power) + ")",
           "a total power of at most 1e300 (only ratios matter: rescale)");
  double total = 0.0;
  for (std::size_t k = 0; k < nd; ++k) read_stance(r, f, base, k, total, a);
  return a;
}

void check_unique_names(const BargainingProblem& p, const std::vector<int>& actor_line, const std::string& file) {
  for (std::size_t i = 0; i < p.actors.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (p.actors[i].name == p.actors[j].name) {
        Diagnostic d;
        d.where = Location{file, actor_line[i], 1};
        d.path = "actors[" + std::to_string(i) + "].name";
        d.found = "duplicate name " + quote(p.actors[i].name);
        d.expected = "unique actor names";
        throw FormatError(std::move(d));
      }
}

}  // namespace

BargainingProblem parse_ktab_csv(std::string_view text, const std::string& file) {
  text = detail::strip_bom(text);
  detail::check_text(text, file);
  CsvReader r(text, file);
  std::vector<Field> f;
  BargainingProblem p;
  const std::size_t na = read_header(r, f, p);
  const std::size_t nd = p.dimensions.size();
  p.actors.reserve(na);
  std::vector<int> actor_line;
  double total_power = 0.0;
  while (p.actors.size() < na) {
    if (!r.next(f))
      r.fail(1, "actors", "end of file after " + std::to_string(p.actors.size()) + " actors",
             std::to_string(na) + " actor rows (nActors)");
    if (blank_row(f)) continue;
    p.actors.push_back(read_actor(r, f, nd, p.actors.size(), total_power));
    actor_line.push_back(r.line());
  }
  while (r.next(f))
    if (!blank_row(f))
      r.fail(f[0].column, "actors", "an extra row " + quote(f[0].text),
             "end of file after " + std::to_string(na) + " actor rows (nActors)");
  p.scale_min = 0.0;
  p.scale_max = 100.0;
  check_unique_names(p, actor_line, file);
  return p;
}

BargainingProblem read_ktab_csv(const std::string& path) { return parse_ktab_csv(read_input_file(path), path); }

}  // namespace statecraft::bargaining
