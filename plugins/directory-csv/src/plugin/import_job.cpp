// SPDX-License-Identifier: GPL-3.0-or-later
#include "import_job.h"

#include <string>
#include <utility>
#include <vector>

#include "file_bytes.h"

namespace portier::csv {
namespace {

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

std::vector<std::string> reject_log_lines(const std::string &path, const ImportReport &report) {
   std::vector<std::string> lines;
   lines.reserve(report.listed.size() + 1);
   for (const RejectedRow &row : report.listed) lines.push_back(path + ": rejected " + describe(row));
   if (report.not_listed > 0) {
      lines.push_back(path + ": " + std::to_string(report.not_listed) + " more rows rejected, not listed");
   }
   return lines;
}

}  // namespace

ImportOutcome run_import(const CsvSettings &settings, std::stop_token stop) {
   return directory_source::guarded_import<ImportResult>(settings.path,
                                                         [&] { return read_and_import(settings, stop); });
}

directory_source::ImportWords import_words(const CsvSettings &settings, const ImportResult &result) {
   directory_source::ImportWords words;
   words.warnings = reject_log_lines(settings.path, result.report);
   words.info = "of " + settings.path + ": " + summary(result.report);
   words.status = summary(result.report) + " (" + encoding_name(result.encoding) + ")";
   return words;
}

}  // namespace portier::csv
