#include "statecraft/error.hpp"

namespace statecraft {

std::string printable(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0u;
    const auto third = i + 2 < text.size() ? static_cast<unsigned char>(text[i + 2]) : 0u;
    if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '\t')
      out += "\\t";
    else if (c < 0x20 || c == 0x7f)
      out.append("\\x").append(1, kHex[c >> 4]).append(1, kHex[c & 15]);
    else if (c == 0xc2 && next >= 0x80 && next <= 0x9f) {  // C1 controls, e.g. NEL (U+0085)
      out.append("\\u00").append(1, kHex[next >> 4]).append(1, kHex[next & 15]);
      ++i;
    } else if (c == 0xe2 && next == 0x80 && (third == 0xa8 || third == 0xa9)) {  // U+2028, U+2029
      out += third == 0xa8 ? "\\u2028" : "\\u2029";
      i += 2;
    } else
      out += static_cast<char>(c);
  }
  return out;
}

std::string Location::to_string() const {
  if (line <= 0) return printable(file);
  return printable(file) + ":" + std::to_string(line) + ":" + std::to_string(column);
}

std::string Diagnostic::to_string() const {
  std::string s = where.to_string();
  s += ": ";
  if (!path.empty()) s += printable(path) + ": ";
  s += "found " + printable(found) + ", expected " + printable(expected);
  return s;
}

namespace {
std::string join(const std::vector<Diagnostic>& ds) {
  std::string s;
  for (const auto& d : ds) {
    if (!s.empty()) s += '\n';
    s += d.to_string();
  }
  return s;
}
}  // namespace

ScenarioError::ScenarioError(std::vector<Diagnostic> problems)
    : Error(ExitCode::kDataErr, join(problems)), problems_(std::move(problems)) {}

}  // namespace statecraft
