// SPDX-License-Identifier: GPL-3.0-or-later
// parse_message: osip's parser, then the musts of RFC 3261 that osip does not enforce
// (8.1.1, 18.3, 20.14, 20.16, 20.22, 20.42).
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <string>

#include <osipparser2/osip_message.h>
#include <osipparser2/osip_parser.h>

#include "header_names.h"
#include "message.h"
#include "osip_setup.h"
#include "osip_text.h"

namespace portier::sip {
namespace {

ParseResult failure(std::string error) { return ParseResult{std::nullopt, std::move(error)}; }

std::string_view first_line(std::string_view bytes) {
   std::size_t end = bytes.find_first_of("\r\n");
   std::string_view line = bytes.substr(0, end);
   return line.substr(0, 80);
}

// The length of the line end at `at` (CRLF, CR or LF), 0 when there is none.
std::size_t line_end_at(std::string_view bytes, std::size_t at) {
   if (at >= bytes.size() || (bytes[at] != '\r' && bytes[at] != '\n')) return 0;
   return bytes[at] == '\r' && at + 1 < bytes.size() && bytes[at + 1] == '\n' ? 2 : 1;
}

// Bytes after the empty line that ends the headers; npos when there is none. As for osip, CR, LF
// and CRLF each end a line, so "\n\r\n" ends the headers too: looking only for CRLF CRLF and
// LF LF, a body after "\n\r\n" was taken for more headers and its parts went unchecked (the
// multipart check below missed a repeated Content-Type that osip then leaked; fuzz/sip_request).
std::size_t body_offset(std::string_view bytes) {
   std::size_t at = bytes.find_first_of("\r\n");
   while (at != std::string_view::npos) {
      const std::size_t next = at + line_end_at(bytes, at);
      if (const std::size_t empty = line_end_at(bytes, next); empty > 0) return next + empty;
      at = bytes.find_first_of("\r\n", next);
   }
   return std::string_view::npos;
}

bool all_digits(std::string_view text) {
   if (text.empty() || text.size() > 10) return false;
   for (char c : text)
      if (c < '0' || c > '9') return false;
   return true;
}

bool filled(const char *text) { return text != nullptr && text[0] != '\0'; }

bool well_formed(const osip_via_t *via) {
   if (via == nullptr || !filled(via->version) || !filled(via->protocol) || !filled(via->host)) return false;
   for (const char *c = via->host; *c != '\0'; ++c) {
      auto u = static_cast<unsigned char>(*c);
      if (!std::isalnum(u) && *c != '.' && *c != '-' && *c != '_' && *c != ':' && *c != '[' && *c != ']') return false;
   }
   return via->port == nullptr || via->port[0] == '\0' || (all_digits(via->port) && std::strtoul(via->port, nullptr, 10) <= 65535);
}

std::size_t occurrences(std::string_view text, std::string_view word) {
   std::size_t count = 0;
   for (std::size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + word.size())) ++count;
   return count;
}

std::string lowered(std::string_view text) {
   std::string out(text);
   for (char &c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
   return out;
}

// libosip2 5.3 loses a multipart part's first Content-Type when the part names a second one
// (osip_body_set_contenttype does not free it). A part's headers lie in one run of non-empty
// lines, wherever in it osip finds the part's start, so a body with a run that says
// "content-type" twice is refused before osip sees it. CR, LF and CRLF end a line, as for osip.
bool part_repeats_content_type(std::string_view body) {
   const std::string lower = lowered(body);
   const std::string_view text(lower);
   std::size_t run_start = 0;
   std::size_t at = 0;
   for (;;) {
      std::size_t end = text.find_first_of("\r\n", at);
      if (end == std::string_view::npos) end = text.size();
      if (end == at && occurrences(text.substr(run_start, at - run_start), "content-type") > 1) return true;
      if (end == text.size()) return occurrences(text.substr(run_start), "content-type") > 1;
      const std::size_t next = end + (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n' ? 2 : 1);
      if (end == at) run_start = next;  // an empty line closes the run
      at = next;
   }
}

}  // namespace

ParseResult parse_message(std::string_view bytes, bool stream) {
   return parse_message(bytes, ParseOptions{.stream = stream, .rfc2543 = false});
}

ParseResult parse_message(std::string_view bytes, const ParseOptions &options) {
   const bool stream = options.stream;
   ensure_osip();
   if (bytes.size() > kMaxMessageSize)
      return failure("message of " + std::to_string(bytes.size()) + " bytes exceeds the limit of " +
                     std::to_string(kMaxMessageSize));
   std::size_t lead = bytes.find_first_not_of("\r\n");
   if (lead == std::string_view::npos) return failure("empty message");
   bytes.remove_prefix(lead);  // 7.5: CRLFs before the start line are ignored
   std::size_t body_at = body_offset(bytes);
   if (body_at == std::string_view::npos) return failure("no blank line ends the headers");

   std::string where_cl = "in '" + std::string(first_line(bytes)) + "'";
   std::size_t actual = bytes.size() - body_at;
   std::optional<std::string_view> length_text = header_in_text(bytes.substr(0, body_at), "content-length");
   if (!length_text) {
      if (stream) return failure("no Content-Length on a stream transport " + where_cl);
   } else {
      if (!all_digits(*length_text))
         return failure("Content-Length '" + std::string(*length_text) + "' is not a number " + where_cl);
      std::size_t declared = std::strtoul(std::string(*length_text).c_str(), nullptr, 10);
      // 18.3: a datagram whose body is shorter than Content-Length is discarded; longer is cut.
      if (declared > actual)
         return failure("Content-Length " + std::to_string(declared) + " exceeds the " + std::to_string(actual) +
                        " bytes of body " + where_cl);
      if (stream && declared != actual)
         return failure("Content-Length " + std::to_string(declared) + " differs from the " + std::to_string(actual) +
                        " bytes of body " + where_cl);
   }

   if (lowered(bytes.substr(0, body_at)).find("multipart") != std::string::npos && part_repeats_content_type(bytes.substr(body_at)))
      return failure("a part of the multipart body has more than one Content-Type " + where_cl);

   osip_message_t *raw = nullptr;
   if (osip_message_init(&raw) != OSIP_SUCCESS) return failure("out of memory");
   Message message(raw);
   std::string copy(bytes);  // osip reads up to a terminating NUL in places
   if (osip_message_parse(raw, copy.c_str(), copy.size()) != OSIP_SUCCESS)
      return failure("start line or a header cannot be parsed (start line '" + std::string(first_line(bytes)) +
                     "')");

   std::string where = "in '" + std::string(first_line(bytes)) + "'";
   if (raw->sip_version == nullptr || std::string_view(raw->sip_version) != "SIP/2.0")
      return failure("version is not SIP/2.0 " + where);
   if (message.is_request()) {
      if (raw->req_uri == nullptr || message.request_uri().empty()) return failure("request line has no Request-URI " + where);
   } else if (raw->status_code < 100 || raw->status_code > 699) {
      return failure("status code " + std::to_string(raw->status_code) + " is not in 100..699");
   }
   std::optional<Via> via = message.top_via();
   if (!via) return failure("no Via header " + where);
   if (via->host.empty()) return failure("top Via has no sent-by host " + where);
   // osip reads a Via such as "SIP / 2.0 / UDP5.111 ;branch=x" or "SIP//UDP h:5999INVITE" without
   // complaint, then writes it back in a form it cannot read: every via-parm needs its protocol,
   // version and sent-by (20.42), and a port is digits.
   int via_count = osip_list_size(&raw->vias);
   for (int i = 0; i < via_count; ++i) {
      auto *each = static_cast<osip_via_t *>(osip_list_get(&raw->vias, i));
      if (!well_formed(each)) return failure("Via " + std::to_string(i + 1) + " has no valid sent-by " + where);
   }
   if (message.is_request() && via->branch.empty() && !options.rfc2543) return failure("top Via has no branch parameter " + where);
   if (raw->from == nullptr) return failure("no From header " + where);
   if (raw->to == nullptr) return failure("no To header " + where);
   if (raw->call_id == nullptr || message.call_id().empty()) return failure("no Call-ID header " + where);
   std::optional<CSeq> cseq = message.cseq();
   if (!cseq) return failure("no CSeq header, or its number is not a 32-bit integer " + where);
   if (message.is_request() && cseq->method != message.method())
      return failure("CSeq method '" + cseq->method + "' differs from the request method '" + message.method() + "'");
   if (message.is_request()) {
      std::optional<std::string> max_forwards = message.header("Max-Forwards");
      if (!max_forwards && !options.rfc2543) return failure("request has no Max-Forwards header " + where);
      if (max_forwards && !all_digits(*max_forwards)) return failure("Max-Forwards '" + *max_forwards + "' is not a number " + where);
   }

   return ParseResult{std::move(message), {}};
}

}  // namespace portier::sip
