// SPDX-License-Identifier: GPL-3.0-or-later
#include "directory/search_text.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "directory/fold.h"
#include "directory/phonetic.h"

namespace portier::directory {

namespace {

void add_word(std::string &text, std::vector<std::string> &seen, const std::string &word) {
   if (word.empty() || std::find(seen.begin(), seen.end(), word) != seen.end()) return;
   seen.push_back(word);
   if (!text.empty()) text += ' ';
   text += word;
}

}  // namespace

std::string scope_token(std::string_view tenant) {
   static constexpr char kHex[] = "0123456789abcdef";
   std::string token = "t";
   for (unsigned char ch : tenant.empty() ? std::string_view(kEveryTenant) : tenant) {
      token += kHex[ch >> 4];
      token += kHex[ch & 15];
   }
   return token;
}

std::string digits_of(std::string_view text) {
   std::string digits;
   for (char ch : text)
      if (ch >= '0' && ch <= '9') digits += ch;
   return digits;
}

SearchText search_text_of(const Contact &contact) {
   SearchText out;
   std::vector<std::string> seen;
   for (const std::string *field : {&contact.name.given, &contact.name.family, &contact.name.display, &contact.company,
                                    &contact.department, &contact.location, &contact.building})
      for (const std::string &word : index_words(*field)) add_word(out.names, seen, word);

   seen.clear();
   for (const std::string *field : {&contact.name.given, &contact.name.family, &contact.name.display})
      for (const std::string &word : query_words(*field)) {
         if (const std::string code = cologne_code(word); !code.empty()) add_word(out.sounds, seen, "k" + code);
         if (const std::string code = english_code(word); !code.empty()) add_word(out.sounds, seen, "m" + code);
      }

   seen.clear();
   for (const ContactNumber &number : contact.numbers) add_word(out.digits, seen, digits_of(number.e164));
   add_word(out.digits, seen, contact.extension);
   return out;
}

std::string number_tokens(std::string_view digits) {
   std::string out;
   std::vector<std::string_view> seen;
   std::size_t at = 0;
   while (at < digits.size()) {
      std::size_t end = digits.find(' ', at);
      if (end == std::string_view::npos) end = digits.size();
      const std::string_view number = digits.substr(at, end - at);
      for (std::size_t from = 0; from + kMinNumberFragment <= number.size(); ++from) {
         const std::string_view window = number.substr(from, kNumberWindow);
         if (std::find(seen.begin(), seen.end(), window) != seen.end()) continue;
         seen.push_back(window);
         if (!out.empty()) out += ' ';
         out += window;
      }
      at = end + 1;
   }
   return out;
}

std::string rank_key_of(const Contact &contact, long long id) {
   // \x1f sorts below every letter, so "Meier" comes before "Meier-Lang".
   const std::string family = folded(contact.name.family.empty() ? display_name_of(contact) : contact.name.family);
   std::string key = family + '\x1f' + folded(contact.name.given) + '\x1f' + folded(contact.company) + '\x1f' +
                     folded(contact.name.display) + '\x1f';
   char id_text[24];
   std::snprintf(id_text, sizeof id_text, "%016llx", static_cast<unsigned long long>(id));
   return key + id_text;
}

}  // namespace portier::directory
