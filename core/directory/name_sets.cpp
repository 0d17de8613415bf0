// SPDX-License-Identifier: GPL-3.0-or-later
#include "directory/name_sets.h"

#include <algorithm>
#include <limits>
#include <unordered_map>

#include "directory/book_stamp.h"
#include "directory/directory_db.h"
#include "directory/statement.h"

namespace portier::directory {

namespace {

struct TermHash {
   using is_transparent = void;
   std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

// Collects each term's rows while the rows come in ascending order.
class TermCollector {
public:
   void add(std::string_view term, std::uint32_t row) {
      auto found = ids_.find(term);
      if (found == ids_.end()) {
         found = ids_.emplace(std::string(term), static_cast<std::uint32_t>(rows_.size())).first;
         rows_.emplace_back();
      }
      std::vector<std::uint32_t> &rows = rows_[found->second];
      if (rows.empty() || rows.back() != row) rows.push_back(row);  // a term twice in one row
   }

   TermPostings finish() {
      std::vector<std::pair<std::string_view, std::uint32_t>> order;
      order.reserve(ids_.size());
      for (const auto &[term, id] : ids_) order.emplace_back(term, id);
      std::sort(order.begin(), order.end());
      TermPostings out;
      out.terms.reserve(order.size());
      out.start.reserve(order.size() + 1);
      std::size_t total = 0;
      for (const auto &rows : rows_) total += rows.size();
      out.rows.reserve(total);
      for (const auto &[term, id] : order) {
         out.terms.emplace_back(term);
         out.start.push_back(static_cast<std::uint32_t>(out.rows.size()));
         std::vector<std::uint32_t> &rows = rows_[id];
         out.rows.insert(out.rows.end(), rows.begin(), rows.end());
         std::vector<std::uint32_t>().swap(rows);
      }
      out.start.push_back(static_cast<std::uint32_t>(out.rows.size()));
      return out;
   }

private:
   std::unordered_map<std::string, std::uint32_t, TermHash, std::equal_to<>> ids_;
   std::vector<std::vector<std::uint32_t>> rows_;
};

std::size_t bytes_of(const TermPostings &postings) {
   std::size_t bytes = postings.start.size() * sizeof(std::uint32_t) + postings.rows.size() * sizeof(std::uint32_t);
   for (const std::string &term : postings.terms) bytes += sizeof(std::string) + term.capacity();
   return bytes;
}

}  // namespace

std::size_t TermPostings::find(std::string_view term) const {
   const auto at = std::lower_bound(terms.begin(), terms.end(), term);
   return at != terms.end() && *at == term ? static_cast<std::size_t>(at - terms.begin()) : terms.size();
}

std::pair<std::size_t, std::size_t> TermPostings::prefixed(std::string_view prefix) const {
   const auto first = std::lower_bound(terms.begin(), terms.end(), prefix);
   auto last = first;
   while (last != terms.end() && std::string_view(*last).starts_with(prefix)) ++last;
   return {static_cast<std::size_t>(first - terms.begin()), static_cast<std::size_t>(last - terms.begin())};
}

std::size_t NameSets::bytes() const {
   std::size_t bytes = ranks.size() * sizeof(std::int64_t) + scope_of.size() * sizeof(std::uint16_t) +
                       letters.size() * sizeof(std::uint64_t);
   for (const std::string &scope : scopes) bytes += sizeof(std::string) + scope.capacity();
   return bytes + bytes_of(names) + bytes_of(sounds);
}

DirectoryResult<std::shared_ptr<const NameSets>> build_name_sets(DirectoryDb &db, const std::atomic<bool> *stop) {
   auto tokens = db.index_tokens();
   if (!tokens) return tokens.error();
   const ReadTransaction read(db.statements());  // one snapshot for the stamp and the rows
   if (!read.error().empty()) return DirectoryError{"name sets: " + read.error()};

   auto sets = std::make_shared<NameSets>();
   auto stamp = read_book_stamp(db);
   if (!stamp) return stamp.error();
   sets->stamp = stamp.value();
   TermCollector names, sounds;
   std::unordered_map<std::string, std::uint16_t, TermHash, std::equal_to<>> scope_ids;
   Statement select(db.handle(), "SELECT rank, names, sounds, scope FROM contacts ORDER BY rank");
   std::string error;
   while (error.empty() && select.step()) {
      if (sets->ranks.size() >= std::numeric_limits<std::uint32_t>::max())
         return DirectoryError{"name sets: more than 2^32 - 1 contacts"};
      const auto row = static_cast<std::uint32_t>(sets->ranks.size());
      if (stop && row % 4096 == 0 && stop->load()) return DirectoryError{"stopped"};
      sets->ranks.push_back(select.column_int(0));
      std::uint64_t letters = 0;
      error = tokens.value()->each(select.column_view(1), [&](std::string_view token) {
         names.add(token, row);
         letters |= token.empty() ? 0 : letter_bit(token.front());
      });
      sets->letters.push_back(letters);
      if (error.empty())
         error = tokens.value()->each(select.column_view(2), [&](std::string_view token) { sounds.add(token, row); });
      const std::string_view scope = select.column_view(3);
      auto found = scope_ids.find(scope);
      if (found == scope_ids.end()) {
         if (sets->scopes.size() > std::numeric_limits<std::uint16_t>::max())
            return DirectoryError{"name sets: more than 65,535 scopes"};
         found = scope_ids.emplace(std::string(scope), static_cast<std::uint16_t>(sets->scopes.size())).first;
         sets->scopes.emplace_back(scope);
      }
      sets->scope_of.push_back(found->second);
   }
   if (error.empty()) error = select.error();
   if (!error.empty()) return DirectoryError{"name sets: " + error};
   sets->names = names.finish();
   sets->sounds = sounds.finish();
   return std::shared_ptr<const NameSets>(std::move(sets));
}

}  // namespace portier::directory
