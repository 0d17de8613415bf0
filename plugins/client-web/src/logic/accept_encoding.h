// SPDX-License-Identifier: GPL-3.0-or-later
// Which precompressed copy of a file to send, from the browser's Accept-Encoding and the copies
// that exist beside the file (`app.js.br`, `app.js.gz`).
#pragma once

#include <string_view>

namespace portier::web {

enum class Encoding { identity, gzip, br };

// "gzip", "br", or "" for identity.
std::string_view encoding_token(Encoding e);
// The file name suffix of the copy: ".gz", ".br", "".
std::string_view encoding_suffix(Encoding e);

// True when Accept-Encoding `header` accepts `coding` ("gzip", "br") with a q above 0, by name
// or by "*". Tokens are case-insensitive; a header over 1024 bytes accepts nothing.
bool accepts(std::string_view header, std::string_view coding);

// The best copy to send: brotli before gzip when both are accepted and exist; else identity.
Encoding choose_encoding(std::string_view accept_encoding, bool have_br, bool have_gzip);

}  // namespace portier::web
