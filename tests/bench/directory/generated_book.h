// SPDX-License-Identifier: GPL-3.0-or-later
// The reference benchmark's phone book, generated the same way (shared/bench-reference/fts/
// fts_bench.py): names from a syllable list, 3000 given names, 60000 family names, 5000
// companies, 300 departments, a Munich number and a 5-digit extension each; seeded.
#pragma once

#include <cstddef>
#include <random>
#include <string>
#include <vector>

#include "directory/contact.h"

namespace portier::directory::bench {

struct GeneratedBook {
   std::vector<std::string> given;
   std::vector<std::string> family;
   std::vector<Contact> rows;
};

GeneratedBook generate_book(std::size_t rows, std::mt19937_64 &random);

// Queries of the reference's kinds: prefix2, prefix3, prefix5 (of a random given or family
// name), two_terms (3 letters of a given name, 4 of a family name), ext3 (3 digits of an
// extension), number (5 to 7 digits from inside a contact's number).
std::vector<std::string> queries_of(const std::string &kind, const GeneratedBook &book, std::size_t count,
                                    std::mt19937_64 &random);

}  // namespace portier::directory::bench
