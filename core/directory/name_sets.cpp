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

// The prefixes of 2 to 8 characters (and, with `whole_terms`, the terms themselves) whose rows
// reach `common_rows`, each as a bitmap; keys in byte order.
CommonBits common_bits(const TermPostings &postings, std::size_t rows, bool whole_terms, std::size_t common_rows) {
   std::vector<std::pair<std::string, std::pair<std::size_t, std::size_t>>> found;
   const std::size_t count = postings.terms.size();
   if (whole_terms) {
      for (std::size_t i = 0; i < count; ++i)
         if (postings.rows_of(i, i + 1) >= common_rows) found.push_back({postings.terms[i], {i, i + 1}});
   } else {
      for (std::size_t length = 2; length <= 8; ++length) {
         for (std::size_t first = 0; first < count;) {
            if (postings.terms[first].size() < length) {
               ++first;
               continue;
            }
            const std::string_view prefix = std::string_view(postings.terms[first]).substr(0, length);
            std::size_t last = first + 1;
            while (last < count && std::string_view(postings.terms[last]).starts_with(prefix)) ++last;
            if (postings.rows_of(first, last) >= common_rows) found.push_back({std::string(prefix), {first, last}});
            first = last;
         }
      }
   }
   std::sort(found.begin(), found.end());
   CommonBits out;
   for (const auto &[key, range] : found) {
      out.keys.push_back(key);
      out.bits.emplace_back((rows + 63) / 64, 0);
      postings.set_rows(range.first, range.second, out.bits.back());
   }
   return out;
}

std::size_t bytes_of(const CommonBits &common) {
   std::size_t bytes = 0;
   for (std::size_t i = 0; i < common.keys.size(); ++i)
      bytes += sizeof(std::string) + common.keys[i].capacity() + common.bits[i].size() * sizeof(std::uint64_t);
   return bytes;
}

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

void TermPostings::set_rows(std::size_t first, std::size_t last, std::vector<std::uint64_t> &bits) const {
   const std::uint32_t *row = rows.data() + start[first];
   const std::uint32_t *end = rows.data() + start[last];
   for (; row != end; ++row) bits[*row >> 6] |= std::uint64_t{1} << (*row & 63);
}

std::pair<std::size_t, std::size_t> TermPostings::prefixed(std::string_view prefix) const {
   const auto first = std::lower_bound(terms.begin(), terms.end(), prefix);
   auto last = first;
   while (last != terms.end() && std::string_view(*last).starts_with(prefix)) ++last;
   return {static_cast<std::size_t>(first - terms.begin()), static_cast<std::size_t>(last - terms.begin())};
}

const std::vector<std::uint64_t> *CommonBits::find(std::string_view key) const {
   const auto at = std::lower_bound(keys.begin(), keys.end(), key);
   return at != keys.end() && *at == key ? &bits[static_cast<std::size_t>(at - keys.begin())] : nullptr;
}

std::size_t NameSets::bytes() const {
   std::size_t bytes = ranks.size() * sizeof(std::int64_t) + scope_of.size() * sizeof(std::uint16_t) +
                       letters.size() * sizeof(std::uint64_t);
   for (const std::string &scope : scopes) bytes += sizeof(std::string) + scope.capacity();
   return bytes + bytes_of(names) + bytes_of(sounds) + bytes_of(common_prefixes) + bytes_of(common_terms) +
          bytes_of(common_sounds);
}

DirectoryResult<std::shared_ptr<const NameSets>> build_name_sets(DirectoryDb &db, const std::atomic<bool> *stop,
                                                                 std::size_t common_rows) {
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
   sets->common_prefixes = common_bits(sets->names, sets->ranks.size(), false, common_rows);
   sets->common_terms = common_bits(sets->names, sets->ranks.size(), true, common_rows);
   sets->common_sounds = common_bits(sets->sounds, sets->ranks.size(), true, common_rows);
   return std::shared_ptr<const NameSets>(std::move(sets));
}

}  // namespace portier::directory
