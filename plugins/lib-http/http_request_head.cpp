// SPDX-License-Identifier: GPL-3.0-or-later
#include "http_request_head.h"

#include <algorithm>
#include <charconv>

namespace portier::http {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowered(std::string_view text) {
   std::string out(text);
   std::transform(out.begin(), out.end(), out.begin(), lower);
   return out;
}

std::string_view trimmed(std::string_view text) {
   while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
   while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
   return text;
}

// RFC 9110 token characters, for field names and the method.
bool is_token(std::string_view text) {
   if (text.empty()) return false;
   for (const char c : text) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
      if (!ok) return false;
   }
   return true;
}

bool fail(HeadProblem &problem, int status, std::size_t at, const std::string &what) {
   problem.status = status;
   problem.text = what + " at byte " + std::to_string(at);
   return false;
}

int hex_value(char c) {
   if (c >= '0' && c <= '9') return c - '0';
   if (c >= 'a' && c <= 'f') return c - 'a' + 10;
   if (c >= 'A' && c <= 'F') return c - 'A' + 10;
   return -1;
}

}  // namespace

std::string_view RequestHead::header(std::string_view lower_name) const {
   for (const auto &[name, value] : headers) {
      if (name == lower_name) return value;
   }
   return {};
}

std::size_t request_head_end(std::string_view data) {
   const std::size_t at = data.find("\r\n\r\n");
   return at == std::string_view::npos ? at : at + 4;
}

bool parse_request_head(std::string_view head, RequestHead &out, HeadProblem &problem) {
   out = RequestHead{};
   if (head.size() > kMaxRequestHead) return fail(problem, 431, kMaxRequestHead, "request head over 8192 bytes");
   std::size_t pos = 0;
   std::size_t eol = head.find("\r\n");
   if (eol == std::string_view::npos) return fail(problem, 400, 0, "no CRLF after the request line");
   const std::string_view line = head.substr(0, eol);
   const std::size_t sp1 = line.find(' ');
   const std::size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
   if (sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos) {
      return fail(problem, 400, 0, "request line is not 'METHOD TARGET VERSION'");
   }
   const std::string_view method = line.substr(0, sp1);
   const std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
   const std::string_view version = line.substr(sp2 + 1);
   if (!is_token(method)) return fail(problem, 400, 0, "malformed method");
   if (target.empty() || target.front() != '/') return fail(problem, 400, sp1 + 1, "target is not an absolute path");
   for (std::size_t i = 0; i < target.size(); ++i) {
      const auto c = static_cast<unsigned char>(target[i]);
      if (c <= 0x20 || c >= 0x7f) return fail(problem, 400, sp1 + 1 + i, "control or non-ASCII byte in the target");
   }
   if (version != "HTTP/1.1" && version != "HTTP/1.0") return fail(problem, 505, sp2 + 1, "unsupported version");
   out.method = method;
   const std::size_t q = target.find('?');
   out.path = target.substr(0, q);
   if (q != std::string_view::npos) out.query = target.substr(q + 1);
   pos = eol + 2;
   while (pos < head.size()) {
      eol = head.find("\r\n", pos);
      if (eol == std::string_view::npos) return fail(problem, 400, pos, "header field without CRLF");
      if (eol == pos) break;  // the blank line
      const std::string_view field = head.substr(pos, eol - pos);
      if (out.headers.size() >= kMaxHeaderFields) return fail(problem, 431, pos, "more than 64 header fields");
      const std::size_t colon = field.find(':');
      if (colon == std::string_view::npos || !is_token(field.substr(0, colon))) {
         return fail(problem, 400, pos, "malformed header field");
      }
      const std::string_view value = trimmed(field.substr(colon + 1));
      for (std::size_t i = 0; i < value.size(); ++i) {
         const auto c = static_cast<unsigned char>(value[i]);
         if ((c < 0x20 && c != '\t') || c == 0x7f) return fail(problem, 400, pos, "control byte in a header value");
      }
      std::string name = lowered(field.substr(0, colon));
      if (name == "content-length") {
         long long n = -1;
         const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
         if (ec != std::errc() || end != value.data() + value.size() || n < 0) {
            return fail(problem, 400, pos, "Content-Length is not a number");
         }
         if (out.content_length >= 0) return fail(problem, 400, pos, "Content-Length given twice");
         out.content_length = n;
      } else if (name == "transfer-encoding") {
         if (lowered(value).find("chunked") != std::string::npos) out.chunked = true;
      } else if (name == "expect") {
         if (lowered(value) == "100-continue") out.expect_continue = true;
      }
      out.headers.emplace_back(std::move(name), std::string(value));
      pos = eol + 2;
   }
   return true;
}

std::string query_decode(std::string_view text) {
   std::string out;
   out.reserve(text.size());
   for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (c == '+') {
         out.push_back(' ');
      } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
         out.push_back(static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
         i += 2;
      } else {
         out.push_back(c);
      }
   }
   return out;
}

bool query_value(std::string_view query, std::string_view name, std::string &value) {
   while (!query.empty()) {
      const std::size_t amp = query.find('&');
      const std::string_view pair = query.substr(0, amp);
      const std::size_t eq = pair.find('=');
      if (query_decode(pair.substr(0, eq)) == name) {
         value = eq == std::string_view::npos ? std::string() : query_decode(pair.substr(eq + 1));
         return true;
      }
      if (amp == std::string_view::npos) break;
      query.remove_prefix(amp + 1);
   }
   return false;
}

}  // namespace portier::http
