// Gambit's .nfg and .efg formats (as written by Gambit 16: "NFG 1 R|D", "EFG 2 R|D").
// A small tokenizer tracks line and column so that every error names FILE:LINE:COL, what was
// found and what was expected. Numbers are read exactly: integers, decimals with an optional
// exponent (converted to the exact decimal rational, as Gambit does) and rationals a/b.

#include "statecraft/games/gambit_io.hpp"

#include <algorithm>
#include <cctype>
#include <limits>
#include <map>
#include <sstream>
#include <unordered_map>

#include "statecraft/error.hpp"
#include "statecraft/io.hpp"

namespace statecraft::games {

namespace {

enum class Tok { kLBrace, kRBrace, kComma, kString, kNumber, kSymbol, kEnd };

struct Token {
  Tok kind = Tok::kEnd;
  std::string text;
  int line = 1, col = 1;
};

std::string describe(const Token& t) {
  switch (t.kind) {
    case Tok::kLBrace:
      return "'{'";
    case Tok::kRBrace:
      return "'}'";
    case Tok::kComma:
      return "','";
    case Tok::kString: {
      std::string s = t.text.size() > 40 ? t.text.substr(0, 40) + "..." : t.text;
      return "string \"" + s + "\"";
    }
    case Tok::kNumber:
      return "number " + (t.text.size() > 40 ? t.text.substr(0, 40) + "..." : t.text);
    case Tok::kSymbol:
      return "'" + (t.text.size() > 40 ? t.text.substr(0, 40) + "..." : t.text) + "'";
    case Tok::kEnd:
      return "end of file";
  }
  return "?";
}

// The offset of the first byte of s that is not part of a well-formed UTF-8 sequence (RFC 3629:
// no overlong forms, no surrogates, at most U+10FFFF), or npos when s is valid.
std::size_t invalid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte
    if (c < 0x80)
      len = 1;
    else if (c >= 0xC2 && c <= 0xDF)
      len = 2;
    else if (c >= 0xE0 && c <= 0xEF)
      len = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    else if (c >= 0xF0 && c <= 0xF4)
      len = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    else
      return i;
    if (i + len > s.size()) return i;
    for (std::size_t k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

class Lexer {
 public:
  Lexer(std::string_view text, std::string file) : s_(text), file_(std::move(file)) { advance(); }

  const Token& peek() const { return cur_; }
  Token next() {
    Token t = cur_;
    advance();
    return t;
  }
  [[noreturn]] void fail(const Token& at, const std::string& expected, const std::string& path) const {
    Diagnostic d;
    d.where = Location{file_, at.line, at.col};
    d.path = path;
    d.found = describe(at);
    d.expected = expected;
    throw FormatError(d);
  }
  [[noreturn]] void fail_msg(const Token& at, const std::string& found, const std::string& expected,
                             const std::string& path) const {
    Diagnostic d;
    d.where = Location{file_, at.line, at.col};
    d.path = path;
    d.found = found;
    d.expected = expected;
    throw FormatError(d);
  }
  Token expect(Tok k, const std::string& expected, const std::string& path) {
    if (cur_.kind != k) fail(cur_, expected, path);
    return next();
  }
  void skip_commas() {
    while (cur_.kind == Tok::kComma) advance();
  }

 private:
  char get() {
    const char c = s_[pos_++];
    if (c == '\n') {
      ++line_;
      col_ = 1;
    } else {
      ++col_;
    }
    return c;
  }
  void advance() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) get();
    cur_ = Token{};
    cur_.line = line_;
    cur_.col = col_;
    if (pos_ >= s_.size()) {
      cur_.kind = Tok::kEnd;
      return;
    }
    const char c = s_[pos_];
    if (c == '{') {
      get();
      cur_.kind = Tok::kLBrace;
      return;
    }
    if (c == '}') {
      get();
      cur_.kind = Tok::kRBrace;
      return;
    }
    if (c == ',') {
      get();
      cur_.kind = Tok::kComma;
      return;
    }
    if (c == '"') {
      get();
      std::string out;
      while (true) {
        if (pos_ >= s_.size()) {
          Diagnostic d{Location{file_, cur_.line, cur_.col}, "string", "unterminated string", "a closing '\"'"};
          throw FormatError(d);
        }
        char ch = get();
        if (ch == '"') break;
        if (ch == '\\' && pos_ < s_.size() && (s_[pos_] == '"' || s_[pos_] == '\\')) {
          out += get();
          continue;
        }
        out += ch;
      }
      if (const std::size_t bad = invalid_utf8(out); bad != std::string::npos) {
        Diagnostic d{Location{file_, cur_.line, cur_.col}, "string",
                     "a label with invalid UTF-8 (byte " + std::to_string(bad + 1) + " of the label)", "UTF-8 text"};
        throw FormatError(d);
      }
      cur_.kind = Tok::kString;
      cur_.text = std::move(out);
      return;
    }
    std::string w;
    while (pos_ < s_.size()) {
      const char ch = s_[pos_];
      if (std::isspace(static_cast<unsigned char>(ch)) || ch == '{' || ch == '}' || ch == ',' || ch == '"') break;
      w += get();
    }
    const char f = w[0];
    cur_.kind =
        (std::isdigit(static_cast<unsigned char>(f)) || f == '-' || f == '+' || f == '.') ? Tok::kNumber : Tok::kSymbol;
    cur_.text = std::move(w);
  }

  std::string_view s_;
  std::string file_;
  std::size_t pos_ = 0;
  int line_ = 1, col_ = 1;
  Token cur_;
};

// Parses a Gambit number exactly; returns false when malformed.
bool parse_number(const std::string& t, Rational& out) {
  std::size_t i = 0;
  bool neg = false;
  if (i < t.size() && (t[i] == '+' || t[i] == '-')) neg = t[i++] == '-';
  const auto slash = t.find('/');
  auto all_digits = [](const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (slash != std::string::npos) {
    const std::string a = t.substr(i, slash - i), b = t.substr(slash + 1);
    if (!all_digits(a) || !all_digits(b) || a.size() > 4000 || b.size() > 4000) return false;
    mpz_class num(a, 10), den(b, 10);
    if (den == 0) return false;
    out = Rational(num, den);
    out.canonicalize();
    if (neg) out = -out;
    return true;
  }
  std::string intpart, frac;
  while (i < t.size() && t[i] >= '0' && t[i] <= '9') intpart += t[i++];
  if (i < t.size() && t[i] == '.') {
    ++i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') frac += t[i++];
  }
  if (intpart.empty() && frac.empty()) return false;
  long exp10 = 0;
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    bool eneg = false;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) eneg = t[i++] == '-';
    std::string e;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') e += t[i++];
    if (e.empty() || e.size() > 4) return false;
    exp10 = std::stol(e);
    if (eneg) exp10 = -exp10;
  }
  if (i != t.size() || intpart.size() + frac.size() > 4000) return false;
  exp10 -= static_cast<long>(frac.size());
  if (exp10 > 4000 || exp10 < -8000) return false;
  std::string digits = intpart + frac;
  mpz_class num(digits.empty() ? std::string("0") : digits, 10);
  mpz_class p10;
  mpz_ui_pow_ui(p10.get_mpz_t(), 10, static_cast<unsigned long>(exp10 < 0 ? -exp10 : exp10));
  if (exp10 >= 0)
    out = Rational(num * p10);
  else
    out = Rational(num, p10);
  out.canonicalize();
  if (neg) out = -out;
  return true;
}

Rational read_number(Lexer& lx, const std::string& path) {
  const Token t = lx.peek();
  if (t.kind != Tok::kNumber) lx.fail(t, "a number", path);
  lx.next();
  Rational q;
  if (!parse_number(t.text, q)) lx.fail(t, "a number (integer, decimal or a/b)", path);
  return q;
}

// A payoff: a number whose magnitude fits a double (larger ones would become infinite in every
// floating-point method, and GLPK aborts on them).
Rational read_payoff(Lexer& lx, const std::string& path) {
  static const Rational kMax(std::numeric_limits<double>::max());
  const Token t = lx.peek();
  Rational q = read_number(lx, path);
  if (abs(q) > kMax) lx.fail_msg(t, t.text, "a finite payoff (|x| <= 1.79e308)", path);
  return q;
}

std::size_t read_count(Lexer& lx, const std::string& path, std::size_t max) {
  const Token t = lx.peek();
  const Rational q = read_number(lx, path);
  if (q.get_den() != 1 || q < 0 || q > Rational(static_cast<double>(max)))
    lx.fail_msg(t, t.text, "a whole number in 0.." + std::to_string(max), path);
  return static_cast<std::size_t>(q.get_num().get_ui());
}

std::vector<std::string> read_string_list(Lexer& lx, const std::string& path) {
  lx.expect(Tok::kLBrace, "'{'", path);
  std::vector<std::string> out;
  while (lx.peek().kind == Tok::kString) out.push_back(lx.next().text);
  lx.expect(Tok::kRBrace, "a quoted label or '}'", path);
  return out;
}

void read_header(Lexer& lx, const char* magic, const char* version, const std::string& path) {
  const Token m = lx.peek();
  if (m.kind != Tok::kSymbol || m.text != magic) lx.fail(m, std::string("'") + magic + "' (file header)", path);
  lx.next();
  const Token v = lx.peek();
  if (v.kind != Tok::kNumber || v.text != version) lx.fail(v, std::string("format version ") + version, path);
  lx.next();
  const Token r = lx.peek();
  if (r.kind != Tok::kSymbol || (r.text != "R" && r.text != "D")) lx.fail(r, "'R' or 'D' (number type)", path);
  lx.next();
}

constexpr std::size_t kMaxCells = std::size_t{1} << 24;
constexpr std::uint64_t kMaxReachBits = std::uint64_t{1} << 20;

std::uint64_t bits_of(const Rational& q) {
  return mpz_sizeinbase(q.get_num_mpz_t(), 2) + mpz_sizeinbase(q.get_den_mpz_t(), 2);
}

// Chance probabilities must sum to 1: exactly, or within 1e-9 for decimals rounded in the file.
void check_chance_sum(const Lexer& lx, const Token& at, const std::vector<Rational>& probs, const std::string& path) {
  Rational sum = 0;
  for (const auto& p : probs) sum += p;
  if (abs(sum - 1) <= Rational(1, 1000000000)) return;
  lx.fail_msg(at, "chance probabilities summing to " + sum.get_str() + " (" + std::to_string(sum.get_d()) + ")",
              "probabilities summing to 1", path);
}

}  // namespace

std::string quote_label(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

NormalFormGame parse_nfg(std::string_view text, const std::string& file) {
  Lexer lx(text, file);
  read_header(lx, "NFG", "1", "header");
  const std::string title = lx.expect(Tok::kString, "the quoted game title", "title").text;
  const auto players = read_string_list(lx, "players");
  if (players.empty()) lx.fail(lx.peek(), "at least one player", "players");
  std::vector<std::vector<std::string>> strategies;
  const Token open = lx.expect(Tok::kLBrace, "'{' opening the strategies", "strategies");
  if (lx.peek().kind == Tok::kLBrace) {
    while (lx.peek().kind == Tok::kLBrace) strategies.push_back(read_string_list(lx, "strategies"));
  } else {
    while (lx.peek().kind == Tok::kNumber) {
      const Token t = lx.peek();
      const std::size_t k = read_count(lx, "strategies", kMaxCells);
      if (k == 0) lx.fail_msg(t, t.text, "a positive number of strategies", "strategies");
      std::vector<std::string> labels;
      for (std::size_t i = 0; i < k; ++i) labels.push_back(std::to_string(i + 1));
      strategies.push_back(std::move(labels));
    }
  }
  lx.expect(Tok::kRBrace, "'}' closing the strategies", "strategies");
  if (strategies.size() != players.size())
    lx.fail_msg(open, std::to_string(strategies.size()) + " strategy lists",
                std::to_string(players.size()) + " (one per player)", "strategies");
  std::size_t cells = 1;
  for (const auto& s : strategies) {
    if (s.empty()) lx.fail_msg(open, "a player without strategies", "at least one strategy per player", "strategies");
    if (cells > kMaxCells / s.size()) lx.fail_msg(open, "a game too large", "at most 2^24 cells", "strategies");
    cells *= s.size();
  }
  if (cells * players.size() > kMaxCells) lx.fail_msg(open, "a game too large", "at most 2^24 payoffs", "strategies");
  // Every cell needs at least a number and a separator in the file (an outcome number, or payoffs),
  // so a short file that declares a huge game is rejected before the game's table is allocated.
  if (cells > text.size() / 2)
    lx.fail_msg(open,
                "a game of " + std::to_string(cells) + " cells in a file of " + std::to_string(text.size()) + " bytes",
                "at least 2 bytes of data per cell", "strategies");
  NormalFormGame g(players, strategies, title);
  if (lx.peek().kind == Tok::kString) g.set_comment(lx.next().text);
  const std::size_t np = players.size();
  if (lx.peek().kind == Tok::kLBrace) {
    lx.next();
    std::vector<NfgOutcome> outcomes;
    while (lx.peek().kind == Tok::kLBrace) {
      const std::string path = "outcomes[" + std::to_string(outcomes.size() + 1) + "]";
      lx.next();
      NfgOutcome o;
      o.label = lx.expect(Tok::kString, "the quoted outcome label", path).text;
      for (std::size_t p = 0; p < np; ++p) {
        lx.skip_commas();
        o.payoffs.push_back(read_payoff(lx, path));
      }
      lx.skip_commas();
      lx.expect(Tok::kRBrace, "'}' after " + std::to_string(np) + " payoffs", path);
      outcomes.push_back(std::move(o));
      if (outcomes.size() > kMaxCells) lx.fail(lx.peek(), "fewer outcomes", path);
    }
    lx.expect(Tok::kRBrace, "'{' opening an outcome or '}' closing the outcome list", "outcomes");
    std::vector<std::size_t> idx(cells);
    for (std::size_t c = 0; c < cells; ++c) {
      lx.skip_commas();
      const Token t = lx.peek();
      if (t.kind != Tok::kNumber)
        lx.fail(t, "an outcome number for cell " + std::to_string(c + 1) + " of " + std::to_string(cells), "cells");
      idx[c] = read_count(lx, "cells", outcomes.size());
    }
    g.set_outcomes(std::move(outcomes), std::move(idx));
  } else {
    for (std::size_t c = 0; c < cells; ++c)
      for (std::size_t p = 0; p < np; ++p) {
        lx.skip_commas();
        const Token t = lx.peek();
        if (t.kind != Tok::kNumber)
          lx.fail(t, "payoff " + std::to_string(c * np + p + 1) + " of " + std::to_string(cells * np), "payoffs");
        g.set_payoff(c, p, read_payoff(lx, "payoffs"));
      }
  }
  lx.skip_commas();
  if (lx.peek().kind != Tok::kEnd) lx.fail(lx.peek(), "end of file", "trailer");
  return g;
}

namespace {

// What a node line says about its information set: nothing more than its number, or (at the
// set's first appearance, or repeated) its label, actions and, for chance, probabilities.
struct InfosetSpec {
  bool details = false;
  std::string label;
  std::vector<std::string> actions;
  std::vector<Rational> probs;
};

// Reads the nodes of an .efg tree in preorder into `g` (whose players are set).
class EfgTreeReader {
 public:
  EfgTreeReader(Lexer& lx, ExtensiveGame& g) : lx_(lx), g_(g), np_(g.num_players()) {}

  void read_tree() {
    while (!pending_.empty()) {
      const std::size_t node = pending_.back();
      pending_.pop_back();
      read_node(node, "node[" + std::to_string(++count_) + "]");
    }
  }

 private:
  void read_node(std::size_t node, const std::string& path) {
    const Token kind = lx_.peek();
    if (kind.kind != Tok::kSymbol || (kind.text != "c" && kind.text != "p" && kind.text != "t"))
      lx_.fail(kind, "a node ('c', 'p' or 't')", path);
    lx_.next();
    g_.set_node_label(node, lx_.expect(Tok::kString, "the quoted node label", path).text);
    if (kind.text == "t") {
      read_outcome(node, path);
      return;
    }
    std::size_t player = 0;
    if (kind.text == "p") {
      const Token pt = lx_.peek();
      player = read_count(lx_, path + ".player", np_);
      if (player == 0) lx_.fail_msg(pt, pt.text, "a player number 1.." + std::to_string(np_), path + ".player");
    }
    const Token it = lx_.peek();
    const std::size_t id = read_count(lx_, path + ".infoset", kMaxCells);
    if (id == 0) lx_.fail_msg(it, it.text, "a positive information set number", path + ".infoset");
    const InfosetSpec spec = read_infoset_spec(player, it, path);
    const std::size_t h = infoset(player, id, spec, it, path);
    read_outcome(node, path);
    expand(node, h, player, kind, path);
  }

  InfosetSpec read_infoset_spec(std::size_t player, const Token& it, const std::string& path) {
    InfosetSpec spec;
    if (lx_.peek().kind != Tok::kString) return spec;
    spec.details = true;
    spec.label = lx_.next().text;
    lx_.expect(Tok::kLBrace, "'{' opening the action list", path + ".actions");
    while (lx_.peek().kind == Tok::kString) {
      spec.actions.push_back(lx_.next().text);
      if (player == 0) {
        lx_.skip_commas();
        const Token pt = lx_.peek();
        spec.probs.push_back(read_number(lx_, path + ".probs"));
        if (spec.probs.back() < 0) lx_.fail_msg(pt, pt.text, "a probability >= 0", path + ".probs");
        lx_.skip_commas();
      }
    }
    lx_.expect(Tok::kRBrace, player == 0 ? "an action label with its probability, or '}'" : "an action label or '}'",
               path + ".actions");
    if (spec.actions.empty()) lx_.fail_msg(it, "an information set without actions", "at least one action", path);
    if (player == 0) check_chance_sum(lx_, it, spec.probs, path + ".probs");
    return spec;
  }

  // The index of information set `id` of `player`: added at its first appearance, checked
  // against its definition when repeated with details.
  std::size_t infoset(std::size_t player, std::size_t id, const InfosetSpec& spec, const Token& it,
                      const std::string& path) {
    const std::uint64_t key = (std::uint64_t{player} << 32) | id;
    auto found = infoset_of_.find(key);
    if (found == infoset_of_.end()) {
      if (!spec.details)
        lx_.fail_msg(it, "information set " + std::to_string(id) + " used before it is defined",
                     "its label and actions at its first appearance", path + ".infoset");
      const std::size_t h = player == 0 ? g_.add_chance_infoset(spec.label, spec.actions, spec.probs, false)
                                        : g_.add_infoset(player, spec.label, spec.actions);
      g_.set_infoset_number(h, id);
      infoset_of_.emplace(key, h);
      return h;
    }
    const auto& def = g_.infosets()[found->second];
    if (spec.details && (def.actions.size() != spec.actions.size() || (player == 0 && def.probs != spec.probs)))
      lx_.fail_msg(it, "information set " + std::to_string(id) + " redefined differently",
                   "the actions given at its first appearance", path + ".infoset");
    return found->second;
  }

  // Gives `node` its information set's children, bounds their chance reach and queues them.
  void expand(std::size_t node, std::size_t h, std::size_t player, const Token& kind, const std::string& path) {
    const auto kids = g_.set_infoset(node, h);
    if (g_.nodes().size() > kMaxCells) lx_.fail_msg(kind, "a tree too large", "at most 2^24 nodes", path);
    reach_bits_.resize(g_.nodes().size(), 0);
    for (std::size_t a = 0; a < kids.size(); ++a) {
      reach_bits_[kids[a]] = reach_bits_[node] + (player == 0 ? bits_of(g_.infosets()[h].probs[a]) : 0);
      if (reach_bits_[kids[a]] > kMaxReachBits)
        lx_.fail_msg(
            kind,
            "chance probabilities whose product along a path needs " + std::to_string(reach_bits_[kids[a]]) + " bits",
            "at most " + std::to_string(kMaxReachBits) + " bits (numbers that fit in memory)", path);
    }
    for (auto k = kids.rbegin(); k != kids.rend(); ++k) pending_.push_back(*k);
  }

  void read_outcome(std::size_t node, const std::string& path) {
    const Token t = lx_.peek();
    const std::size_t id = read_count(lx_, path + ".outcome", kMaxCells);
    std::string label;
    bool has_label = false, has_payoffs = false;
    std::vector<Rational> pay;
    if (lx_.peek().kind == Tok::kString) {
      label = lx_.next().text;
      has_label = true;
    }
    if (lx_.peek().kind == Tok::kLBrace) {
      pay = read_outcome_payoffs(path);
      has_payoffs = true;
    }
    if (id == 0) {
      if (has_label || has_payoffs) lx_.fail_msg(t, "details for outcome 0", "a positive outcome number", path);
      return;
    }
    auto it = outcome_of_.find(id);
    if (it == outcome_of_.end()) {
      if (!has_payoffs)
        lx_.fail_msg(t, "outcome " + std::to_string(id) + " without payoffs",
                     "payoffs at the outcome's first appearance", path + ".outcome");
      it = outcome_of_.emplace(id, g_.add_outcome(label, pay)).first;
    } else if (has_payoffs && g_.outcomes()[it->second - 1].payoffs != pay) {
      lx_.fail_msg(t, "outcome " + std::to_string(id) + " with different payoffs",
                   "the payoffs given at its first appearance", path + ".outcome");
    }
    g_.set_outcome(node, it->second);
  }

  std::vector<Rational> read_outcome_payoffs(const std::string& path) {
    std::vector<Rational> pay;
    lx_.next();
    for (std::size_t p = 0; p < np_; ++p) {
      lx_.skip_commas();
      pay.push_back(read_payoff(lx_, path + ".outcome"));
    }
    lx_.skip_commas();
    lx_.expect(Tok::kRBrace, "'}' after " + std::to_string(np_) + " payoffs", path + ".outcome");
    return pay;
  }

  Lexer& lx_;
  ExtensiveGame& g_;
  std::size_t np_;
  // Hash maps keep reading linear in the number of information sets and outcomes.
  std::unordered_map<std::uint64_t, std::size_t> infoset_of_;  // player << 32 | id -> index
  std::unordered_map<std::size_t, std::size_t> outcome_of_;    // id -> outcome index
  // Bits of the exact probability with which chance reaches each node (numerator + denominator
  // of the product of the chance probabilities on its path), bounded up front so that no exact
  // method meets numbers beyond what fits in memory.
  std::vector<std::uint64_t> reach_bits_{0};
  std::vector<std::size_t> pending_{ExtensiveGame::root()};
  std::size_t count_ = 0;
};

}  // namespace

ExtensiveGame parse_efg(std::string_view text, const std::string& file) {
  Lexer lx(text, file);
  read_header(lx, "EFG", "2", "header");
  const std::string title = lx.expect(Tok::kString, "the quoted game title", "title").text;
  const auto players = read_string_list(lx, "players");
  ExtensiveGame g(players, title);
  if (lx.peek().kind == Tok::kString) g.set_comment(lx.next().text);
  EfgTreeReader(lx, g).read_tree();
  if (lx.peek().kind != Tok::kEnd) lx.fail(lx.peek(), "end of file (the tree is complete)", "trailer");
  return g;
}

namespace {
std::string num(const Rational& q) { return q.get_str(); }
}  // namespace

std::string write_nfg(const NormalFormGame& g) {
  std::ostringstream o;
  o << "NFG 1 R " << quote_label(g.title()) << " {";
  for (const auto& p : g.players()) o << ' ' << quote_label(p);
  o << " }\n\n{ ";
  for (const auto& s : g.strategies()) {
    o << "{";
    for (const auto& l : s) o << ' ' << quote_label(l);
    o << " }\n";
  }
  o << "}\n" << quote_label(g.comment()) << "\n\n";
  const std::size_t np = g.num_players();
  if (g.has_outcomes()) {
    o << "{\n";
    for (const auto& oc : g.outcomes()) {
      o << "{ " << quote_label(oc.label);
      for (std::size_t p = 0; p < np; ++p) o << (p ? ", " : " ") << num(oc.payoffs[p]);
      o << " }\n";
    }
    o << "}\n";
    for (std::size_t c = 0; c < g.num_cells(); ++c) o << (c ? " " : "") << g.cell_outcomes()[c];
    o << '\n';
  } else {
    for (std::size_t c = 0; c < g.num_cells(); ++c) {
      for (std::size_t p = 0; p < np; ++p) o << num(g.payoff(c, p)) << ' ';
      o << '\n';
    }
  }
  return o.str();
}

std::string write_efg(const ExtensiveGame& g) {
  std::ostringstream o;
  o << "EFG 2 R " << quote_label(g.title()) << " {";
  for (const auto& p : g.players()) o << ' ' << quote_label(p);
  o << " }\n" << quote_label(g.comment()) << "\n\n";
  std::vector<bool> infoset_done(g.infosets().size(), false), outcome_done(g.outcomes().size() + 1, false);
  auto outcome = [&](std::size_t k) {
    o << ' ' << k;
    if (k == 0 || outcome_done[k]) return;
    outcome_done[k] = true;
    const auto& oc = g.outcomes()[k - 1];
    o << ' ' << quote_label(oc.label) << " {";
    for (std::size_t p = 0; p < oc.payoffs.size(); ++p) o << (p ? ", " : " ") << num(oc.payoffs[p]);
    o << " }";
  };
  for (std::size_t n : g.preorder()) {
    const Node& nd = g.nodes()[n];
    if (nd.kind == NodeKind::kTerminal) {
      o << "t " << quote_label(nd.label);
      outcome(nd.outcome);
      o << '\n';
      continue;
    }
    const Infoset& h = g.infosets()[nd.infoset];
    if (nd.kind == NodeKind::kChance)
      o << "c " << quote_label(nd.label) << ' ' << h.number;
    else
      o << "p " << quote_label(nd.label) << ' ' << h.player << ' ' << h.number;
    if (!infoset_done[nd.infoset]) {
      infoset_done[nd.infoset] = true;
      o << ' ' << quote_label(h.label) << " {";
      for (std::size_t a = 0; a < h.actions.size(); ++a) {
        o << ' ' << quote_label(h.actions[a]);
        if (nd.kind == NodeKind::kChance) o << ' ' << num(h.probs[a]);
      }
      o << " }";
    }
    outcome(nd.outcome);
    o << '\n';
  }
  return o.str();
}

AnyGame parse_gambit(std::string_view text, const std::string& file) {
  std::size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  if (text.substr(i, 3) == "EFG") return parse_efg(text, file);
  if (text.substr(i, 3) == "NFG") return parse_nfg(text, file);
  int line = 1, col = 1;
  for (std::size_t k = 0; k < i; ++k) {
    if (text[k] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  std::string found = std::string(text.substr(i, std::min<std::size_t>(12, text.size() - i)));
  throw FormatError(Diagnostic{Location{file, line, col}, "header", found.empty() ? "end of file" : "'" + found + "'",
                               "'NFG 1' or 'EFG 2' (a Gambit game file)"});
}

AnyGame load_gambit(const std::string& path) { return parse_gambit(read_file(path), path); }

}  // namespace statecraft::games
