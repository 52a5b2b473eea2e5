#pragma once
// Checks shared by the KTAB CSV and DEU III readers: size limit, UTF-8 byte order mark, UTF-8.

#include <string>
#include <string_view>

namespace statecraft::bargaining::detail {

/// The text without a leading UTF-8 byte order mark (EF BB BF).
[[nodiscard]] std::string_view strip_bom(std::string_view text);

/// Throws FormatError (file:line:col) when `text` is larger than kMaxInputBytes or is not valid
/// UTF-8 (overlong forms, surrogates and code points above U+10FFFF are invalid).
void check_text(std::string_view text, const std::string& file);

}  // namespace statecraft::bargaining::detail
