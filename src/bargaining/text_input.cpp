#include "text_input.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <system_error>

#include "statecraft/bargaining/problem.hpp"
#include "statecraft/error.hpp"
#include "statecraft/io.hpp"

namespace statecraft::bargaining {

namespace detail {

namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is not valid (RFC 3629).
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  if (c < 0x80) return 1;
  std::size_t len = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;  // no overlong forms
    if (c == 0xED) hi = 0x9F;  // no UTF-16 surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;  // no overlong forms
    if (c == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  if (b(1) < lo || b(1) > hi) return 0;
  for (std::size_t k = 2; k < len; ++k)
    if (b(k) < 0x80 || b(k) > 0xBF) return 0;
  return len;
}

[[noreturn]] void fail(const std::string& file, int line, int col, std::string found, std::string expected) {
  Diagnostic d;
  d.where = Location{file, line, col};
  d.path = "text";
  d.found = std::move(found);
  d.expected = std::move(expected);
  throw FormatError(std::move(d));
}

}  // namespace

std::string_view strip_bom(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return text;
}

void check_text(std::string_view text, const std::string& file) {
  if (text.size() > kMaxInputBytes)
    fail(file, 1, 1, fmt::format("a file of {} bytes", text.size()), fmt::format("at most {} bytes", kMaxInputBytes));
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '\n') {
      ++line;
      line_start = ++i;
      continue;
    }
    const std::size_t len = utf8_length(text, i);
    if (len == 0)
      fail(file, line, static_cast<int>(i - line_start) + 1,
           fmt::format("byte 0x{:02X}", static_cast<unsigned char>(text[i])), "UTF-8 text");
    i += len;
  }
}

}  // namespace detail

std::string read_input_file(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);  // fails for pipes: checked after reading
  if (!ec && size > kMaxInputBytes) {
    Diagnostic d;
    d.where = Location{path, 1, 1};
    d.path = "text";
    d.found = fmt::format("a file of {} bytes", size);
    d.expected = fmt::format("at most {} bytes", kMaxInputBytes);
    throw FormatError(std::move(d));
  }
  return read_file(path);
}

}  // namespace statecraft::bargaining
