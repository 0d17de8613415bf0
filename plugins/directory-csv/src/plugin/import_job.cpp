// SPDX-License-Identifier: GPL-3.0-or-later
#include "import_job.h"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <limits>
#include <new>

#include <portier/event.h>

#include "file_bytes.h"

namespace portier::csv {
namespace {

std::uint32_t clamp32(std::uint64_t n) {
   return static_cast<std::uint32_t>(std::min<std::uint64_t>(n, std::numeric_limits<std::uint32_t>::max()));
}

std::string seconds_text(std::int64_t us) {
   char text[32];
   std::snprintf(text, sizeof text, "%.1f s", static_cast<double>(us) / 1e6);
   return text;
}

ImportOutcome read_and_import(const CsvSettings &settings, std::stop_token stop) {
   ImportOutcome out;
   auto bytes = read_file_bytes(settings.path, settings.max_bytes);
   if (!bytes.ok()) {
      out.status = bytes.status();
      out.message = bytes.message();
      return out;
   }
   ImportOptions options;
   options.delimiter = settings.delimiter;
   options.encoding = settings.encoding;
   options.header = settings.header;
   options.columns = settings.columns;
   auto imported = import_csv(bytes.value(), options, stop);
   if (!imported.ok()) {
      out.status = imported.status();
      out.message = settings.path + ": " + imported.message();
      return out;
   }
   out.result = std::move(imported).value();
   return out;
}

}  // namespace

ImportOutcome run_import(const CsvSettings &settings, std::stop_token stop) {
   try {
      return read_and_import(settings, stop);
   } catch (const std::bad_alloc &) {
      ImportOutcome out;
      out.status = PORTIER_ERR_NO_MEMORY;
      out.message = settings.path + ": out of memory while importing";
      return out;
   } catch (const std::exception &e) {
      ImportOutcome out;
      out.status = PORTIER_ERR_INTERNAL;
      out.message = settings.path + ": " + e.what();
      return out;
   }
}

portier_directory_event ready_event(const ImportOutcome &outcome, std::uint64_t correlation) {
   portier_directory_event ev{};
   ev.header = PORTIER_EVENT_HEADER_INIT(portier_directory_event, PORTIER_SPACE_DIRECTORY, PORTIER_DIRECTORY_EV_READY);
   ev.header.correlation = correlation;
   ev.status = outcome.status;
   if (outcome.status == PORTIER_OK) {
      ev.records = clamp32(outcome.result.report.accepted);
      ev.rejected = clamp32(outcome.result.report.rejected);
   }
   if (!portier_copy_str(ev.message, sizeof ev.message, outcome.message.c_str())) {
      ev.header.flags |= PORTIER_EVENT_TRUNCATED;
   }
   return ev;
}

std::string status_text(const ImportOutcome &outcome, std::int64_t started_us, std::int64_t finished_us) {
   std::string text = outcome.status == PORTIER_OK
                          ? "last import: " + summary(outcome.result.report) + " (" +
                                encoding_name(outcome.result.encoding) + ")"
                          : "last import failed: " + outcome.message;
   text += " in " + seconds_text(finished_us - started_us) + " at host clock " + seconds_text(finished_us);
   return text;
}

std::vector<std::string> reject_log_lines(const std::string &path, const ImportReport &report) {
   std::vector<std::string> lines;
   lines.reserve(report.listed.size() + 1);
   for (const RejectedRow &row : report.listed) lines.push_back(path + ": rejected " + describe(row));
   if (report.not_listed > 0) {
      lines.push_back(path + ": " + std::to_string(report.not_listed) + " more rows rejected, not listed");
   }
   return lines;
}

}  // namespace portier::csv
