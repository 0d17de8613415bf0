// SPDX-License-Identifier: GPL-3.0-or-later
// Byte-level encoding checks for CSV input: strict UTF-8 validation and Latin-1 to UTF-8.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace portier::csv {

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

enum class Encoding { automatic, utf8, latin1 };

const char *encoding_name(Encoding e);  // "auto", "utf-8", "latin-1"

// Offset of the first byte that does not start a well-formed UTF-8 sequence (overlong forms,
// surrogates and code points above U+10FFFF count as malformed), or npos when all are well formed.
// NUL bytes are valid UTF-8 and not reported here.
std::size_t first_bad_utf8(std::string_view bytes) noexcept;

// Appends `latin1` (ISO 8859-1) to `out` as UTF-8. Every byte is a valid Latin-1 character.
void append_latin1_as_utf8(std::string &out, std::string_view latin1);

}  // namespace portier::csv
