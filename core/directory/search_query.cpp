// SPDX-License-Identifier: GPL-3.0-or-later
#include "directory/search_query.h"

#include "directory/fold.h"
#include "directory/number_tokens.h"
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

// How a word the tier asks for as a prefix is written: as typed ("mannhe"*), widened to its
// indexed prefix ("mannh"*, a superset) or narrowed to the whole word ("mannhe", a subset). Words of up to
// kIndexedPrefixChars letters have a prefix index and are always written as typed.
enum class PrefixForm { typed, widened, narrowed };

std::string prefix_of(const std::string &word, PrefixForm form) {
   if (form == PrefixForm::typed || word.size() <= kIndexedPrefixChars) return quoted(word) + "*";
   if (form == PrefixForm::widened) return quoted(word.substr(0, kIndexedPrefixChars)) + "*";
   return quoted(word);
}

std::string all_whole(const std::vector<std::string> &words) {
   std::string out;
   for (const std::string &word : words) out += (out.empty() ? "" : " AND ") + quoted(word);
   return "{names} : (" + out + ")";
}

std::string all_prefixes(const std::vector<std::string> &words, PrefixForm form) {
   std::string out;
   for (const std::string &word : words) out += (out.empty() ? "" : " AND ") + prefix_of(word, form);
   return "{names} : (" + out + ")";
}

std::string sound_alternatives(const std::string &word) {
   const SoundTokens tokens = sound_tokens(word);
   std::string out;
   if (!tokens.cologne.empty()) out += quoted(tokens.cologne);
   if (!tokens.english.empty()) out += (out.empty() ? "" : " OR ") + quoted(tokens.english);
   return out;
}

// Each word as a prefix (written as `form` says) or by sound; "" when no word has a sound code.
std::string each_word_or_sound(const std::vector<std::string> &words, PrefixForm form) {
   std::string out;
   bool any_sound = false;
   for (const std::string &word : words) {
      const std::string sounds = sound_alternatives(word);
      any_sound = any_sound || !sounds.empty();
      std::string term = "{names} : " + prefix_of(word, form);
      if (!sounds.empty()) term = "(" + term + " OR {sounds} : (" + sounds + "))";
      out += (out.empty() ? "" : " AND ") + term;
   }
   return any_sound ? out : std::string{};
}

// A name tier's expression; `driver`: the superset driver_expression() describes.
std::string name_expression(const SearchQuery &query, MatchTier tier, bool driver) {
   if (query.words.empty()) return {};
   const PrefixForm positive = driver ? PrefixForm::widened : PrefixForm::typed;
   switch (tier) {
      case MatchTier::exact: return driver ? std::string{} : all_whole(query.words);
      case MatchTier::prefix: return "(" + all_prefixes(query.words, positive) + ") NOT (" + all_whole(query.words) + ")";
      case MatchTier::phonetic: {
         const std::string words = each_word_or_sound(query.words, positive);
         if (words.empty()) return {};
         return "(" + words + ") NOT (" + all_prefixes(query.words, driver ? PrefixForm::narrowed : PrefixForm::typed) + ")";
      }
      case MatchTier::number: break;
   }
   return {};
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
   if (tier == MatchTier::number) return query.digits.empty() ? std::string{} : number_expression(query.digits);
   return name_expression(query, tier, false);
}

std::string phonetic_candidates_expression(const SearchQuery &query) {
   return query.words.empty() ? std::string{} : each_word_or_sound(query.words, PrefixForm::typed);
}

std::string driver_expression(const SearchQuery &query, MatchTier tier) {
   if (tier != MatchTier::prefix && tier != MatchTier::phonetic) return {};
   bool any_long = false;
   for (const std::string &word : query.words) {
      // The widened form is the word's first kIndexedPrefixChars bytes: letters only for ASCII.
      if (!is_plain_word(word)) return {};
      any_long = any_long || word.size() > kIndexedPrefixChars;
   }
   if (!any_long) return {};
   return name_expression(query, tier, true);
}

}  // namespace portier::directory
