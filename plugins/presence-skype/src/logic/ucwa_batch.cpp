// SPDX-License-Identifier: GPL-3.0-or-later
#include "ucwa_batch.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "ucwa_text.h"

namespace portier::skype {
namespace {

std::string_view trim(std::string_view t) {
   while (!t.empty() && (t.front() == ' ' || t.front() == '\t' || t.front() == '\r' || t.front() == '\n')) t.remove_prefix(1);
   while (!t.empty() && (t.back() == ' ' || t.back() == '\t' || t.back() == '\r' || t.back() == '\n')) t.remove_suffix(1);
   return t;
}

// Splits `block` at its first empty line (CRLF or LF): headers before, the rest after.
std::pair<std::string_view, std::string_view> split_head(std::string_view block) {
   std::size_t crlf = block.find("\r\n\r\n");
   std::size_t lf = block.find("\n\n");
   if (crlf != std::string_view::npos && (lf == std::string_view::npos || crlf < lf)) {
      return {block.substr(0, crlf), block.substr(crlf + 4)};
   }
   if (lf != std::string_view::npos) return {block.substr(0, lf), block.substr(lf + 2)};
   return {block, {}};
}

// The value of header `name` (lower case) in a header block, or "".
std::string header_in(std::string_view head, std::string_view name) {
   std::size_t pos = 0;
   while (pos < head.size()) {
      std::size_t end = head.find('\n', pos);
      if (end == std::string_view::npos) end = head.size();
      const std::string_view line = head.substr(pos, end - pos);
      const std::size_t colon = line.find(':');
      if (colon != std::string_view::npos && lower(trim(line.substr(0, colon))) == name) {
         return std::string(trim(line.substr(colon + 1)));
      }
      pos = end + 1;
   }
   return {};
}

}  // namespace

std::string batch_request_body(std::string_view boundary, std::string_view host, const std::vector<std::string> &paths) {
   std::string out;
   std::size_t n = 0;
   for (const std::string &path : paths) {
      ++n;
      out += "--" + std::string(boundary) + "\r\n";
      out += "Content-Type: application/http; msgtype=request\r\n";
      out += "Content-ID: <" + std::to_string(n) + ">\r\n\r\n";
      out += "GET " + path + " HTTP/1.1\r\n";
      out += "Host: " + std::string(host) + "\r\n";
      out += "Accept: application/json\r\n\r\n";
   }
   out += "--" + std::string(boundary) + "--\r\n";
   return out;
}

std::string batch_content_type(std::string_view boundary) {
   return "multipart/batching;boundary=" + std::string(boundary);
}

Result<std::vector<BatchPart>> parse_batch_answer(std::string_view content_type, std::string_view body) {
   const std::string lowered = lower(content_type);
   const std::size_t at = lowered.find("boundary=");
   if (at == std::string::npos) return portier::error(PORTIER_ERR_INVALID, "batch answer without a boundary");
   std::string_view boundary = content_type.substr(at + 9);
   boundary = boundary.substr(0, boundary.find(';'));
   boundary = trim(boundary);
   if (boundary.size() >= 2 && boundary.front() == '"' && boundary.back() == '"') {
      boundary = boundary.substr(1, boundary.size() - 2);
   }
   if (boundary.empty() || boundary.size() > 200) return portier::error(PORTIER_ERR_INVALID, "batch answer with a bad boundary");
   const std::string delimiter = "--" + std::string(boundary);
   std::vector<BatchPart> parts;
   std::size_t pos = body.find(delimiter);
   if (pos == std::string_view::npos) return portier::error(PORTIER_ERR_INVALID, "batch answer has no part (offset 0)");
   while (true) {
      pos += delimiter.size();
      if (body.substr(pos, 2) == "--") break;  // the closing delimiter
      const std::size_t next = body.find(delimiter, pos);
      if (next == std::string_view::npos) {
         return portier::error(PORTIER_ERR_INVALID, "batch part at offset " + std::to_string(pos) + " is not closed");
      }
      if (parts.size() == kMaxBatchParts) {
         return portier::error(PORTIER_ERR_INVALID, "batch answer has more than " + std::to_string(kMaxBatchParts) + " parts");
      }
      const auto [part_head, inner] = split_head(body.substr(pos, next - pos));
      BatchPart part;
      part.content_id = header_in(part_head, "content-id");
      if (part.content_id.size() >= 2 && part.content_id.front() == '<' && part.content_id.back() == '>') {
         part.content_id = part.content_id.substr(1, part.content_id.size() - 2);
      }
      const std::string_view embedded = trim(inner);
      const auto [response_head, response_body] = split_head(embedded);
      const std::size_t space = response_head.find(' ');
      if (response_head.rfind("HTTP/", 0) != 0 || space == std::string_view::npos) {
         return portier::error(PORTIER_ERR_INVALID,
                               "batch part at offset " + std::to_string(pos) + " has no HTTP status line");
      }
      const std::string_view code = response_head.substr(space + 1, 3);
      const auto [end, ec] = std::from_chars(code.data(), code.data() + code.size(), part.status);
      if (ec != std::errc() || end != code.data() + code.size()) {
         return portier::error(PORTIER_ERR_INVALID, "batch part at offset " + std::to_string(pos) + " has a bad status");
      }
      part.body = std::string(trim(response_body));
      parts.push_back(std::move(part));
      pos = next;
   }
   return parts;
}

std::string host_of(std::string_view url) {
   const std::size_t scheme = url.find("://");
   const std::size_t start = scheme == std::string_view::npos ? 0 : scheme + 3;
   const std::size_t end = url.find_first_of("/?#", start);
   return std::string(url.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
}

std::string path_of(std::string_view url) {
   const std::size_t scheme = url.find("://");
   const std::size_t start = scheme == std::string_view::npos ? 0 : scheme + 3;
   const std::size_t slash = url.find('/', start);
   if (slash == std::string_view::npos) return "/";
   std::string out(url.substr(slash));
   return out.substr(0, out.find('#'));
}

}  // namespace portier::skype
