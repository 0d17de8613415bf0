// SPDX-License-Identifier: GPL-3.0-or-later
#include "generated_book.h"

#include <array>
#include <cstdio>
#include <string_view>

namespace portier::directory::bench {

namespace {

constexpr std::array<std::string_view, 32> kSyllables{
    "an", "be", "ch", "da", "el", "fr", "ga", "he", "in", "jo", "ka", "li", "ma", "ne", "ol",  "pe",
    "qu", "ri", "sa", "sch", "ti", "ul", "ve", "wa", "xa", "yo", "ze", "mü", "ö", "ber", "mann", "er"};
constexpr std::array<std::string_view, 5> kCompanyForms{"GmbH", "AG", "Ltd", "Inc", "KG"};

std::size_t below(std::mt19937_64 &random, std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(random); }

// Syllables joined, the first letter in upper case (ö -> Ö, as Python's capitalize()).
std::string word(std::mt19937_64 &random, std::size_t syllables) {
   std::string out;
   for (std::size_t i = 0; i < syllables; ++i) out += kSyllables[below(random, kSyllables.size())];
   if (out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
   else if (out.starts_with("\xC3\xB6")) out[1] = '\x96';
   return out;
}

// The first `n` characters (code points) of `text`, in lower case as the reference sends them.
std::string first_chars(const std::string &text, std::size_t n) {
   std::string out;
   std::size_t chars = 0;
   for (std::size_t i = 0; i < text.size() && chars < n; ++chars) {
      std::size_t length = (static_cast<unsigned char>(text[i]) & 0x80) ? 2 : 1;
      std::string piece = text.substr(i, length);
      if (piece.size() == 1 && piece[0] >= 'A' && piece[0] <= 'Z') piece[0] = static_cast<char>(piece[0] - 'A' + 'a');
      if (piece == "\xC3\x96") piece = "\xC3\xB6";
      out += piece;
      i += length;
   }
   return out;
}

}  // namespace

GeneratedBook generate_book(std::size_t rows, std::mt19937_64 &random) {
   GeneratedBook book;
   for (int i = 0; i < 3000; ++i) book.given.push_back(word(random, 2 + below(random, 2)));
   for (int i = 0; i < 60000; ++i) book.family.push_back(word(random, 2 + below(random, 3)));
   std::vector<std::string> companies, departments;
   for (int i = 0; i < 5000; ++i)
      companies.push_back(word(random, 3) + " " + std::string(kCompanyForms[below(random, kCompanyForms.size())]));
   for (int i = 0; i < 300; ++i) departments.push_back(word(random, 2));
   book.rows.reserve(rows);
   for (std::size_t i = 1; i <= rows; ++i) {
      Contact c;
      c.source_id = std::to_string(i);
      c.name.given = book.given[below(random, book.given.size())];
      c.name.family = book.family[below(random, book.family.size())];
      c.company = companies[below(random, companies.size())];
      c.department = departments[below(random, departments.size())];
      char number[32];
      std::snprintf(number, sizeof number, "+49 89 %07zu", below(random, 10'000'000));
      c.numbers.push_back({NumberType::office, "", number});
      char extension[8];
      std::snprintf(extension, sizeof extension, "%05zu", below(random, 100'000));
      c.extension = extension;
      book.rows.push_back(std::move(c));
   }
   return book;
}

std::vector<std::string> queries_of(const std::string &kind, const GeneratedBook &book, std::size_t count,
                                    std::mt19937_64 &random) {
   std::vector<std::string> out;
   const auto any_name = [&]() -> const std::string & {
      return below(random, 2) ? book.given[below(random, book.given.size())] : book.family[below(random, book.family.size())];
   };
   for (std::size_t i = 0; i < count; ++i) {
      if (kind == "prefix2") out.push_back(first_chars(any_name(), 2));
      else if (kind == "prefix3") out.push_back(first_chars(any_name(), 3));
      else if (kind == "prefix4") out.push_back(first_chars(any_name(), 4));
      else if (kind == "prefix5") out.push_back(first_chars(any_name(), 5));
      else if (kind == "prefix7") out.push_back(first_chars(any_name(), 7));
      else if (kind == "two_terms")
         out.push_back(first_chars(book.given[below(random, book.given.size())], 3) + " " +
                       first_chars(book.family[below(random, book.family.size())], 4));
      // A given name and the family name's first letter: the commonest moment of typing a name.
      else if (kind == "given_letter")
         out.push_back(book.given[below(random, book.given.size())] + " " +
                       first_chars(book.family[below(random, book.family.size())], 1));
      else if (kind == "ext3") {
         char digits[8];
         std::snprintf(digits, sizeof digits, "%03zu", below(random, 1000));
         out.push_back(digits);
      } else if (kind == "number") {
         const std::string &given = book.rows[below(random, book.rows.size())].numbers[0].given;  // "+49 89 1234567"
         const std::string digits = given.substr(7);
         const std::size_t length = 5 + below(random, 3);
         out.push_back(digits.substr(below(random, digits.size() - length + 1), length));
      }
   }
   return out;
}

}  // namespace portier::directory::bench
