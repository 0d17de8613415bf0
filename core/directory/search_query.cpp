// SPDX-License-Identifier: GPL-3.0-or-later
#include "directory/search_query.h"

#include <algorithm>

#include "directory/fold.h"
#include "directory/phonetic.h"
#include "directory/search_text.h"

namespace portier::directory {

namespace {

bool is_number_text(std::string_view text) {
   std::size_t digits = 0;
   for (char ch : text) {
      if (ch >= '0' && ch <= '9') ++digits;
      else if (ch != ' ' && ch != '+' && ch != '-' && ch != '/' && ch != '(' && ch != ')' && ch != '.') return false;
   }
   return digits >= kMinNumberFragment;
}

// An FTS5 string: double quotes doubled, so no query text is read as FTS5 syntax.
std::string quoted(std::string_view word) {
   std::string out = "\"";
   for (char ch : word) {
      if (ch == '"') out += '"';
      out += ch;
   }
   return out + "\"";
}

std::string all_of(const std::vector<std::string> &words, bool prefix) {
   std::string out;
   for (const std::string &word : words) {
      if (!out.empty()) out += " AND ";
      out += quoted(word);
      if (prefix) out += '*';
   }
   return "{names} : (" + out + ")";
}

std::string sound_alternatives(const std::string &word) {
   std::string out;
   if (std::string code = cologne_code(word); !code.empty()) out += quoted("k" + code);
   if (std::string code = english_code(word); !code.empty()) out += (out.empty() ? "" : " OR ") + quoted("m" + code);
   return out;
}

}  // namespace

DirectoryResult<SearchQuery> parse_query(std::string_view text) {
   if (text.size() > kMaxQueryBytes)
      return DirectoryError{"query of " + std::to_string(text.size()) + " bytes, at most " +
                            std::to_string(kMaxQueryBytes)};
   SearchQuery query;
   if (is_number_text(text)) {
      query.digits = digits_of(text);
      // The index holds E.164 digits: "0049 89 ..." is "+49 89 ...", and "089 ..." is "+49 89 ..."
      // at any site whose trunk code is 0 (a fragment matches wherever it occurs, so the country
      // code need not be known).
      if (query.digits.starts_with("00") && query.digits.size() >= kMinNumberFragment + 2) query.digits.erase(0, 2);
      else if (query.digits.starts_with("0") && query.digits.size() >= kMinNumberFragment + 1) query.digits.erase(0, 1);
      return query;
   }
   query.words = query_words(text);
   if (query.words.size() > kMaxQueryWords) query.words.resize(kMaxQueryWords);
   return query;
}

std::string fts_expression(const SearchQuery &query, MatchTier tier) {
   if (tier == MatchTier::number) {
      const std::string &digits = query.digits;
      if (digits.empty()) return {};
      if (digits.size() <= kNumberWindow) return quoted(digits) + "*";
      // Every digit covered by a window; a false match needs all windows in one contact's numbers
      // but not in one place, which the 6-digit overlap makes rare (docs/directory.md).
      std::string out;
      for (std::size_t from = 0;; from += kNumberWindow) {
         const std::size_t start = std::min(from, digits.size() - kNumberWindow);
         out += (out.empty() ? "" : " AND ") + quoted(digits.substr(start, kNumberWindow));
         if (start + kNumberWindow >= digits.size()) break;
      }
      return out;
   }
   if (query.words.empty()) return {};
   switch (tier) {
      case MatchTier::exact: return all_of(query.words, false);
      case MatchTier::prefix: return "(" + all_of(query.words, true) + ") NOT (" + all_of(query.words, false) + ")";
      case MatchTier::phonetic: {
         std::string out;
         bool any_sound = false;
         for (const std::string &word : query.words) {
            const std::string sounds = sound_alternatives(word);
            any_sound = any_sound || !sounds.empty();
            std::string term = "{names} : " + quoted(word) + "*";
            if (!sounds.empty()) term = "(" + term + " OR {sounds} : (" + sounds + "))";
            out += (out.empty() ? "" : " AND ") + term;
         }
         if (!any_sound) return {};
         return "(" + out + ") NOT (" + all_of(query.words, true) + ")";
      }
      case MatchTier::number: break;
   }
   return {};
}

}  // namespace portier::directory
