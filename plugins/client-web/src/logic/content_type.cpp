// SPDX-License-Identifier: GPL-3.0-or-later
#include "content_type.h"

#include <array>
#include <utility>

namespace portier::web {
namespace {

// What a Vite build emits, and the usual companions of a web app.
constexpr std::array<std::pair<std::string_view, std::string_view>, 22> kTypes{{
    {"html", "text/html; charset=utf-8"},
    {"htm", "text/html; charset=utf-8"},
    {"js", "text/javascript; charset=utf-8"},
    {"mjs", "text/javascript; charset=utf-8"},
    {"css", "text/css; charset=utf-8"},
    {"json", "application/json"},
    {"map", "application/json"},
    {"webmanifest", "application/manifest+json"},
    {"txt", "text/plain; charset=utf-8"},
    {"svg", "image/svg+xml"},
    {"png", "image/png"},
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"gif", "image/gif"},
    {"webp", "image/webp"},
    {"ico", "image/x-icon"},
    {"woff", "font/woff"},
    {"woff2", "font/woff2"},
    {"ttf", "font/ttf"},
    {"wasm", "application/wasm"},
    {"wav", "audio/wav"},
    {"mp3", "audio/mpeg"},
}};

bool same_ignoring_case(std::string_view a, std::string_view b) {
   if (a.size() != b.size()) return false;
   for (std::size_t i = 0; i < a.size(); ++i) {
      char c = a[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != b[i]) return false;
   }
   return true;
}

}  // namespace

std::string_view content_type_for(std::string_view file_name) {
   const std::size_t slash = file_name.rfind('/');
   const std::string_view base = slash == std::string_view::npos ? file_name : file_name.substr(slash + 1);
   const std::size_t dot = base.rfind('.');
   if (dot != std::string_view::npos) {
      const std::string_view ext = base.substr(dot + 1);
      for (const auto &[known, type] : kTypes) {
         if (same_ignoring_case(ext, known)) return type;
      }
   }
   return "application/octet-stream";
}

}  // namespace portier::web
