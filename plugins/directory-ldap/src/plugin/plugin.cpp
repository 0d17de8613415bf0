// SPDX-License-Identifier: GPL-3.0-or-later
// directory.ldap: the descriptor and what the shared driver (plugins/lib-directory-source) needs
// to know of LDAP: the settings, the import run on the plugin's thread (bind, paged search, map
// the entries), its log and status words, and how a contact and a rejected entry are seen by the
// sinks.
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>

#include <portier/directory_source/source_plugin.h>
#include <portier/kind/directory.h>
#include <portier/plugin.hpp>

#include "import_job.h"
#include "ldap_settings.h"
#include "record_view.h"

namespace portier::ldap {
namespace {

struct LdapSource {
   using Settings = LdapSettings;
   using Import = LdapImport;

   static Result<LdapSettings> parse(std::string_view json) { return parse_ldap_settings(json); }

   static ImportOutcome run(const Host &host, const LdapSettings &settings, std::stop_token stop) {
      // read at each import, so a rotated secret file is picked up without a reload
      const std::optional<std::string> password =
          settings.password_secret.empty() ? std::nullopt : host.secret(settings.password_secret);
      return run_import(settings, password, stop);
   }

   static directory_source::ImportWords words(const LdapSettings &settings, const LdapImport &result) {
      return import_words(settings, result);
   }

   static void view_record(const Contact &contact, directory_source::RecordView &view) { view_as_record(contact, view); }
   static void view_reject(const RejectedEntry &entry, portier_directory_reject &reject) { view_as_reject(entry, reject); }
};

using DirectoryLdap = directory_source::SourcePlugin<LdapSource>;

}  // namespace
}  // namespace portier::ldap

PORTIER_PLUGIN_EX(portier::ldap::DirectoryLdap,
                  portier::PluginInfo{"directory.ldap", PORTIER_KIND_DIRECTORY, "LDAP phone book", "1.0.0", "", "", "",
                                      "GPL-3.0-or-later",
                                      "Imports contacts from an LDAP directory (paged search) into the phone book.",
                                      nullptr, nullptr})
