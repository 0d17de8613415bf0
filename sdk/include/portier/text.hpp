// SPDX-License-Identifier: MIT
// Portier C++ wrapper: strings at the boundary. Header-only, C++17; not part of the ABI.
#ifndef PORTIER_TEXT_HPP
#define PORTIER_TEXT_HPP

#include <cstddef>
#include <string_view>

#include "base.h"

namespace portier {

// A portier_str viewing `s`. Borrowed: valid as long as `s`'s characters are. [any]
inline portier_str to_str(std::string_view s) noexcept { return portier_str{s.data(), s.size()}; }

// A string_view of `s`; empty when s.data is NULL. Borrowed like `s`. [any]
inline std::string_view to_view(portier_str s) noexcept {
   return s.data == nullptr ? std::string_view() : std::string_view(s.data, s.size);
}

// Copies `src` into the fixed array `dst` of `cap` bytes as a NUL-terminated string, cutting at a
// UTF-8 character boundary when it does not fit. Copying stops at an embedded NUL. Returns true
// if all of `src` was stored. cap == 0 stores nothing. [any]
inline bool copy(char *dst, std::size_t cap, std::string_view src) noexcept {
   if (cap == 0) return src.empty();
   std::size_t n = 0;
   while (n < src.size() && n + 1 < cap && src[n] != '\0') ++n;
   const bool whole = n == src.size();
   if (!whole && n < src.size() && src[n] != '\0') {
      // cut inside the string: step back so that no multi-byte character is split
      while (n > 0 && (static_cast<unsigned char>(src[n]) & 0xC0u) == 0x80u) --n;
   }
   for (std::size_t i = 0; i < n; ++i) dst[i] = src[i];
   dst[n] = '\0';
   return whole;
}

// The same for a char array, e.g. an event record's field: `portier::copy(ev.device, id)`.
// Returns true if all of `src` fit; senders set PORTIER_EVENT_TRUNCATED when it did not. [any]
template <std::size_t N>
bool copy(char (&dst)[N], std::string_view src) noexcept {
   return copy(dst, N, src);
}

// The NUL-terminated contents of a fixed array, never reading past it. [any]
template <std::size_t N>
std::string_view view(const char (&src)[N]) noexcept {
   std::size_t n = 0;
   while (n < N && src[n] != '\0') ++n;
   return std::string_view(src, n);
}

}  // namespace portier

#endif  // PORTIER_TEXT_HPP
