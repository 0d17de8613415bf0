// SPDX-License-Identifier: GPL-3.0-or-later
#include "mp2_parser.h"

#include <utility>

namespace portier::osv {
namespace {

constexpr std::string_view kHeaderStart = "FILE VERSION:";
constexpr std::string_view kHeaderEnd = ":MP2";
constexpr std::string_view kTerminator = ";;";
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool is_space(char c) { return c == ' ' || c == '\t'; }

bool is_name_char(char c) {
   return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
          c == '-' || c == '.';
}

std::string_view trim_line(std::string_view s) {
   while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
   while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
   return s;
}

// Length of the valid UTF-8 sequence at the start of `s`, or 0 when it is not one.
std::size_t utf8_sequence(std::string_view s) {
   const auto b0 = static_cast<unsigned char>(s[0]);
   std::size_t n = 0;
   unsigned min = 0;
   if (b0 < 0x80) return 1;
   if (b0 >= 0xC2 && b0 <= 0xDF) { n = 2; min = 0x80; }
   else if (b0 >= 0xE0 && b0 <= 0xEF) { n = 3; min = 0x800; }
   else if (b0 >= 0xF0 && b0 <= 0xF4) { n = 4; min = 0x10000; }
   else return 0;
   if (s.size() < n) return 0;
   unsigned cp = b0 & (0x7Fu >> n);
   for (std::size_t i = 1; i < n; ++i) {
      const auto b = static_cast<unsigned char>(s[i]);
      if ((b & 0xC0u) != 0x80u) return 0;
      cp = (cp << 6) | (b & 0x3Fu);
   }
   if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
   return n;
}

bool valid_utf8(std::string_view s) {
   while (!s.empty()) {
      const std::size_t n = utf8_sequence(s);
      if (n == 0) return false;
      s.remove_prefix(n);
   }
   return true;
}

struct Failure {
   std::size_t line;
   std::string what;
};

// Reads the parameters of one line: `,NAME=VALUE` repeated, VALUE bare or "quoted".
class ParamLine {
public:
   explicit ParamLine(std::string_view text) : text_(text) {}

   // Appends the line's parameters to `out`; the error text on failure, else "".
   std::string read(std::vector<Mp2Param> &out, std::size_t max_params) {
      skip_space();
      while (pos_ < text_.size()) {
         if (text_[pos_] != ',') return "expected ',' before a parameter, found '" + rest() + "'";
         ++pos_;
         skip_space();
         Mp2Param p;
         const std::size_t name_start = pos_;
         while (pos_ < text_.size() && is_name_char(text_[pos_])) ++pos_;
         if (pos_ == name_start) return "a parameter has no name";
         p.name.assign(text_.substr(name_start, pos_ - name_start));
         skip_space();
         if (pos_ >= text_.size() || text_[pos_] != '=') return "parameter " + p.name + " has no '='";
         ++pos_;
         skip_space();
         if (pos_ < text_.size() && text_[pos_] == '"') {
            if (std::string why = quoted(p.value); !why.empty()) return "parameter " + p.name + ": " + why;
            p.quoted = true;
         } else {
            const std::size_t start = pos_;
            while (pos_ < text_.size() && text_[pos_] != ',') ++pos_;
            p.value.assign(trim_line(text_.substr(start, pos_ - start)));
         }
         if (out.size() >= max_params) return "more than " + std::to_string(max_params) + " parameters in one record";
         p.value = to_utf8(p.value);
         out.push_back(std::move(p));
         skip_space();
      }
      return {};
   }

private:
   std::string quoted(std::string &value) {
      ++pos_;  // the opening quote
      while (pos_ < text_.size()) {
         const char c = text_[pos_++];
         if (c != '"') {
            value.push_back(c);
            continue;
         }
         if (pos_ < text_.size() && text_[pos_] == '"') {  // "" stands for one quote
            value.push_back('"');
            ++pos_;
            continue;
         }
         skip_space();
         if (pos_ < text_.size() && text_[pos_] != ',') return "unexpected '" + rest() + "' after the closing quote";
         return {};
      }
      return "the quoted value has no closing quote on this line";
   }

   void skip_space() {
      while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
   }

   std::string rest() const {
      constexpr std::size_t kShown = 20;  // enough to recognise, never a whole line of data
      std::string_view r = text_.substr(pos_, kShown);
      return to_utf8(r) + (text_.size() - pos_ > kShown ? "..." : "");
   }

   std::string_view text_;
   std::size_t pos_ = 0;
};

class Parser {
public:
   Parser(std::string_view text, const Mp2Limits &limits) : text_(text), limits_(limits) {}

   Result<Mp2File> run() {
      if (text_.size() > limits_.max_bytes) {
         return portier::error(PORTIER_ERR_INVALID, "MP2 file: " + std::to_string(text_.size()) +
                                                        " bytes exceed the limit of " +
                                                        std::to_string(limits_.max_bytes));
      }
      if (text_.substr(0, kUtf8Bom.size()) == kUtf8Bom) text_.remove_prefix(kUtf8Bom.size());
      std::string_view line;
      bool header_seen = false;
      while (next_line(line)) {
         if (failed_) break;
         if (!header_seen) {
            header_seen = true;
            if (!header(line)) break;
            continue;
         }
         body(line);
         if (failed_) break;
      }
      if (!failed_ && !header_seen) fail(1, "the file is empty; expected the header 'FILE VERSION:<version>:MP2'");
      if (!failed_ && open_) {
         fail(line_, "the file ends inside record " + file_.records.back().keyword + " (line " +
                         std::to_string(file_.records.back().line) + "): no ';;' terminator");
      }
      if (failed_) return portier::error(PORTIER_ERR_INVALID, "MP2 line " + std::to_string(failure_.line) + ": " + failure_.what);
      return std::move(file_);
   }

private:
   // The next line without its LF or CRLF; false at the end of the text.
   bool next_line(std::string_view &line) {
      if (pos_ >= text_.size()) return false;
      std::size_t end = text_.find('\n', pos_);
      if (end == std::string_view::npos) end = text_.size();
      line = text_.substr(pos_, end - pos_);
      pos_ = end + 1;
      ++line_;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.size() > limits_.max_line) {
         fail(line_, "the line is " + std::to_string(line.size()) + " bytes long, more than " +
                         std::to_string(limits_.max_line));
      } else if (line.find('\0') != std::string_view::npos) {
         fail(line_, "a NUL byte: this is not a text file");
      }
      return true;
   }

   bool header(std::string_view line) {
      line = trim_line(line);
      if (line.substr(0, kHeaderStart.size()) != kHeaderStart || line.size() < kHeaderStart.size() + kHeaderEnd.size() ||
          line.substr(line.size() - kHeaderEnd.size()) != kHeaderEnd) {
         fail(line_, "expected the header 'FILE VERSION:<version>:MP2'");
         return false;
      }
      file_.version = to_utf8(line.substr(kHeaderStart.size(), line.size() - kHeaderStart.size() - kHeaderEnd.size()));
      return true;
   }

   void body(std::string_view raw) {
      const std::string_view line = trim_line(raw);
      if (line.empty()) return;
      if (line == kTerminator) {
         if (!open_) return fail(line_, "';;' without a record to end");
         open_ = false;
         return;
      }
      if (line.front() == ',') {
         if (!open_) return fail(line_, "a parameter outside any record");
         return params(line);
      }
      // A keyword, possibly followed by parameters on the same line.
      std::size_t n = 0;
      while (n < line.size() && is_name_char(line[n])) ++n;
      const std::string_view after = trim_line(line.substr(n));
      if (n == 0 || (!after.empty() && after.front() != ',')) {
         return fail(line_, "expected a record keyword, a ',PARAM=value' line or ';;'");
      }
      if (open_) {
         return fail(line_, "record " + file_.records.back().keyword + " (line " +
                                std::to_string(file_.records.back().line) + ") has no ';;' before " +
                                std::string(line.substr(0, n)));
      }
      if (file_.records.size() >= limits_.max_records) {
         return fail(line_, "more than " + std::to_string(limits_.max_records) + " records");
      }
      Mp2Record r;
      r.keyword.assign(line.substr(0, n));
      r.line = line_;
      file_.records.push_back(std::move(r));
      open_ = true;
      if (!after.empty()) params(after);
   }

   void params(std::string_view line) {
      ParamLine reader(line);
      if (std::string why = reader.read(file_.records.back().params, limits_.max_params); !why.empty()) {
         fail(line_, why);
      }
   }

   void fail(std::size_t line, std::string what) {
      if (failed_) return;
      failed_ = true;
      failure_ = Failure{line, std::move(what)};
   }

   std::string_view text_;
   const Mp2Limits &limits_;
   std::size_t pos_ = 0;
   std::size_t line_ = 0;
   bool open_ = false;
   bool failed_ = false;
   Failure failure_{};
   Mp2File file_;
};

}  // namespace

const Mp2Param *Mp2Record::find(std::string_view name) const noexcept {
   for (const Mp2Param &p : params) {
      if (p.name == name) return &p;
   }
   return nullptr;
}

std::string to_utf8(std::string_view bytes) {
   if (valid_utf8(bytes)) return std::string(bytes);
   std::string out;
   out.reserve(bytes.size() * 2);
   for (char c : bytes) {
      const auto b = static_cast<unsigned char>(c);
      if (b < 0x80) {
         out.push_back(c);
      } else {
         out.push_back(static_cast<char>(0xC0u | (b >> 6)));
         out.push_back(static_cast<char>(0x80u | (b & 0x3Fu)));
      }
   }
   return out;
}

Result<Mp2File> parse_mp2(std::string_view text, const Mp2Limits &limits) {
   return Parser(text, limits).run();
}

}  // namespace portier::osv
