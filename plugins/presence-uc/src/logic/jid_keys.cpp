// SPDX-License-Identifier: GPL-3.0-or-later
#include "jid_keys.h"

#include <portier/kind/presence.h>

#include "uc_settings.h"

namespace portier::uc {
namespace {

constexpr std::string_view kExtension = "{extension}";
constexpr std::string_view kDomain = "{domain}";
constexpr std::size_t kMaxKey = 200;

std::string lower(std::string_view text) {
   std::string out(text);
   for (char &c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
   }
   return out;
}

// Characters a dial string may have that are also valid in a JID's local part.
bool is_extension(std::string_view key) {
   if (key.empty() || key.size() > 64) return false;
   for (const char c : key) {
      const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '+' ||
                      c == '*' || c == '#' || c == '.' || c == '-' || c == '_';
      if (!ok) return false;
   }
   return true;
}

// RFC 6122 excludes these from a local part; a space or control character cannot be meant.
bool is_local_part(std::string_view local) {
   if (local.empty() || local.size() > 1023) return false;
   for (const char c : local) {
      if (static_cast<unsigned char>(c) <= 0x20 || c == '"' || c == '&' || c == '\'' || c == '/' || c == ':' ||
          c == '<' || c == '>' || c == '@') {
         return false;
      }
   }
   return true;
}

std::string replace_all(std::string text, std::string_view what, std::string_view with) {
   for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + with.size())) {
      text.replace(at, what.size(), with);
   }
   return text;
}

}  // namespace

std::string template_problem(std::string_view tpl) {
   const std::size_t ext = tpl.find(kExtension);
   if (ext == std::string_view::npos) return "must contain {extension}, e.g. {extension}@uc.example.com";
   if (tpl.find(kExtension, ext + 1) != std::string_view::npos) return "contains {extension} more than once";
   std::string rest = replace_all(replace_all(std::string(tpl), kExtension, "1"), kDomain, "d");
   if (rest.find_first_of("{}") != std::string::npos) return "knows only the placeholders {extension} and {domain}";
   const std::size_t at = rest.find('@');
   if (at == std::string::npos || at == 0 || at + 1 == rest.size() || rest.find('@', at + 1) != std::string::npos) {
      return "must be local@domain with exactly one '@'";
   }
   if (rest.find_first_of("/ ") != std::string::npos) return "names a bare JID: no resource, no spaces";
   return {};
}

std::string jid_for_key(const UcSettings &settings, std::int32_t key_type, std::string_view key, std::string &why) {
   if (key.size() > kMaxKey) {
      why = "longer than " + std::to_string(kMaxKey) + " characters";
      return {};
   }
   if (key_type == PORTIER_PRESENCE_KEY_EXTENSION) {
      if (!is_extension(key)) {
         why = "'" + std::string(key) + "' is not an extension (digits, letters, + * # . - _)";
         return {};
      }
      return lower(replace_all(replace_all(settings.jid_template, kExtension, key), kDomain, settings.domain));
   }
   if (key_type == PORTIER_PRESENCE_KEY_EMAIL) {
      const std::size_t at = key.find('@');
      if (at == std::string_view::npos || key.find('@', at + 1) != std::string_view::npos ||
          !is_local_part(key.substr(0, at)) || at + 1 == key.size() || key.find_first_of("/ ", at) != std::string_view::npos) {
         why = "'" + std::string(key) + "' is not an e-mail address";
         return {};
      }
      if (settings.email_jid == EmailJid::local) return lower(key.substr(0, at)) + "@" + lower(settings.domain);
      return lower(key);
   }
   why = "presence.uc takes extension and e-mail keys, not key type " + std::to_string(key_type);
   return {};
}

std::string bare_jid(std::string_view address) {
   return lower(address.substr(0, address.find('/')));
}

std::string_view resource_of(std::string_view address) {
   const std::size_t slash = address.find('/');
   return slash == std::string_view::npos ? std::string_view{} : address.substr(slash + 1);
}

}  // namespace portier::uc
