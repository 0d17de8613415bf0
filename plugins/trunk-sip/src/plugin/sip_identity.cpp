// SPDX-License-Identifier: GPL-3.0-or-later
#include "sip_identity.h"

#include <algorithm>
#include <cctype>

namespace portier::trunk {
namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
   if (text.size() < prefix.size()) return false;
   for (std::size_t i = 0; i < prefix.size(); ++i) {
      if (lower(text[i]) != lower(prefix[i])) return false;
   }
   return true;
}

int hex_value(char c) {
   if (c >= '0' && c <= '9') return c - '0';
   c = lower(c);
   if (c >= 'a' && c <= 'f') return c - 'a' + 10;
   return -1;
}

std::string percent_decode(std::string_view in) {
   std::string out;
   for (std::size_t i = 0; i < in.size(); ++i) {
      if (in[i] == '%' && i + 2 < in.size()) {
         const int hi = hex_value(in[i + 1]);
         const int lo = hex_value(in[i + 2]);
         if (hi >= 0 && lo >= 0) {
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
            continue;
         }
      }
      out.push_back(in[i]);
   }
   return out;
}

// The URI inside <...>, or the value up to its first ';' when it is a bare addr-spec.
std::string_view uri_of(std::string_view value) {
   const auto open = value.find('<');
   if (open != std::string_view::npos) {
      const auto close = value.find('>', open);
      if (close == std::string_view::npos) return {};
      return value.substr(open + 1, close - open - 1);
   }
   const auto semi = value.find(';');
   return value.substr(0, semi);
}

std::string trim(std::string_view s) {
   while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
   while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
   return std::string(s);
}

// The value of parameter `name` after the URI part of a header element ("reason=user-busy").
std::string element_param(std::string_view element, std::string_view name) {
   const auto close = element.find('>');
   std::string_view params = close == std::string_view::npos ? element : element.substr(close + 1);
   std::size_t at = 0;
   for (std::size_t guard = 0; guard < 64 && at < params.size(); ++guard) {
      const auto semi = params.find(';', at);
      if (semi == std::string_view::npos) break;
      auto end = params.find(';', semi + 1);
      std::string_view piece = params.substr(semi + 1, end == std::string_view::npos ? end : end - semi - 1);
      const auto eq = piece.find('=');
      if (eq != std::string_view::npos && starts_with_nocase(trim(piece.substr(0, eq)), name) &&
          trim(piece.substr(0, eq)).size() == name.size()) {
         std::string v = trim(piece.substr(eq + 1));
         if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
         return v;
      }
      if (end == std::string_view::npos) break;
      at = end;
   }
   return {};
}

std::int32_t reason_from_diversion(std::string_view reason) {
   std::string r;
   for (char c : reason) r.push_back(lower(c));
   if (r == "unconditional") return 1;
   if (r == "user-busy") return 2;
   if (r == "no-answer") return 3;
   return 0;
}

// History-Info carries the cause inside the URI: ?Reason=SIP%3Bcause%3D302 (RFC 4458 style).
std::int32_t reason_from_history(std::string_view element) {
   const std::string decoded = percent_decode(uri_of(element));
   std::string low;
   for (char c : decoded) low.push_back(lower(c));
   const auto at = low.find("cause=");
   if (at == std::string::npos) return 0;
   const std::string_view code = std::string_view(low).substr(at + 6, 3);
   if (code == "302") return 1;
   if (code == "486" || code == "600") return 2;
   if (code == "408" || code == "480" || code == "487") return 3;
   return 0;
}

}  // namespace

std::string uri_user(std::string_view value) {
   std::string_view uri = uri_of(value);
   while (!uri.empty() && std::isspace(static_cast<unsigned char>(uri.front()))) uri.remove_prefix(1);
   std::string_view rest;
   if (starts_with_nocase(uri, "sips:")) {
      rest = uri.substr(5);
   } else if (starts_with_nocase(uri, "sip:")) {
      rest = uri.substr(4);
   } else if (starts_with_nocase(uri, "tel:")) {
      rest = uri.substr(4);
      return percent_decode(rest.substr(0, std::min(rest.find(';'), rest.find('?'))));
   } else {
      return {};
   }
   const auto at = rest.find('@');
   if (at == std::string_view::npos) return {};
   std::string_view user = rest.substr(0, at);
   user = user.substr(0, user.find(';'));  // user parameters ("+49..;phone-context=...")
   user = user.substr(0, user.find(':'));  // a password, never used
   return percent_decode(user);
}

std::string display_name(std::string_view value) {
   const auto open = value.find('<');
   if (open == std::string_view::npos) return {};
   std::string name = trim(value.substr(0, open));
   if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
   return name;
}

std::vector<std::string> split_header_list(std::string_view value) {
   std::vector<std::string> out;
   bool quoted = false;
   int angle = 0;
   std::size_t start = 0;
   for (std::size_t i = 0; i <= value.size() && out.size() < kMaxDiversions; ++i) {
      const char c = i < value.size() ? value[i] : ',';
      if (c == '"') quoted = !quoted;
      if (!quoted && c == '<') ++angle;
      if (!quoted && c == '>' && angle > 0) --angle;
      if (c == ',' && !quoted && angle == 0) {
         std::string piece = trim(value.substr(start, i - start));
         if (!piece.empty()) out.push_back(std::move(piece));
         start = i + 1;
      }
   }
   return out;
}

CallIdentity read_identity(const IdentityHeaders &h) {
   CallIdentity who;
   who.called = uri_user(h.request_uri);
   const std::string *caller_value = &h.from;
   if (!h.asserted_identity.empty()) caller_value = &h.asserted_identity.front();
   who.caller = uri_user(*caller_value);
   who.caller_name = display_name(*caller_value);
   if (who.caller_name.empty()) who.caller_name = display_name(h.from);
   if (who.caller == "anonymous") who.caller.clear();
   who.original_called = who.called;

   std::vector<std::string> diversions;
   for (const std::string &v : h.diversion) {
      for (std::string &e : split_header_list(v)) {
         if (diversions.size() < kMaxDiversions) diversions.push_back(std::move(e));
      }
   }
   if (!diversions.empty()) {
      // RFC 5806: the topmost Diversion is the most recent one.
      who.diverted_from = uri_user(diversions.front());
      who.original_called = uri_user(diversions.back());
      who.diversion_reason = reason_from_diversion(element_param(diversions.front(), "reason"));
      return who;
   }
   std::vector<std::string> history;
   for (const std::string &v : h.history_info) {
      for (std::string &e : split_header_list(v)) {
         if (history.size() < kMaxDiversions) history.push_back(std::move(e));
      }
   }
   if (history.size() >= 2) {
      // RFC 7044: entries in order; the first is what was dialled, the last the current target,
      // the one before it the last diverting number.
      who.original_called = uri_user(history.front());
      who.diverted_from = uri_user(history[history.size() - 2]);
      who.diversion_reason = reason_from_history(history[history.size() - 2]);
      if (who.diversion_reason == 0) who.diversion_reason = reason_from_history(history.back());
   }
   return who;
}

}  // namespace portier::trunk
