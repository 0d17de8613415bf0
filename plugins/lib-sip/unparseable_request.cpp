// SPDX-License-Identifier: GPL-3.0-or-later
// answer_unparseable: a second, forgiving read of bytes osip refused. It trusts nothing: every
// value is copied only when it is plain text, the top Via is read by its own small grammar
// (SIP/2.0/transport host[:port] *(;param)), empty parameters skipped.
#include "unparseable_request.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <vector>

#include "header_names.h"
#include "message_build.h"
#include "request_check.h"

namespace portier::sip {
namespace {

struct HeaderLine {
   std::string name;  // canonical (lower-case long form)
   std::string value;
};

std::string upper(std::string_view text) {
   std::string out(text);
   for (char &c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
   return out;
}

std::string_view trim_value(std::string_view text) {
   std::size_t first = text.find_first_not_of(" \t");
   if (first == std::string_view::npos) return {};
   std::size_t last = text.find_last_not_of(" \t");
   return text.substr(first, last - first + 1);
}

// Printable ASCII, tab or UTF-8 octets; no NUL, CR, LF or other controls.
bool plain_text(std::string_view text) {
   return !text.empty() && std::none_of(text.begin(), text.end(), [](char c) {
      auto u = static_cast<unsigned char>(c);
      return (u < 0x20 && u != '\t') || u == 0x7f;
   });
}

bool is_token(std::string_view text) {
   static constexpr std::string_view kMarks = "-.!%*_+`'~";
   return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
      auto u = static_cast<unsigned char>(c);
      return std::isalnum(u) || kMarks.find(c) != std::string_view::npos;
   });
}

std::vector<std::string_view> split_spaces(std::string_view line) {
   std::vector<std::string_view> words;
   std::size_t at = 0;
   while (at < line.size() && words.size() < 16) {
      std::size_t start = line.find_first_not_of(' ', at);
      if (start == std::string_view::npos) break;
      std::size_t end = line.find(' ', start);
      if (end == std::string_view::npos) end = line.size();
      words.push_back(line.substr(start, end - start));
      at = end;
   }
   return words;
}

// Header lines after the start line up to the blank line (or the end: RFC 4475's baddn has none),
// folded lines joined; lines without a colon are skipped.
std::vector<HeaderLine> header_lines(std::string_view text) {
   std::vector<HeaderLine> lines;
   std::size_t at = 0;
   for (std::size_t count = 0; at < text.size() && count < kMaxLooseHeaderLines; ++count) {
      std::size_t end = text.find('\n', at);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(at, end - at);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      at = end + 1;
      if (line.empty()) break;
      if ((line[0] == ' ' || line[0] == '\t') && !lines.empty()) {
         lines.back().value += " " + std::string(trim_value(line));
         continue;
      }
      std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      lines.push_back({canonical_header_name(trim_value(line.substr(0, colon))), std::string(trim_value(line.substr(colon + 1)))});
   }
   return lines;
}

const HeaderLine *first(const std::vector<HeaderLine> &lines, std::string_view name) {
   auto found = std::find_if(lines.begin(), lines.end(), [&](const HeaderLine &line) { return line.name == name; });
   return found == lines.end() ? nullptr : &*found;
}

bool host_character(char c) {
   auto u = static_cast<unsigned char>(c);
   return std::isalnum(u) || c == '.' || c == '-' || c == '_' || c == ':' || c == '[' || c == ']';
}

// The top Via value, read by hand; empty parameters (";;") skipped, as RFC 4475 3.1.2.1 shows them.
std::optional<Via> read_via(std::string_view value) {
   value = trim_value(value.substr(0, value.find(',')));
   // "SIP/2.0/" by RFC 3261; another version (RFC 4475 3.1.2.16) still says where to send a 505.
   constexpr std::string_view kPrefix = "SIP/";
   if (value.size() <= kPrefix.size() || upper(value.substr(0, kPrefix.size())) != kPrefix) return std::nullopt;
   value.remove_prefix(kPrefix.size());
   std::size_t version_end = value.find('/');
   if (version_end == std::string_view::npos || version_end > 8) return std::nullopt;
   value.remove_prefix(version_end + 1);
   std::size_t space = value.find_first_of(" \t");
   if (space == std::string_view::npos) return std::nullopt;
   Via via;
   via.transport = upper(value.substr(0, space));
   if (!is_token(via.transport)) return std::nullopt;
   value = trim_value(value.substr(space));
   std::size_t semicolon = value.find(';');
   std::string_view sent_by = trim_value(value.substr(0, semicolon));
   std::string_view params = semicolon == std::string_view::npos ? std::string_view{} : value.substr(semicolon);
   std::string_view host = sent_by;
   std::string_view port_text;
   if (!sent_by.empty() && sent_by.front() == '[') {  // IPv6 reference
      std::size_t close = sent_by.find(']');
      if (close == std::string_view::npos) return std::nullopt;
      host = sent_by.substr(0, close + 1);
      if (close + 1 < sent_by.size()) {
         if (sent_by[close + 1] != ':') return std::nullopt;
         port_text = sent_by.substr(close + 2);
      }
   } else if (std::size_t colon = sent_by.find(':'); colon != std::string_view::npos) {
      host = sent_by.substr(0, colon);
      port_text = sent_by.substr(colon + 1);
      if (port_text.empty()) return std::nullopt;
   }
   if (!port_text.empty()) {
      unsigned port = 0;
      auto [ptr, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
      if (ec != std::errc() || ptr != port_text.data() + port_text.size() || port == 0 || port > 65535)
         return std::nullopt;
      via.port = static_cast<std::uint16_t>(port);
   }
   if (host.empty() || !std::all_of(host.begin(), host.end(), host_character)) return std::nullopt;
   via.host = std::string(host);
   for (std::size_t guard = 0; !params.empty() && guard < 64; ++guard) {
      params.remove_prefix(1);  // the ';'
      std::size_t next = params.find(';');
      std::string_view param = trim_value(params.substr(0, next));
      params = next == std::string_view::npos ? std::string_view{} : params.substr(next);
      if (param.empty()) continue;
      std::size_t equals = param.find('=');
      std::string name = upper(trim_value(param.substr(0, equals)));
      std::string_view text = equals == std::string_view::npos ? std::string_view{} : trim_value(param.substr(equals + 1));
      if (name == "BRANCH") via.branch = std::string(text);
      else if (name == "RECEIVED" && !text.empty() && std::all_of(text.begin(), text.end(), host_character))
         via.received = std::string(text);  // else left out: it would be copied into the answer
      else if (name == "RPORT") {
         via.has_rport = true;
         unsigned port = 0;
         auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
         if (!text.empty() && ec == std::errc() && ptr == text.data() + text.size() && port > 0 && port <= 65535)
            via.rport = static_cast<std::uint16_t>(port);
      }
   }
   if (!plain_text(via.branch) && !via.branch.empty()) return std::nullopt;
   return via;
}

bool clean_cseq(std::string_view value) {
   std::vector<std::string_view> words = split_spaces(value);
   if (words.size() != 2 || words[0].size() > 10 || !is_token(words[1])) return false;
   std::uint64_t number = 0;
   auto [ptr, ec] = std::from_chars(words[0].data(), words[0].data() + words[0].size(), number);
   return ec == std::errc() && ptr == words[0].data() + words[0].size() && number <= 0xffffffffULL;
}

bool balanced_quotes(std::string_view value) {
   std::size_t quotes = 0;
   for (std::size_t i = 0; i < value.size(); ++i) {
      if (value[i] == '\\') ++i;
      else if (value[i] == '"') ++quotes;
   }
   return quotes % 2 == 0;
}

bool has_tag(std::string_view value) {
   std::string text = upper(value);
   std::size_t close = text.rfind('>');
   return text.find(";TAG=", close == std::string::npos ? 0 : close) != std::string::npos;
}

bool scheme_syntax(std::string_view uri, std::string &scheme) {
   std::size_t colon = uri.find(':');
   if (colon == 0 || colon == std::string_view::npos) return false;
   std::string_view name = uri.substr(0, colon);
   if (!std::isalpha(static_cast<unsigned char>(name[0]))) return false;
   for (char c : name)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return false;
   scheme = upper(name);
   return true;
}

}  // namespace

std::optional<LooseAnswer> answer_unparseable(std::string_view bytes, std::string_view problem) {
   if (bytes.size() > kMaxMessageSize) return std::nullopt;
   std::size_t lead = bytes.find_first_not_of("\r\n");
   if (lead == std::string_view::npos) return std::nullopt;
   bytes.remove_prefix(lead);
   std::size_t line_end = bytes.find('\n');
   if (line_end == std::string_view::npos) return std::nullopt;  // not even one whole line
   std::string_view start = bytes.substr(0, line_end);
   if (!start.empty() && start.back() == '\r') start.remove_suffix(1);
   std::vector<std::string_view> words = split_spaces(start);
   if (words.size() < 3) return std::nullopt;
   std::string_view method = words.front();
   std::string version = upper(words.back());
   if (upper(method).rfind("SIP/", 0) == 0) return std::nullopt;  // a response: never answered
   if (version.rfind("SIP/", 0) != 0) return std::nullopt;         // not SIP at all
   if (method == "ACK") return std::nullopt;

   std::vector<HeaderLine> lines = header_lines(bytes.substr(line_end + 1));
   const HeaderLine *top_via = first(lines, "via");
   if (top_via == nullptr) return std::nullopt;
   std::optional<Via> via = read_via(top_via->value);
   if (!via) return std::nullopt;

   LooseAnswer answer;
   answer.via = *via;
   std::string scheme;
   if (version != "SIP/2.0") {
      answer.status = 505;
   } else if (is_token(method) && !is_known_method(method)) {
      answer.status = 501;
   } else if (words.size() == 3 && scheme_syntax(words[1], scheme) && scheme != "SIP" && scheme != "SIPS" &&
              scheme != "TEL") {
      answer.status = 416;
   } else {
      answer.status = 400;
   }
   answer.reason = answer.status == 400 ? reason_from("Bad Request (" + std::string(problem) + ")")
                                         : reason_phrase(answer.status);

   std::string out = "SIP/2.0 " + std::to_string(answer.status) + " " + answer.reason + "\r\n";
   bool top = true;
   for (const HeaderLine &line : lines) {
      if (line.name != "via") continue;
      if (top) {
         // The top Via rebuilt from what was read, so the client's parser sees a clean one.
         out += "Via: SIP/2.0/" + via->transport + " " + via->host +
                (via->port != 0 ? ":" + std::to_string(via->port) : std::string()) +
                (via->branch.empty() ? std::string() : ";branch=" + via->branch) +
                (via->received ? ";received=" + *via->received : std::string()) +
                (via->has_rport ? ";rport" + (via->rport ? "=" + std::to_string(*via->rport) : std::string()) : std::string()) +
                "\r\n";
         top = false;
      } else if (plain_text(line.value)) {
         out += "Via: " + line.value + "\r\n";
      }
   }
   const HeaderLine *from = first(lines, "from");
   if (from != nullptr && plain_text(from->value) && balanced_quotes(from->value)) out += "From: " + from->value + "\r\n";
   const HeaderLine *to = first(lines, "to");
   if (to != nullptr && plain_text(to->value) && balanced_quotes(to->value))
      out += "To: " + to->value + (has_tag(to->value) ? std::string() : ";tag=" + new_tag()) + "\r\n";
   const HeaderLine *call_id = first(lines, "call-id");
   if (call_id != nullptr && plain_text(call_id->value) && call_id->value.find(' ') == std::string::npos)
      out += "Call-ID: " + call_id->value + "\r\n";
   const HeaderLine *cseq = first(lines, "cseq");
   if (cseq != nullptr && clean_cseq(cseq->value)) out += "CSeq: " + cseq->value + "\r\n";
   out += "Content-Length: 0\r\n\r\n";
   answer.bytes = std::move(out);
   return answer;
}

}  // namespace portier::sip
