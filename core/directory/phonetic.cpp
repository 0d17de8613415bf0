// SPDX-License-Identifier: GPL-3.0-or-later
#include "directory/phonetic.h"

#include <cstdint>

namespace portier::directory {

namespace {

constexpr std::size_t kMinPhoneticLetters = 3;

// Lower-case letters as bits: a test is a shift, not a search of a string, and every name word of
// an import is coded. '\0' (no letter before or after) is in no set.
class LetterSet {
public:
   constexpr explicit LetterSet(std::string_view letters) {
      for (char ch : letters) bits_ |= std::uint32_t{1} << (ch - 'a');
   }
   constexpr bool has(char ch) const { return ch >= 'a' && ch <= 'z' && ((bits_ >> (ch - 'a')) & 1) != 0; }

private:
   std::uint32_t bits_ = 0;
};

constexpr LetterSet kVowels("aeiou");
constexpr LetterSet kFrontVowels("iey");  // soften c and g

bool is_ascii_word(std::string_view word) {
   if (word.size() < kMinPhoneticLetters) return false;
   for (char ch : word)
      if (ch < 'a' || ch > 'z') return false;
   return true;
}

// Kölner Phonetik's digit for w[i]; '-' for none, 'X' for the two digits "48".
char cologne_digit(std::string_view w, std::size_t i) {
   static constexpr LetterSet kHardAfterFirstC("ahkloqrux"), kHardAfterC("ahkoqux"), kSibilants("csz"),
       kBeforeSoftX("ckq");
   const char ch = w[i];
   const char before = i > 0 ? w[i - 1] : '\0';
   const char after = i + 1 < w.size() ? w[i + 1] : '\0';
   switch (ch) {
      case 'a': case 'e': case 'i': case 'j': case 'o': case 'u': case 'y': return '0';
      case 'b': return '1';
      case 'p': return after == 'h' ? '3' : '1';
      case 'd': case 't': return kSibilants.has(after) ? '8' : '2';
      case 'f': case 'v': case 'w': return '3';
      case 'g': case 'k': case 'q': return '4';
      case 'c':
         if (i == 0) return kHardAfterFirstC.has(after) ? '4' : '8';
         if (before == 's' || before == 'z') return '8';
         return kHardAfterC.has(after) ? '4' : '8';
      case 'x': return kBeforeSoftX.has(before) ? '8' : 'X';
      case 'l': return '5';
      case 'm': case 'n': return '6';
      case 'r': return '7';
      case 's': case 'z': return '8';
      default: return '-';  // h
   }
}

}  // namespace

std::string cologne_code(std::string_view word) {
   if (!is_ascii_word(word)) return {};
   std::string code;
   char previous = '\0';  // the last digit read, kept or not
   const auto take = [&](char digit) {
      // Repeated digits count once; vowels (0) only at the start. The first digit is always kept.
      if (code.empty() || (digit != previous && digit != '0')) code += digit;
      previous = digit;
   };
   for (std::size_t i = 0; i < word.size(); ++i) {
      const char digit = cologne_digit(word, i);
      if (digit == '-') continue;
      if (digit == 'X') {
         take('4');
         take('8');
      } else {
         take(digit);
      }
   }
   return code;
}

std::string english_code(std::string_view word) {
   static constexpr LetterSet kBeforeSilentH("cgpst");
   if (!is_ascii_word(word)) return {};
   std::string_view w = word;
   // Silent first letters.
   if (w.starts_with("kn") || w.starts_with("gn") || w.starts_with("pn") || w.starts_with("wr") ||
       w.starts_with("ae"))
      w.remove_prefix(1);
   std::string without_h;  // "wh" reads as "w": only those words need a copy
   if (w.starts_with("wh")) {
      without_h = "w";
      without_h += w.substr(2);
      w = without_h;
   }
   const auto at = [&](std::size_t i) { return i < w.size() ? w[i] : '\0'; };
   std::string code;
   const auto emit = [&](char ch) {
      if (code.empty() || code.back() != ch) code += ch;
   };
   for (std::size_t i = 0; i < w.size(); ++i) {
      const char ch = w[i];
      const char next = at(i + 1);
      if (i > 0 && ch == w[i - 1] && ch != 'c') continue;
      if (kVowels.has(ch)) {
         if (i == 0) code += 'A';
         continue;
      }
      switch (ch) {
         case 'b':
            if (!(i + 1 == w.size() && i > 0 && w[i - 1] == 'm')) emit('B');
            break;
         case 'c':
            if (next == 'i' && at(i + 2) == 'a') emit('X');
            else if (next == 'h') { emit(i > 0 && w[i - 1] == 's' ? 'K' : 'X'); ++i; }
            else if (kFrontVowels.has(next)) emit('S');
            else emit('K');
            break;
         case 'd':
            if (next == 'g' && kFrontVowels.has(at(i + 2))) { emit('J'); ++i; }
            else emit('T');
            break;
         case 'g':
            if (next == 'h' && !kVowels.has(at(i + 2))) { ++i; break; }
            if (next == 'n' && i + 2 == w.size()) break;
            if (kFrontVowels.has(next)) emit('J');
            else emit('K');
            break;
         case 'h':
            if (kVowels.has(next) && !(i > 0 && kBeforeSilentH.has(w[i - 1]))) emit('H');
            break;
         case 'k':
            if (!(i > 0 && w[i - 1] == 'c')) emit('K');
            break;
         case 'p':
            if (next == 'h') { emit('F'); ++i; }
            else emit('P');
            break;
         case 'q': emit('K'); break;
         case 's':
            if (next == 'h') { emit('X'); ++i; }
            else if (next == 'i' && (at(i + 2) == 'o' || at(i + 2) == 'a')) emit('X');
            else emit('S');
            break;
         case 't':
            if (next == 'i' && (at(i + 2) == 'o' || at(i + 2) == 'a')) emit('X');
            else if (next == 'h') { emit('0'); ++i; }
            else if (!(next == 'c' && at(i + 2) == 'h')) emit('T');
            break;
         case 'v': emit('F'); break;
         case 'w':
         case 'y':
            if (kVowels.has(next)) emit(static_cast<char>(ch - 'a' + 'A'));
            break;
         case 'x':
            if (i == 0) emit('S');
            else { emit('K'); emit('S'); }
            break;
         case 'z': emit('S'); break;
         default: emit(static_cast<char>(ch - 'a' + 'A'));  // f j l m n r
      }
   }
   return code;
}

SoundTokens sound_tokens(std::string_view word) {
   SoundTokens out;
   if (std::string code = cologne_code(word); !code.empty()) out.cologne = "k" + code;
   if (std::string code = english_code(word); !code.empty()) {
      out.english = "m0";
      for (char ch : code) out.english += ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch;
   }
   return out;
}

}  // namespace portier::directory
