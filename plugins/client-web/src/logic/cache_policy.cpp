// SPDX-License-Identifier: GPL-3.0-or-later
#include "cache_policy.h"

namespace portier::web {
namespace {

bool looks_like_hash(std::string_view token) {
   if (token.size() < 8 || token.size() > 64) return false;
   bool digit = false;
   bool upper = false;
   bool lower = false;
   for (const char c : token) {
      if (c >= '0' && c <= '9') {
         digit = true;
      } else if (c >= 'A' && c <= 'Z') {
         upper = true;
      } else if (c >= 'a' && c <= 'z') {
         lower = true;
      } else if (c != '_') {
         return false;
      }
   }
   return digit || (upper && lower);
}

}  // namespace

bool is_hashed_asset(std::string_view relative) {
   constexpr std::string_view kAssets = "assets/";
   if (relative.substr(0, kAssets.size()) != kAssets) return false;
   const std::size_t slash = relative.rfind('/');
   std::string_view stem = relative.substr(slash + 1);
   const std::size_t ext = stem.rfind('.');
   if (ext == std::string_view::npos || ext == 0) return false;
   stem = stem.substr(0, ext);
   const std::size_t separator = stem.find_last_of("-.");
   if (separator == std::string_view::npos) return false;
   return looks_like_hash(stem.substr(separator + 1));
}

std::string_view cache_control_for(std::string_view relative) {
   return is_hashed_asset(relative) ? kCacheImmutable : kCacheRevalidate;
}

}  // namespace portier::web
