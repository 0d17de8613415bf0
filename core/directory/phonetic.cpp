// SPDX-License-Identifier: GPL-3.0-or-later
#include "directory/phonetic.h"

namespace portier::directory {

namespace {

constexpr std::size_t kMinPhoneticLetters = 3;

bool is_ascii_word(std::string_view word) {
   if (word.size() < kMinPhoneticLetters) return false;
   for (char ch : word)
      if (ch < 'a' || ch > 'z') return false;
   return true;
}

bool one_of(char ch, std::string_view set) { return set.find(ch) != std::string_view::npos; }

char cologne_digit(std::string_view w, std::size_t i) {
   const char ch = w[i];
   const char before = i > 0 ? w[i - 1] : '\0';
   const char after = i + 1 < w.size() ? w[i + 1] : '\0';
   if (one_of(ch, "aeijouy")) return '0';
   if (ch == 'h') return '-';
   if (ch == 'b') return '1';
   if (ch == 'p') return after == 'h' ? '3' : '1';
   if (ch == 'd' || ch == 't') return one_of(after, "csz") && after != '\0' ? '8' : '2';
   if (one_of(ch, "fvw")) return '3';
   if (one_of(ch, "gkq")) return '4';
   if (ch == 'c') {
      if (i == 0) return one_of(after, "ahkloqrux") && after != '\0' ? '4' : '8';
      if (one_of(before, "sz")) return '8';
      return one_of(after, "ahkoqux") && after != '\0' ? '4' : '8';
   }
   if (ch == 'x') return one_of(before, "ckq") && before != '\0' ? '8' : 'X';  // 'X': "48"
   if (ch == 'l') return '5';
   if (ch == 'm' || ch == 'n') return '6';
   if (ch == 'r') return '7';
   if (ch == 's' || ch == 'z') return '8';
   return '-';
}

bool is_vowel(char ch) { return one_of(ch, "aeiou"); }

}  // namespace

std::string cologne_code(std::string_view word) {
   if (!is_ascii_word(word)) return {};
   std::string raw;
   for (std::size_t i = 0; i < word.size(); ++i) {
      const char digit = cologne_digit(word, i);
      if (digit == '-') continue;
      if (digit == 'X') raw += "48";
      else raw += digit;
   }
   // Repeated digits count once; vowels (0) only at the start.
   std::string code;
   for (std::size_t i = 0; i < raw.size(); ++i) {
      if (i > 0 && raw[i] == raw[i - 1]) continue;
      if (raw[i] == '0' && !code.empty()) continue;
      if (raw[i] == '0' && i > 0) continue;
      code += raw[i];
   }
   return code;
}

std::string english_code(std::string_view word) {
   if (!is_ascii_word(word)) return {};
   std::string w(word);
   // Silent first letters.
   if (w.starts_with("kn") || w.starts_with("gn") || w.starts_with("pn") || w.starts_with("wr") ||
       w.starts_with("ae"))
      w.erase(0, 1);
   if (w.starts_with("wh")) w.erase(1, 1);
   const auto at = [&](std::size_t i) { return i < w.size() ? w[i] : '\0'; };
   std::string code;
   const auto emit = [&](char ch) {
      if (code.empty() || code.back() != ch) code += ch;
   };
   for (std::size_t i = 0; i < w.size(); ++i) {
      const char ch = w[i];
      const char next = at(i + 1);
      if (i > 0 && ch == w[i - 1] && ch != 'c') continue;
      if (is_vowel(ch)) {
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
            else if (one_of(next, "iey") && next != '\0') emit('S');
            else emit('K');
            break;
         case 'd':
            if (next == 'g' && one_of(at(i + 2), "iey") && at(i + 2) != '\0') { emit('J'); ++i; }
            else emit('T');
            break;
         case 'g':
            if (next == 'h' && !is_vowel(at(i + 2))) { ++i; break; }
            if (next == 'n' && i + 2 == w.size()) break;
            if (one_of(next, "iey") && next != '\0') emit('J');
            else emit('K');
            break;
         case 'h':
            if (is_vowel(next) && !(i > 0 && one_of(w[i - 1], "cgpst"))) emit('H');
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
            if (is_vowel(next)) emit(static_cast<char>(ch - 'a' + 'A'));
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

}  // namespace portier::directory
