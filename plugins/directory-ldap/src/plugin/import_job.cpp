// SPDX-License-Identifier: GPL-3.0-or-later
#include "import_job.h"

#include <algorithm>
#include <utility>

#include "ldap_session.h"

namespace portier::ldap {
namespace {

ImportOutcome search_and_map(const LdapSettings &settings, const std::optional<std::string> &password,
                             std::stop_token stop) {
   EntryImport mapping(settings.attributes);
   const SearchOutcome searched = search_directory(
       settings, password, [&](const Entry &entry, std::uint64_t page) { mapping.add(entry, page); }, stop);
   ImportOutcome out;
   out.result.pages = searched.pages;
   out.result.report = std::move(mapping.report());
   if (searched.status != PORTIER_OK) {
      out.status = searched.status;
      out.message = settings.url + ": " + searched.message;
      return out;
   }
   out.result.contacts = std::move(mapping.contacts());
   return out;
}

std::vector<std::string> reject_log_lines(const ImportReport &report) {
   std::vector<std::string> lines;
   const std::size_t logged = std::min(report.listed.size(), kMaxLoggedRejects);
   lines.reserve(logged + 1);
   for (std::size_t i = 0; i < logged; ++i) lines.push_back("rejected " + describe(report.listed[i]));
   if (report.rejected > logged) {
      lines.push_back(std::to_string(report.rejected - logged) + " more entries rejected, not logged");
   }
   return lines;
}

}  // namespace

ImportOutcome run_import(const LdapSettings &settings, const std::optional<std::string> &password, std::stop_token stop) {
   return directory_source::guarded_import<LdapImport>(settings.url,
                                                       [&] { return search_and_map(settings, password, stop); });
}

directory_source::ImportWords import_words(const LdapSettings &settings, const LdapImport &result) {
   const std::string pages = std::to_string(result.pages);
   directory_source::ImportWords words;
   words.warnings = reject_log_lines(result.report);
   words.info = "of " + settings.url + " " + settings.base_dn + ": " + summary(result.report) + " in " + pages + " pages";
   words.status = summary(result.report) + " in " + pages + (result.pages == 1 ? " page" : " pages");
   return words;
}

}  // namespace portier::ldap
