// SPDX-License-Identifier: MIT
#include "descriptor_checks.h"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <optional>

#include <portier/version.h>

namespace portier::check {
namespace {

constexpr size_t kIdMax = 63;         // bytes, without the NUL
constexpr size_t kTextMax = 1024;     // name, version, vendor ...: read no further than this
constexpr size_t kListMax = 64;       // entries of features / required_services, NULL included

// The length of `s` if a NUL comes within `limit` bytes. Reads byte by byte and stops at the
// NUL, so nothing past the string is touched.
std::optional<size_t> bounded_length(const char *s, size_t limit)
{
   for (size_t n = 0; n < limit; ++n) {
      if (s[n] == '\0') {
         return n;
      }
   }
   return std::nullopt;
}

bool is_id_char(char c, bool first)
{
   if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      return true;
   }
   return !first && (c == '.' || c == '-');
}

bool is_digits(const char *s, size_t n)
{
   if (n == 0) {
      return false;
   }
   for (size_t i = 0; i < n; ++i) {
      if (s[i] < '0' || s[i] > '9') {
         return false;
      }
   }
   return true;
}

// A semver numeric part: digits, no leading zero unless it is "0".
bool is_numeric_part(const char *s, size_t n)
{
   return is_digits(s, n) && (n == 1 || s[0] != '0');
}

// Dot-separated identifiers of [0-9A-Za-z-]; numeric ones without leading zeros when `strict`.
bool is_dot_identifiers(const char *s, size_t n, bool strict_numeric)
{
   size_t start = 0;
   for (size_t i = 0; i <= n; ++i) {
      if (i == n || s[i] == '.') {
         const size_t len = i - start;
         if (len == 0) {
            return false;
         }
         if (strict_numeric && is_digits(s + start, len) && !is_numeric_part(s + start, len)) {
            return false;
         }
         start = i + 1;
         continue;
      }
      const char c = s[i];
      const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                      c == '-';
      if (!ok) {
         return false;
      }
   }
   return true;
}

std::string quoted(const char *s)
{
   // Quote at most a prefix, and show control bytes as '?', so a hostile string cannot flood a
   // log line or break its format.
   std::string out = "'";
   for (size_t i = 0; i < 60 && s[i] != '\0'; ++i) {
      const unsigned char c = static_cast<unsigned char>(s[i]);
      out += (c < 0x20 || c == 0x7f) ? '?' : static_cast<char>(c);
   }
   out += "'";
   return out;
}

// Checks a required text field: present, not NULL, NUL-terminated within a bound, not empty.
// Returns the string when it can be examined further.
const char *check_text(const char *s, const char *field, std::vector<std::string> &out)
{
   if (s == nullptr) {
      out.push_back(std::string(field) + " is NULL");
      return nullptr;
   }
   const auto len = bounded_length(s, kTextMax);
   if (!len) {
      out.push_back(std::string(field) + " is not NUL-terminated within " +
                    std::to_string(kTextMax) + " bytes");
      return nullptr;
   }
   if (*len == 0) {
      out.push_back(std::string(field) + " is empty");
      return nullptr;
   }
   return s;
}

// Optional text ("may be \"\""): NULL reads as "", but a string must end within the bound.
void check_optional_text(const char *s, const char *field, std::vector<std::string> &out)
{
   if (s != nullptr && !bounded_length(s, kTextMax)) {
      out.push_back(std::string(field) + " is not NUL-terminated within " +
                    std::to_string(kTextMax) + " bytes");
   }
}

// Walks a NULL-terminated list of at most kListMax entries; returns its entries, or nothing
// when the list is unbounded (a finding is added).
std::optional<std::vector<const char *>> read_list(const char *const *list, const char *field,
                                                   std::vector<std::string> &out)
{
   std::vector<const char *> items;
   if (list == nullptr) {
      return items;
   }
   for (size_t i = 0; i < kListMax; ++i) {
      if (list[i] == nullptr) {
         return items;
      }
      items.push_back(list[i]);
   }
   out.push_back(std::string(field) + " is not NULL-terminated within " + std::to_string(kListMax) +
                 " entries");
   return std::nullopt;
}

}  // namespace

bool is_well_formed_id(const char *id)
{
   if (id == nullptr) {
      return false;
   }
   const auto len = bounded_length(id, kIdMax + 1);
   if (!len || *len == 0) {
      return false;
   }
   for (size_t i = 0; i < *len; ++i) {
      if (!is_id_char(id[i], i == 0)) {
         return false;
      }
   }
   return true;
}

bool is_well_formed_service_id(const char *sid)
{
   if (sid == nullptr) {
      return false;
   }
   const auto len = bounded_length(sid, kIdMax + 1);
   if (!len) {
      return false;
   }
   const char *slash = static_cast<const char *>(std::memchr(sid, '/', *len));
   if (slash == nullptr) {
      return false;
   }
   const size_t head = static_cast<size_t>(slash - sid);
   std::string name(sid, head);
   return is_well_formed_id(name.c_str()) && is_numeric_part(slash + 1, *len - head - 1) &&
          slash[1] != '0';
}

bool is_semantic_version(const char *version)
{
   if (version == nullptr) {
      return false;
   }
   const auto len = bounded_length(version, kTextMax);
   if (!len) {
      return false;
   }
   const char *s = version;
   const size_t n = *len;
   // MAJOR.MINOR.PATCH, then optional -pre.release and +build.
   size_t core_end = n;
   for (size_t i = 0; i < n; ++i) {
      if (s[i] == '-' || s[i] == '+') {
         core_end = i;
         break;
      }
   }
   size_t start = 0;
   int parts = 0;
   for (size_t i = 0; i <= core_end; ++i) {
      if (i == core_end || s[i] == '.') {
         if (!is_numeric_part(s + start, i - start)) {
            return false;
         }
         ++parts;
         start = i + 1;
      }
   }
   if (parts != 3) {
      return false;
   }
   if (core_end == n) {
      return true;
   }
   const char *plus = static_cast<const char *>(std::memchr(s + core_end, '+', n - core_end));
   const size_t build_at = plus ? static_cast<size_t>(plus - s) : n;
   if (s[core_end] == '-' &&
       !is_dot_identifiers(s + core_end + 1, build_at - core_end - 1, true)) {
      return false;
   }
   if (plus != nullptr && !is_dot_identifiers(plus + 1, n - build_at - 1, false)) {
      return false;
   }
   return true;
}

portier_plugin copy_descriptor(const portier_plugin *raw)
{
   portier_plugin copy;
   std::memset(&copy, 0, sizeof copy);
   if (raw == nullptr) {
      return copy;
   }
   const size_t n = std::min<size_t>(raw->struct_size, sizeof(portier_plugin));
   std::memcpy(&copy, raw, n);
   copy.struct_size = raw->struct_size;
   return copy;
}

std::vector<std::string> check_descriptor(const portier_plugin *raw,
                                          const std::vector<std::string> &served_services)
{
   std::vector<std::string> out;
   if (raw == nullptr) {
      out.emplace_back("descriptor is NULL");
      return out;
   }
   if (raw->struct_size < kDescriptorSize_1_0) {
      out.push_back("descriptor is " + std::to_string(raw->struct_size) +
                    " bytes, smaller than the 1.0 descriptor (" + std::to_string(kDescriptorSize_1_0) +
                    " bytes)");
   }
   if (PORTIER_HAS(raw, portier_plugin, abi_major) && raw->abi_major != PORTIER_ABI_MAJOR) {
      out.push_back("built for ABI major " + std::to_string(raw->abi_major) +
                    ", this core speaks major " + std::to_string(PORTIER_ABI_MAJOR));
   }
   if (raw->struct_size < kDescriptorSize_1_0) {
      // Every field past the end would be reported missing; the size already says it, once.
      return out;
   }

   if (!PORTIER_HAS(raw, portier_plugin, id)) {
      out.emplace_back("missing field id");
   } else if (const char *id = check_text(raw->id, "id", out)) {
      if (!is_well_formed_id(id)) {
         out.push_back("id " + quoted(id) +
                       " is not well formed (expected [a-z0-9][a-z0-9.-]*, at most 63 bytes)");
      }
   }
   if (!PORTIER_HAS(raw, portier_plugin, kind)) {
      out.emplace_back("missing field kind");
   } else if (const char *kind = check_text(raw->kind, "kind", out)) {
      static const char *const kKinds[] = {PORTIER_KIND_PBX,       PORTIER_KIND_TRUNK,
                                           PORTIER_KIND_PRESENCE,  PORTIER_KIND_CALENDAR,
                                           PORTIER_KIND_DIRECTORY, PORTIER_KIND_CLIENT,
                                           PORTIER_KIND_SERVICE};
      const bool known = std::any_of(std::begin(kKinds), std::end(kKinds),
                                     [&](const char *k) { return std::strcmp(k, kind) == 0; });
      if (!known) {
         out.push_back("kind " + quoted(kind) +
                       " is not one of pbx, trunk, presence, calendar, directory, client, service");
      }
   }
   if (!PORTIER_HAS(raw, portier_plugin, name)) {
      out.emplace_back("missing field name");
   } else {
      check_text(raw->name, "name", out);
   }
   if (!PORTIER_HAS(raw, portier_plugin, version)) {
      out.emplace_back("missing field version");
   } else if (const char *version = check_text(raw->version, "version", out)) {
      if (!is_semantic_version(version)) {
         out.push_back("version " + quoted(version) + " is not a semantic version");
      }
   }

   if (PORTIER_HAS(raw, portier_plugin, vendor)) check_optional_text(raw->vendor, "vendor", out);
   if (PORTIER_HAS(raw, portier_plugin, url)) check_optional_text(raw->url, "url", out);
   if (PORTIER_HAS(raw, portier_plugin, support_url)) {
      check_optional_text(raw->support_url, "support_url", out);
   }
   if (PORTIER_HAS(raw, portier_plugin, license)) check_optional_text(raw->license, "license", out);
   if (PORTIER_HAS(raw, portier_plugin, description)) {
      check_optional_text(raw->description, "description", out);
   }

   if (PORTIER_HAS(raw, portier_plugin, features)) {
      if (auto features = read_list(raw->features, "features", out)) {
         for (size_t i = 0; i < features->size(); ++i) {
            if (!is_well_formed_id((*features)[i])) {
               out.push_back("features[" + std::to_string(i) + "] " + quoted((*features)[i]) +
                             " is not well formed (expected [a-z0-9][a-z0-9.-]*, at most 63 bytes)");
            }
         }
      }
   }
   if (PORTIER_HAS(raw, portier_plugin, required_services)) {
      if (auto required = read_list(raw->required_services, "required_services", out)) {
         for (size_t i = 0; i < required->size(); ++i) {
            const char *sid = (*required)[i];
            if (!is_well_formed_service_id(sid)) {
               out.push_back("required_services[" + std::to_string(i) + "] " + quoted(sid) +
                             " is not a well formed service id (expected e.g. "
                             "'portier.host.client/1')");
               continue;
            }
            const bool served = std::find(served_services.begin(), served_services.end(),
                                          std::string(sid)) != served_services.end();
            if (!served) {
               out.push_back("requires host service " + quoted(sid) +
                             ", which this core does not serve");
            }
         }
      }
   }

   // reconfigure is optional: NULL means "restart me to apply a new configuration".
   struct Mandatory {
      const char *name;
      bool present;
   };
   const Mandatory mandatory[] = {
      {"validate_config",
       PORTIER_HAS(raw, portier_plugin, validate_config) && raw->validate_config != nullptr},
      {"create",
       PORTIER_HAS(raw, portier_plugin, create) && raw->create != nullptr},
      {"start",
       PORTIER_HAS(raw, portier_plugin, start) && raw->start != nullptr},
      {"stop",
       PORTIER_HAS(raw, portier_plugin, stop) && raw->stop != nullptr},
      {"destroy",
       PORTIER_HAS(raw, portier_plugin, destroy) && raw->destroy != nullptr},
      {"get_interface",
       PORTIER_HAS(raw, portier_plugin, get_interface) && raw->get_interface != nullptr},
   };
   for (const auto &m : mandatory) {
      if (!m.present) {
         out.push_back(std::string("missing mandatory function ") + m.name);
      }
   }
   return out;
}

}  // namespace portier::check
