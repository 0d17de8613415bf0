// SPDX-License-Identifier: GPL-3.0-or-later
#include "import_job.h"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <limits>
#include <new>

#include <portier/event.h>

#include "ldap_session.h"

namespace portier::ldap {
namespace {

std::uint32_t clamp32(std::uint64_t n) {
   return static_cast<std::uint32_t>(std::min<std::uint64_t>(n, std::numeric_limits<std::uint32_t>::max()));
}

std::string seconds_text(std::int64_t us) {
   char text[32];
   std::snprintf(text, sizeof text, "%.1f s", static_cast<double>(us) / 1e6);
   return text;
}

ImportOutcome search_and_map(const LdapSettings &settings, const std::optional<std::string> &password,
                             std::stop_token stop) {
   EntryImport mapping(settings.attributes);
   const SearchOutcome searched = search_directory(
       settings, password, [&](const Entry &entry, std::uint64_t page) { mapping.add(entry, page); }, stop);
   ImportOutcome out;
   out.pages = searched.pages;
   out.report = std::move(mapping.report());
   if (searched.status != PORTIER_OK) {
      out.status = searched.status;
      out.message = settings.url + ": " + searched.message;
      return out;
   }
   out.contacts = std::move(mapping.contacts());
   return out;
}

}  // namespace

ImportOutcome run_import(const LdapSettings &settings, const std::optional<std::string> &password, std::stop_token stop) {
   try {
      return search_and_map(settings, password, stop);
   } catch (const std::bad_alloc &) {
      ImportOutcome out;
      out.status = PORTIER_ERR_NO_MEMORY;
      out.message = settings.url + ": out of memory while importing";
      return out;
   } catch (const std::exception &e) {
      ImportOutcome out;
      out.status = PORTIER_ERR_INTERNAL;
      out.message = settings.url + ": " + e.what();
      return out;
   }
}

portier_directory_event ready_event(const ImportOutcome &outcome, std::uint64_t correlation) {
   portier_directory_event ev{};
   ev.header = PORTIER_EVENT_HEADER_INIT(portier_directory_event, PORTIER_SPACE_DIRECTORY, PORTIER_DIRECTORY_EV_READY);
   ev.header.correlation = correlation;
   ev.status = outcome.status;
   if (outcome.status == PORTIER_OK) {
      ev.records = clamp32(outcome.report.accepted);
      ev.rejected = clamp32(outcome.report.rejected);
   }
   if (!portier_copy_str(ev.message, sizeof ev.message, outcome.message.c_str())) {
      ev.header.flags |= PORTIER_EVENT_TRUNCATED;
   }
   return ev;
}

std::string status_text(const ImportOutcome &outcome, std::int64_t started_us, std::int64_t finished_us) {
   std::string text = outcome.status == PORTIER_OK
                          ? "last import: " + summary(outcome.report) + " in " + std::to_string(outcome.pages) +
                                (outcome.pages == 1 ? " page" : " pages")
                          : "last import failed: " + outcome.message;
   return text + " in " + seconds_text(finished_us - started_us) + " at host clock " + seconds_text(finished_us);
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

}  // namespace portier::ldap
