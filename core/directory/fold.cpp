// SPDX-License-Identifier: GPL-3.0-or-later
#include "directory/fold.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>

namespace portier::directory {

namespace {

// A run of code points with one base spelling; `german` is the transliteration where it differs
// (ä -> ae), else empty.
struct LatinRun {
   char32_t first;
   char32_t last;
   std::string_view plain;
   std::string_view german;
};

// Latin-1 Supplement, Latin Extended-A and the Latin Extended-B letters names use. Ranges hold
// upper and lower case alike; gaps are code points that are not letters (× ÷) or not mapped.
constexpr LatinRun kLatin[] = {
    {0xC0, 0xC3, "a", ""},   {0xC4, 0xC4, "a", "ae"}, {0xC5, 0xC5, "a", "aa"}, {0xC6, 0xC6, "ae", ""},
    {0xC7, 0xC7, "c", ""},   {0xC8, 0xCB, "e", ""},   {0xCC, 0xCF, "i", ""},   {0xD0, 0xD0, "d", ""},
    {0xD1, 0xD1, "n", ""},   {0xD2, 0xD5, "o", ""},   {0xD6, 0xD6, "o", "oe"}, {0xD8, 0xD8, "o", "oe"},
    {0xD9, 0xDB, "u", ""},   {0xDC, 0xDC, "u", "ue"}, {0xDD, 0xDD, "y", ""},   {0xDE, 0xDE, "th", ""},
    {0xDF, 0xDF, "ss", ""},  {0xE0, 0xE3, "a", ""},   {0xE4, 0xE4, "a", "ae"}, {0xE5, 0xE5, "a", "aa"},
    {0xE6, 0xE6, "ae", ""},  {0xE7, 0xE7, "c", ""},   {0xE8, 0xEB, "e", ""},   {0xEC, 0xEF, "i", ""},
    {0xF0, 0xF0, "d", ""},   {0xF1, 0xF1, "n", ""},   {0xF2, 0xF5, "o", ""},   {0xF6, 0xF6, "o", "oe"},
    {0xF8, 0xF8, "o", "oe"}, {0xF9, 0xFB, "u", ""},   {0xFC, 0xFC, "u", "ue"}, {0xFD, 0xFD, "y", ""},
    {0xFE, 0xFE, "th", ""},  {0xFF, 0xFF, "y", ""},
    {0x100, 0x105, "a", ""}, {0x106, 0x10D, "c", ""}, {0x10E, 0x111, "d", ""}, {0x112, 0x11B, "e", ""},
    {0x11C, 0x123, "g", ""}, {0x124, 0x127, "h", ""}, {0x128, 0x131, "i", ""}, {0x132, 0x133, "ij", ""},
    {0x134, 0x135, "j", ""}, {0x136, 0x138, "k", ""}, {0x139, 0x142, "l", ""}, {0x143, 0x14B, "n", ""},
    {0x14C, 0x14F, "o", ""}, {0x150, 0x151, "o", "oe"}, {0x152, 0x153, "oe", ""}, {0x154, 0x159, "r", ""},
    {0x15A, 0x161, "s", ""}, {0x162, 0x167, "t", ""}, {0x168, 0x16F, "u", ""}, {0x170, 0x171, "u", "ue"},
    {0x172, 0x173, "u", ""}, {0x174, 0x175, "w", ""}, {0x176, 0x178, "y", ""}, {0x179, 0x17E, "z", ""},
    {0x17F, 0x17F, "s", ""},
    {0x218, 0x219, "s", ""},  // Romanian ș
};
// Romanian ț and the schwa of Azerbaijani, looked up apart to keep the table sorted by block.
constexpr LatinRun kLatinMore[] = {{0x21A, 0x21B, "t", ""}, {0x18F, 0x18F, "e", ""}, {0x259, 0x259, "e", ""}};

// kLatin's runs ascend and do not overlap, so a lookup can halve the table instead of walking it.
constexpr bool ascending_runs() {
   for (std::size_t i = 0; i < std::size(kLatin); ++i) {
      if (kLatin[i].first > kLatin[i].last) return false;
      if (i > 0 && kLatin[i - 1].last >= kLatin[i].first) return false;
   }
   return true;
}
static_assert(ascending_runs());

const LatinRun *latin_run_of(char32_t cp) {
   // The first run starting above `cp`; the one before it is the only one that can hold `cp`.
   const LatinRun *above = std::upper_bound(std::begin(kLatin), std::end(kLatin), cp,
                                            [](char32_t value, const LatinRun &run) { return value < run.first; });
   if (above != std::begin(kLatin) && cp <= std::prev(above)->last) return std::prev(above);
   for (const LatinRun &run : kLatinMore)
      if (cp >= run.first && cp <= run.last) return &run;
   return nullptr;
}

constexpr char32_t kCombiningDiaeresis = 0x308;

bool is_combining_mark(char32_t cp) { return cp >= 0x300 && cp <= 0x36F; }

bool is_ascii_alnum(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'); }

// Punctuation and spaces outside ASCII: Latin-1's symbols, general punctuation, CJK punctuation.
bool is_separator(char32_t cp) {
   if (cp < 0x80) {
      const char ch = static_cast<char>(cp);
      return !((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'));
   }
   return (cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x206F) ||
          (cp >= 0x3000 && cp <= 0x303F) || cp == 0xFEFF;
}

// One code point from `text` at `at`; a malformed byte is read as U+FFFD and skipped alone.
char32_t next_code_point(std::string_view text, std::size_t &at, std::size_t &length) {
   const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
   const unsigned char lead = byte(at);
   std::size_t count = 0;
   char32_t cp = 0;
   if (lead < 0x80) { length = 1; return lead; }
   if ((lead & 0xE0) == 0xC0) { count = 1; cp = lead & 0x1F; }
   else if ((lead & 0xF0) == 0xE0) { count = 2; cp = lead & 0x0F; }
   else if ((lead & 0xF8) == 0xF0) { count = 3; cp = lead & 0x07; }
   else { length = 1; return 0xFFFD; }
   for (std::size_t i = 1; i <= count; ++i) {
      if (at + i >= text.size() || (byte(at + i) & 0xC0) != 0x80) { length = 1; return 0xFFFD; }
      cp = (cp << 6) | (byte(at + i) & 0x3F);
   }
   length = count + 1;
   return cp;
}

struct WordForms {
   std::string plain;   // the query form
   // With transliterations (ae, oe, ue, aa). Written only once the word has one (has_german): until
   // then it would be a copy of `plain`, and most words never have one.
   std::string german;
   bool has_german = false;
};

// Starts the German form as the plain form so far, before the word's first transliteration.
void start_german(WordForms &word) {
   if (word.has_german) return;
   word.german = word.plain;
   word.has_german = true;
}

void append_to_both(WordForms &word, std::string_view bytes) {
   word.plain += bytes;
   if (word.has_german) word.german += bytes;
}

// Appends the run of ASCII letters and digits at `at` to both forms, lower-cased, in one append
// each instead of one per byte (most names are such runs). Its length; 0 when none starts there.
std::size_t append_ascii_run(std::string_view text, std::size_t at, WordForms &word) {
   std::size_t end = at;
   while (end < text.size() && is_ascii_alnum(text[end])) ++end;
   if (end == at) return 0;
   const std::size_t from = word.plain.size();
   word.plain.append(text.substr(at, end - at));
   for (std::size_t i = from; i < word.plain.size(); ++i)
      if (char &ch = word.plain[i]; ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
   if (word.has_german) word.german.append(word.plain, from);
   return end - at;
}

// Visits each word of `text` with its two forms.
template <class Visit>
void for_each_word(std::string_view text, Visit visit) {
   WordForms word;  // its buffers serve every word of the text
   std::size_t words = 0;
   const auto finish = [&] {
      if (!word.plain.empty() && words < kMaxWordsPerText) {
         ++words;
         if (word.plain.size() > kMaxWordBytes) word.plain.resize(kMaxWordBytes);
         if (word.german.size() > kMaxWordBytes) word.german.resize(kMaxWordBytes);
         visit(word);
      }
      word.plain.clear();
      word.german.clear();
      word.has_german = false;
   };
   std::size_t at = 0;
   while (at < text.size()) {
      if (const std::size_t run = append_ascii_run(text, at, word)) {
         at += run;
         continue;
      }
      std::size_t length = 1;
      const char32_t cp = next_code_point(text, at, length);
      const std::string_view bytes = text.substr(at, length);
      at += length;
      if (cp == 0xFFFD && length == 1) { finish(); continue; }
      if (is_separator(cp)) { finish(); continue; }
      if (is_combining_mark(cp)) {
         // A decomposed umlaut (u + U+0308) spells the same as ü.
         if (cp == kCombiningDiaeresis && !word.plain.empty() &&
             (word.plain.back() == 'a' || word.plain.back() == 'o' || word.plain.back() == 'u')) {
            start_german(word);
            word.german += 'e';
         }
         continue;
      }
      // ASCII letters and digits were taken by append_ascii_run, other ASCII is a separator.
      if (const LatinRun *run = latin_run_of(cp)) {
         if (run->german.empty()) {
            append_to_both(word, run->plain);
         } else {
            start_german(word);
            word.plain += run->plain;
            word.german += run->german;
         }
      } else {
         append_to_both(word, bytes);
      }
   }
   finish();
}

bool is_vowel_or_y(char ch) { return ch == 'a' || ch == 'e' || ch == 'i' || ch == 'o' || ch == 'u' || ch == 'y'; }

// Whether word[i] and the 'e' after it are an ASCII spelling of an umlaut after a consonant: the
// "ue" of "mueller".
bool spells_umlaut(std::string_view word, std::size_t i) {
   const char ch = word[i];
   return (ch == 'a' || ch == 'o' || ch == 'u') && i + 1 < word.size() && word[i + 1] == 'e' && i > 0 &&
          !is_vowel_or_y(word[i - 1]) && word[i - 1] >= 'a' && word[i - 1] <= 'z';
}

// Most words have no such spelling: checked first, so they need no short form written.
bool has_spelled_umlaut(std::string_view word) {
   for (std::size_t i = 1; i + 1 < word.size(); ++i)
      if (spells_umlaut(word, i)) return true;
   return false;
}

// "mueller" -> "muller": each spelled umlaut read back. Written over `out`, a buffer the caller
// keeps from word to word.
void write_without_transliteration(std::string_view word, std::string &out) {
   out.clear();
   for (std::size_t i = 0; i < word.size(); ++i) {
      out += word[i];
      if (spells_umlaut(word, i)) ++i;  // the 'e' is dropped
   }
}

void add_unique(std::vector<std::string> &words, std::string_view word) {
   if (std::find(words.begin(), words.end(), word) == words.end()) words.emplace_back(word);
}

}  // namespace

std::vector<std::string> query_words(std::string_view text) {
   std::vector<std::string> words;
   visit_query_words(text, [&](std::string_view word) { words.emplace_back(word); });
   return words;
}

std::vector<std::string> index_words(std::string_view text) {
   std::vector<std::string> words;
   visit_index_forms(text, [&](std::string_view word) { add_unique(words, word); });
   return words;
}

std::string folded(std::string_view text) {
   std::string out;
   append_folded(text, out);
   return out;
}

void visit_query_words(std::string_view text, const WordVisit &visit) {
   for_each_word(text, [&](const WordForms &word) { visit(word.plain); });
}

void visit_index_forms(std::string_view text, const WordVisit &visit) {
   std::string short_form;
   for_each_word(text, [&](const WordForms &word) {
      visit(word.plain);
      if (word.has_german) visit(word.german);
      // A dropped 'e' is the only way the short form can differ from the plain one.
      if (!has_spelled_umlaut(word.plain)) return;
      write_without_transliteration(word.plain, short_form);
      visit(short_form);
   });
}

void append_folded(std::string_view text, std::string &out) {
   bool first = true;
   for_each_word(text, [&](const WordForms &word) {
      if (!first) out += ' ';
      first = false;
      out += word.plain;
   });
}

bool is_plain_word(std::string_view word) {
   return !word.empty() && std::all_of(word.begin(), word.end(), [](char ch) {
      return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
   });
}

}  // namespace portier::directory
