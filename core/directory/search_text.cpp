// SPDX-License-Identifier: GPL-3.0-or-later
#include "directory/search_text.h"

#include <utility>
#include <vector>

#include "directory/fold.h"
#include "directory/phonetic.h"

namespace portier::directory {

namespace {

constexpr char kHex[] = "0123456789abcdef";

// Where a word sits in a text: offset and length.
using Places = std::vector<std::pair<std::size_t, std::size_t>>;

// One index text being built: words joined by a space, each once. The words already in it are
// known by their places in the text, so a repeat is found without keeping a copy of each word (an
// import builds these texts for every contact).
class WordText {
public:
   WordText(std::string &text, Places &places) : text_(text), places_(places) { places_.clear(); }

   // False when `word` is empty or already in the text.
   bool add(std::string_view word) {
      if (word.empty()) return false;
      for (const auto &[at, size] : places_)
         if (size == word.size() && std::string_view(text_).substr(at, size) == word) return false;
      if (!text_.empty()) text_ += ' ';
      places_.emplace_back(text_.size(), word.size());
      text_ += word;
      return true;
   }

private:
   std::string &text_;
   Places &places_;
};

void append_digits(std::string_view text, std::string &out) {
   for (char ch : text)
      if (ch >= '0' && ch <= '9') out += ch;
}

void write_names(const Contact &contact, Places &places, std::string &out) {
   const ContactName &name = contact.name;
   out.reserve(name.given.size() + name.family.size() + name.display.size() + contact.company.size() +
               contact.department.size() + contact.location.size() + contact.building.size() + 8);
   WordText names(out, places);
   for (const std::string *field : {&name.given, &name.family, &name.display, &contact.company, &contact.department,
                                    &contact.location, &contact.building})
      visit_index_forms(*field, [&](std::string_view word) { names.add(word); });
}

void write_sounds(const ContactName &name, Places &places, std::string &out) {
   out.reserve(2 * (name.given.size() + name.family.size()) + 8);
   WordText sounds(out, places);
   // A word met before (the display name repeats the parts) has only codes the text holds already.
   std::string words_text;
   Places word_places;
   WordText words(words_text, word_places);
   for (const std::string *field : {&name.given, &name.family, &name.display})
      visit_query_words(*field, [&](std::string_view word) {
         if (!words.add(word)) return;
         const SoundTokens tokens = sound_tokens(word);
         sounds.add(tokens.cologne);
         sounds.add(tokens.english);
      });
}

void write_digits(const Contact &contact, Places &places, std::string &out) {
   out.reserve(contact.numbers.size() * 16 + contact.extension.size());
   WordText digits(out, places);
   std::string number;
   for (const ContactNumber &entry : contact.numbers) {
      number.clear();
      append_digits(entry.e164, number);
      digits.add(number);
   }
   digits.add(contact.extension);
}

}  // namespace

std::string scope_token(std::string_view tenant) {
   std::string token = "t";
   for (unsigned char ch : tenant.empty() ? std::string_view(kEveryTenant) : tenant) {
      token += kHex[ch >> 4];
      token += kHex[ch & 15];
   }
   return token;
}

std::string digits_of(std::string_view text) {
   std::string digits;
   append_digits(text, digits);
   return digits;
}

SearchText search_text_of(const Contact &contact) {
   SearchText out;
   Places places;  // shared by the three texts, one after the other
   places.reserve(32);
   write_names(contact, places, out.names);
   write_sounds(contact.name, places, out.sounds);
   write_digits(contact, places, out.digits);
   return out;
}

std::string rank_key_of(const Contact &contact, long long id) {
   const ContactName &name = contact.name;
   std::string key;
   // Folding never lengthens a text; 16 hex digits for the id.
   key.reserve(name.family.size() + name.given.size() + contact.company.size() + name.display.size() + 4 + 16);
   // \x1f sorts below every letter, so "Meier" comes before "Meier-Lang".
   if (name.family.empty()) append_folded(display_name_of(contact), key);
   else append_folded(name.family, key);
   key += '\x1f';
   append_folded(name.given, key);
   key += '\x1f';
   append_folded(contact.company, key);
   key += '\x1f';
   append_folded(name.display, key);
   key += '\x1f';
   // The id as printf's "%016llx" writes it.
   const auto value = static_cast<unsigned long long>(id);
   for (int shift = 60; shift >= 0; shift -= 4) key += kHex[(value >> shift) & 15];
   return key;
}

}  // namespace portier::directory
