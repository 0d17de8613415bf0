// SPDX-License-Identifier: GPL-3.0-or-later
// directory.csv: the descriptor and what the shared driver (plugins/lib-directory-source) needs
// to know of CSV: the settings, the import run on the plugin's thread (read and parse the whole
// file), its log and status words, and how a contact and a rejected row are seen by the sinks.
#include <stop_token>
#include <string_view>

#include <portier/directory_source/source_plugin.h>
#include <portier/kind/directory.h>
#include <portier/plugin.hpp>

#include "csv_settings.h"
#include "import_job.h"
#include "record_view.h"

namespace portier::csv {
namespace {

struct CsvSource {
   using Settings = CsvSettings;
   using Import = ImportResult;

   static Result<CsvSettings> parse(std::string_view json) { return parse_csv_settings(json); }

   static ImportOutcome run(const Host & /*host*/, const CsvSettings &settings, std::stop_token stop) {
      return run_import(settings, stop);
   }

   static directory_source::ImportWords words(const CsvSettings &settings, const ImportResult &result) {
      return import_words(settings, result);
   }

   static void view_record(const Contact &contact, directory_source::RecordView &view) { view_as_record(contact, view); }
   static void view_reject(const RejectedRow &row, portier_directory_reject &reject) { view_as_reject(row, reject); }
};

using DirectoryCsv = directory_source::SourcePlugin<CsvSource>;

}  // namespace
}  // namespace portier::csv

PORTIER_PLUGIN_EX(portier::csv::DirectoryCsv,
                  portier::PluginInfo{"directory.csv", PORTIER_KIND_DIRECTORY, "CSV phone book", "1.0.0", "", "", "",
                                      "GPL-3.0-or-later",
                                      "Imports contacts from a CSV file into the phone book.", nullptr, nullptr})
