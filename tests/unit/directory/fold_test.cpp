// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "directory/fold.h"

using portier::directory::folded;
using portier::directory::index_words;
using portier::directory::query_words;
using Words = std::vector<std::string>;

TEST_CASE("Müller, Mueller and muller share an index word with the query muller") {
   CHECK(index_words("Müller") == Words{"muller", "mueller"});
   CHECK(index_words("Mueller") == Words{"mueller", "muller"});
   CHECK(index_words("muller") == Words{"muller"});
   CHECK(query_words("MÜLLER") == Words{"muller"});
}

TEST_CASE("a decomposed umlaut folds like a precomposed one") {
   CHECK(index_words("Mu\xCC\x88ller") == Words{"muller", "mueller"});
}

TEST_CASE("Nordic letters fold to their base letter and their transliteration") {
   CHECK(index_words("Ørsted") == Words{"orsted", "oersted"});
   CHECK(index_words("Øystein") == Words{"oystein", "oeystein"});
   CHECK(index_words("Åse") == Words{"ase", "aase"});
   CHECK(query_words("Ærø") == Words{"aero"});
}

TEST_CASE("accents of French, Czech, Polish and Spanish names are dropped") {
   CHECK(query_words("François Lefèvre") == Words{"francois", "lefevre"});
   CHECK(query_words("Dvořák") == Words{"dvorak"});
   CHECK(query_words("Łukasz Wiśniewski") == Words{"lukasz", "wisniewski"});
   CHECK(query_words("Peña") == Words{"pena"});
}

TEST_CASE("the dotted and dotless I of Turkish both fold to i") {
   CHECK(query_words("İzmir") == Words{"izmir"});
   CHECK(query_words("Iı") == Words{"ii"});
   CHECK(query_words("I\xCC\x87zmir") == Words{"izmir"});  // I + combining dot above
}

TEST_CASE("sharp s becomes ss") { CHECK(query_words("Straße") == Words{"strasse"}); }

TEST_CASE("punctuation splits words and other scripts pass through") {
   CHECK(query_words("Müller-Lüdenscheidt, Dr.") == Words{"muller", "ludenscheidt", "dr"});
   CHECK(query_words("Иван Петров") == Words{"Иван", "Петров"});
   CHECK(folded("  Hans   MÜLLER ") == "hans muller");
}

TEST_CASE("very long words are cut and very many words are dropped") {
   CHECK(query_words(std::string(500, 'a')).front().size() == portier::directory::kMaxWordBytes);
   std::string many;
   for (int i = 0; i < 200; ++i) many += "w ";
   CHECK(query_words(many).size() == portier::directory::kMaxWordsPerText);
}

TEST_CASE("broken UTF-8 splits words instead of failing") {
   CHECK(query_words("ab\xFF" "cd") == Words{"ab", "cd"});
   CHECK(query_words("x\xC3") == Words{"x"});
}

TEST_CASE("the word visitors give query_words' and index_words' words, repeats left to the caller") {
   Words visited;
   portier::directory::visit_query_words("Müller-Lüdenscheidt, Dr.", [&](std::string_view w) { visited.emplace_back(w); });
   CHECK(visited == query_words("Müller-Lüdenscheidt, Dr."));
   visited.clear();
   portier::directory::visit_index_forms("Müller Mueller", [&](std::string_view w) { visited.emplace_back(w); });
   CHECK(visited == Words{"muller", "mueller", "mueller", "muller"});
   CHECK(index_words("Müller Mueller") == Words{"muller", "mueller"});
}

TEST_CASE("append_folded adds the folded words to what a text holds") {
   std::string key = "x\x1f";
   portier::directory::append_folded("  Hans   MÜLLER ", key);
   CHECK(key == "x\x1fhans muller");
}
