// Source dates (docs/scenario-format.md, "sources"): a year, a month or a day.

#include "scenario/detail/source_dates.hpp"

#include <fmt/format.h>

#include <cctype>

namespace statecraft::scenario::detail {
namespace {

bool digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

}  // namespace

std::optional<std::string> source_date_end(std::string_view text) {
  if (text.size() != 4 && text.size() != 7 && text.size() != 10) return std::nullopt;
  if (!digits(text.substr(0, 4))) return std::nullopt;
  const int y = to_int(text.substr(0, 4));
  if (y < 1800) return std::nullopt;
  if (text.size() == 4) return fmt::format("{:04}-12-31", y);
  if (text[4] != '-' || !digits(text.substr(5, 2))) return std::nullopt;
  const int m = to_int(text.substr(5, 2));
  if (m < 1 || m > 12) return std::nullopt;
  if (text.size() == 7) return fmt::format("{:04}-{:02}-{:02}", y, m, days_in_month(y, m));
  if (text[7] != '-' || !digits(text.substr(8, 2))) return std::nullopt;
  const int d = to_int(text.substr(8, 2));
  if (d < 1 || d > days_in_month(y, m)) return std::nullopt;
  return std::string(text);
}

}  // namespace statecraft::scenario::detail
