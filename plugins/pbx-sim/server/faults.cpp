// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/faults.h"

#include <array>
#include <vector>

#include <portier/csta/framing.h>
#include <portier/csta/messages.h>

namespace portier::pbxsim {
namespace {

constexpr std::size_t kMaxWords = 16;  // no valid line has more than 5; the rest is reported
constexpr std::array<std::string_view, 8> kCategories = {
   "operation",     "security",           "stateIncompatibility", "systemResourceAvailability",
   "subscribedResourceAvailability", "performanceManagement", "privateData", "unspecified"};
constexpr std::string_view kFaultNames =
   "error, delay, drop, reset, oversized, malformed, truncated, noise or clear";

struct Word {
   std::string_view text;
   std::size_t number = 0;  // 1-based, as the messages count
};

std::vector<Word> split(std::string_view line) {
   std::vector<Word> words;
   std::size_t i = 0;
   while (i < line.size() && words.size() < kMaxWords) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
      const std::size_t start = i;
      while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
      if (i > start) words.push_back({line.substr(start, i - start), words.size() + 1});
   }
   return words;
}

std::string at(const Word &w) { return "word " + std::to_string(w.number) + " (\"" + std::string(w.text) + "\")"; }
std::string missing(std::size_t number, std::string_view what) {
   return "word " + std::to_string(number) + ": missing " + std::string(what);
}

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// An XML local name as CSTA uses them: a letter or '_' first, then letters, digits, _ - .
bool is_name(std::string_view s) {
   if (s.empty() || !(is_letter(s[0]) || s[0] == '_')) return false;
   for (char c : s) {
      if (!is_letter(c) && !is_digit(c) && c != '_' && c != '-' && c != '.') return false;
   }
   return true;
}

// Decimal in [low, high]; at most 7 digits are read, so nothing overflows.
std::optional<std::uint32_t> number(std::string_view s, std::uint32_t low, std::uint32_t high) {
   if (s.empty() || s.size() > 7) return std::nullopt;
   std::uint32_t value = 0;
   for (char c : s) {
      if (!is_digit(c)) return std::nullopt;
      value = value * 10 + static_cast<std::uint32_t>(c - '0');
   }
   if (value < low || value > high) return std::nullopt;
   return value;
}

bool is_category(std::string_view s) {
   for (std::string_view c : kCategories) {
      if (c == s) return true;
   }
   return false;
}

std::string category_list() {
   std::string out;
   for (std::size_t i = 0; i < kCategories.size(); ++i) {
      if (i > 0) out += i + 1 == kCategories.size() ? " or " : ", ";
      out += kCategories[i];
   }
   return out;
}

// Reads `[times N|always]` from words[next...] to the end of the line.
bool read_times(const std::vector<Word> &words, std::size_t next, Fault &fault, std::string &error) {
   if (next >= words.size()) return true;
   if (words[next].text != "times") {
      error = at(words[next]) + ": unexpected; expected \"times N\" or the end of the line";
      return false;
   }
   if (next + 1 >= words.size()) {
      error = missing(next + 2, "a count after \"times\" (1.." + std::to_string(kMaxTimes) + " or always)");
      return false;
   }
   const Word &n = words[next + 1];
   if (n.text == "always") {
      fault.times = kAlways;
   } else if (auto value = number(n.text, 1, kMaxTimes)) {
      fault.times = *value;
   } else {
      error = at(n) + ": not a count (1.." + std::to_string(kMaxTimes) + " or always)";
      return false;
   }
   if (next + 2 < words.size()) {
      error = at(words[next + 2]) + ": unexpected; expected the end of the line";
      return false;
   }
   return true;
}

bool read_request(const std::vector<Word> &words, Fault &fault, std::string &error) {
   if (words.size() < 2) {
      error = missing(2, "<Request|*>");
      return false;
   }
   if (words[1].text != "*" && !is_name(words[1].text)) {
      error = at(words[1]) + ": not a request name or *";
      return false;
   }
   fault.request = std::string(words[1].text);
   return true;
}

bool read_error_code(const Word &w, Fault &fault, std::string &error) {
   const std::size_t slash = w.text.find('/');
   if (slash == std::string_view::npos) {
      error = at(w) + ": expected <category>/<value>";
      return false;
   }
   const std::string_view category = w.text.substr(0, slash);
   const std::string_view value = w.text.substr(slash + 1);
   if (!is_category(category)) {
      error = at(w) + ": unknown category \"" + std::string(category) + "\"; expected " + category_list();
      return false;
   }
   if (!is_name(value)) {
      error = at(w) + ": the value after \"/\" is not a name";
      return false;
   }
   fault.category = std::string(category);
   fault.value = std::string(value);
   return true;
}

bool no_more(const std::vector<Word> &words, std::size_t count, std::string &error) {
   if (words.size() <= count) return true;
   error = at(words[count]) + ": unexpected; expected the end of the line";
   return false;
}

std::optional<Fault> parse_words(const std::vector<Word> &words, std::string &error) {
   if (words.empty()) {
      error = missing(1, "fault (" + std::string(kFaultNames) + ")");
      return std::nullopt;
   }
   const std::string_view keyword = words[0].text;
   Fault fault;
   if (keyword == "error") {
      fault.kind = FaultKind::error;
      if (!read_request(words, fault, error)) return std::nullopt;
      if (words.size() < 3) {
         error = missing(3, "<category>/<value>");
         return std::nullopt;
      }
      if (!read_error_code(words[2], fault, error) || !read_times(words, 3, fault, error)) return std::nullopt;
      return fault;
   }
   if (keyword == "delay") {
      fault.kind = FaultKind::delay;
      if (!read_request(words, fault, error)) return std::nullopt;
      if (words.size() < 3) {
         error = missing(3, "<ms>");
         return std::nullopt;
      }
      const auto ms = number(words[2].text, 0, kMaxDelayMs);
      if (!ms) {
         error = at(words[2]) + ": not a number of milliseconds (0.." + std::to_string(kMaxDelayMs) + ")";
         return std::nullopt;
      }
      fault.delay_ms = *ms;
      if (!read_times(words, 3, fault, error)) return std::nullopt;
      return fault;
   }
   if (keyword == "drop") {
      fault.kind = FaultKind::drop;
      if (!read_request(words, fault, error) || !read_times(words, 2, fault, error)) return std::nullopt;
      return fault;
   }
   if (keyword == "noise") {
      fault.kind = FaultKind::noise;
      if (words.size() < 2) {
         error = missing(2, "on|off");
         return std::nullopt;
      }
      if (words[1].text != "on" && words[1].text != "off") {
         error = at(words[1]) + ": expected on or off";
         return std::nullopt;
      }
      fault.on = words[1].text == "on";
      if (!no_more(words, 2, error)) return std::nullopt;
      return fault;
   }
   static constexpr std::array<std::pair<std::string_view, FaultKind>, 5> kBare = {{
      {"reset", FaultKind::reset},
      {"oversized", FaultKind::oversized},
      {"malformed", FaultKind::malformed},
      {"truncated", FaultKind::truncated},
      {"clear", FaultKind::clear},
   }};
   for (const auto &[name, kind] : kBare) {
      if (keyword != name) continue;
      fault.kind = kind;
      if (!no_more(words, 1, error)) return std::nullopt;
      return fault;
   }
   error = at(words[0]) + ": unknown fault; expected " + std::string(kFaultNames);
   return std::nullopt;
}

// Index just past the root's start tag and of its end tag; nullopt when there is none to use
// (no root, an empty-element root, or no closing tag).
struct RootSpan {
   std::size_t content_begin = 0;
   std::size_t content_end = 0;
};

// Index of the root's '<', skipping the XML declaration, processing instructions and comments.
std::optional<std::size_t> root_open(std::string_view xml) {
   std::size_t i = 0;
   while (i < xml.size()) {
      const std::size_t lt = xml.find('<', i);
      if (lt == std::string_view::npos || lt + 1 >= xml.size()) return std::nullopt;
      if (xml[lt + 1] == '?') {
         const std::size_t end = xml.find("?>", lt + 2);
         if (end == std::string_view::npos) return std::nullopt;
         i = end + 2;
      } else if (xml.substr(lt + 1, 3) == "!--") {
         const std::size_t end = xml.find("-->", lt + 4);
         if (end == std::string_view::npos) return std::nullopt;
         i = end + 3;
      } else if (xml[lt + 1] == '!') {
         return std::nullopt;  // DOCTYPE or CDATA before the root: not a CSTA document
      } else {
         return lt;
      }
   }
   return std::nullopt;
}

std::optional<RootSpan> root_span(std::string_view xml) {
   const auto open = root_open(xml);
   if (!open) return std::nullopt;
   char quote = 0;
   for (std::size_t i = *open + 1; i < xml.size(); ++i) {
      const char c = xml[i];
      if (quote != 0) {
         if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
         quote = c;
      } else if (c == '>') {
         if (xml[i - 1] == '/') return std::nullopt;
         const std::size_t close = xml.rfind("</");
         if (close == std::string_view::npos || close <= i) return std::nullopt;
         return RootSpan{i + 1, close};
      }
   }
   return std::nullopt;
}

std::string header(std::uint32_t length, std::uint16_t invoke_id) {
   std::string h;
   h.push_back(static_cast<char>((length >> 24) & 0xFF));
   h.push_back(static_cast<char>((length >> 16) & 0xFF));
   h.push_back(static_cast<char>((length >> 8) & 0xFF));
   h.push_back(static_cast<char>(length & 0xFF));
   h += std::to_string(invoke_id);  // only used with 9999: four digits
   return h;
}

std::string event_prefix(std::string_view root) {
   return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><" + std::string(root) + " xmlns=\"" +
          std::string(csta::kNamespaceEd4) + "\"><monitorCrossRefID>0</monitorCrossRefID>";
}

constexpr std::size_t kOversizedBody = 70000;  // above the 65527 a 16-bit length can carry

}  // namespace

std::optional<Fault> parse_fault(std::string_view line, std::string &error) {
   if (line.size() > kMaxFaultLine) {
      error = "line longer than " + std::to_string(kMaxFaultLine) + " characters";
      return std::nullopt;
   }
   return parse_words(split(line), error);
}

bool fault_matches(std::string_view pattern, std::string_view request) {
   return pattern == "*" || pattern == request;
}

std::string_view root_local_name(std::string_view xml) {
   const auto open = root_open(xml);
   if (!open) return {};
   std::size_t end = *open + 1;
   while (end < xml.size() && xml[end] != ' ' && xml[end] != '\t' && xml[end] != '\r' && xml[end] != '\n' &&
          xml[end] != '>' && xml[end] != '/') {
      ++end;
   }
   std::string_view name = xml.substr(*open + 1, end - *open - 1);
   if (const std::size_t colon = name.find(':'); colon != std::string_view::npos) name.remove_prefix(colon + 1);
   return name;
}

std::string with_noise(std::string_view event_xml) {
   const auto span = root_span(event_xml);
   if (!span) return std::string(event_xml);
   // A vendor's element in its own namespace, holding names the parser knows elsewhere.
   static constexpr std::string_view kFront =
      "<v:vendorTrace xmlns:v=\"urn:example:pbx-vendor:trace\" v:level=\"3\">"
      "<v:callID>FFFF0000FFFF0000</v:callID><v:deviceID>N&lt;+49999&gt;Noise</v:deviceID>"
      "<v:note>noise &amp; more</v:note></v:vendorTrace>"
      "<unknownFutureField>42</unknownFutureField>";
   // OSV's private data: the Siemens namespace inside extensions/privateData/private.
   static constexpr std::string_view kBack =
      "<extensions><privateData><private>"
      "<scx:callInfo xmlns:scx=\"http://www.siemens.com/schema/csta\">"
      "<scx:globalCallID>0123456789ABCDEF</scx:globalCallID>"
      "<scx:connection><scx:callID>DEAD</scx:callID><scx:deviceID>777</scx:deviceID></scx:connection>"
      "<scx:monitorCrossRefID>99999</scx:monitorCrossRefID>"
      "</scx:callInfo></private></privateData></extensions>";
   std::string out;
   out.reserve(event_xml.size() + kFront.size() + kBack.size());
   out.append(event_xml.substr(0, span->content_begin));
   out.append(kFront);
   out.append(event_xml.substr(span->content_begin, span->content_end - span->content_begin));
   out.append(kBack);
   out.append(event_xml.substr(span->content_end));
   return out;
}

std::string oversized_frame() {
   std::string body = event_prefix("CallInformationEvent") + "<!--";
   const std::string tail = "--></CallInformationEvent>";
   body.append(kOversizedBody - body.size() - tail.size(), 'x');
   body += tail;
   return header(static_cast<std::uint32_t>(csta::kHeaderSize + body.size()), csta::kEventInvokeId) + body;
}

std::string malformed_frame() {
   // callID closed by </deviceID>: expat stops there
   const std::string body = event_prefix("DeliveredEvent") +
                            "<connection><callID>0A0B</deviceID></connection></DeliveredEvent>";
   return *csta::encode_frame(csta::kEventInvokeId, body);
}

std::string truncated_frame() {
   const std::string body = event_prefix("DeliveredEvent") +
                            "<connection><callID>0A0B</callID><deviceID>100</deviceID></connection>"
                            "<localConnectionInfo>alerting</localConnectionInfo></DeliveredEvent>";
   std::string frame = *csta::encode_frame(csta::kEventInvokeId, body);
   frame.resize(csta::kHeaderSize + body.size() / 2);
   return frame;
}

}  // namespace portier::pbxsim
