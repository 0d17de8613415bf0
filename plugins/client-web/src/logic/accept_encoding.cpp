// SPDX-License-Identifier: GPL-3.0-or-later
#include "accept_encoding.h"

namespace portier::web {
namespace {

constexpr std::size_t kMaxAcceptEncodingBytes = 1024;
constexpr std::size_t kMaxCodings = 32;

std::string_view trim(std::string_view s) {
   while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
   while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
   return s;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
   if (a.size() != b.size()) return false;
   for (std::size_t i = 0; i < a.size(); ++i) {
      const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
      if (lower(a[i]) != lower(b[i])) return false;
   }
   return true;
}

// q from the parameters after the coding ("q=0.5"); 1 without one. Only "zero or not" matters:
// q=0, q=0.0, q=0.000 refuse; anything else accepts.
bool q_above_zero(std::string_view params) {
   while (!params.empty()) {
      const std::size_t semi = params.find(';');
      std::string_view param = trim(params.substr(0, semi));
      params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
      if (param.size() < 2 || (param[0] != 'q' && param[0] != 'Q') || param[1] != '=') continue;
      const std::string_view value = trim(param.substr(2));
      for (const char c : value) {
         if (c != '0' && c != '.') return true;
      }
      return false;
   }
   return true;
}

}  // namespace

std::string_view encoding_token(Encoding e) {
   switch (e) {
   case Encoding::gzip: return "gzip";
   case Encoding::br: return "br";
   case Encoding::identity: break;
   }
   return "";
}

std::string_view encoding_suffix(Encoding e) {
   switch (e) {
   case Encoding::gzip: return ".gz";
   case Encoding::br: return ".br";
   case Encoding::identity: break;
   }
   return "";
}

bool accepts(std::string_view header, std::string_view coding) {
   if (header.size() > kMaxAcceptEncodingBytes) return false;
   bool by_star = false;
   for (std::size_t item = 0; item < kMaxCodings && !header.empty(); ++item) {
      const std::size_t comma = header.find(',');
      const std::string_view entry = header.substr(0, comma);
      header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
      const std::size_t semi = entry.find(';');
      const std::string_view name = trim(entry.substr(0, semi));
      const std::string_view params = semi == std::string_view::npos ? std::string_view() : entry.substr(semi + 1);
      if (equal_ignoring_case(name, coding)) return q_above_zero(params);  // a named entry beats "*"
      if (name == "*") by_star = q_above_zero(params);
   }
   return by_star;
}

Encoding choose_encoding(std::string_view accept_encoding, bool have_br, bool have_gzip) {
   if (have_br && accepts(accept_encoding, "br")) return Encoding::br;
   if (have_gzip && accepts(accept_encoding, "gzip")) return Encoding::gzip;
   return Encoding::identity;
}

}  // namespace portier::web
