// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/directory_pbx_source.h"

#include "kernel/fixed_text.h"

#include <cstring>

namespace portier::kernel {

namespace {

struct ReadState {
   std::string_view source;
   std::vector<directory::Contact> *rows;
};

bool PORTIER_ABI take_extension(void *user, const portier_pbx_extension *ext) {
   auto *state = static_cast<ReadState *>(user);
   // A record too short for the fields of this version, or without a number, cannot be keyed.
   if (ext == nullptr || !PORTIER_HAS(ext, portier_pbx_extension, email) || ext->number == nullptr ||
       *ext->number == '\0')
      return true;
   state->rows->push_back(contact_of_extension(*ext, state->source));
   return true;
}

}  // namespace

const portier_pbx_sync_v1 *usable_pbx_sync(const void *table) {
   const auto *sync = static_cast<const portier_pbx_sync_v1 *>(table);
   if (sync == nullptr || !PORTIER_HAS(sync, portier_pbx_sync_v1, read) || sync->fetch == nullptr ||
       sync->read == nullptr)
      return nullptr;
   return sync;
}

std::optional<portier_directory_event> ready_of_pbx_sync(const portier_event_header &ev) {
   if (ev.space != PORTIER_SPACE_PBX || ev.type != PORTIER_PBX_EV_SYNC_READY ||
       ev.struct_size < sizeof(portier_pbx_result_event))
      return std::nullopt;
   const auto &result = reinterpret_cast<const portier_pbx_result_event &>(ev);
   portier_directory_event ready{};
   ready.header = ev;
   ready.header.struct_size = sizeof ready;
   ready.header.space = PORTIER_SPACE_DIRECTORY;
   ready.header.type = PORTIER_DIRECTORY_EV_READY;
   ready.status = result.status;
   // Both are PORTIER_NAME_SIZE; bounded anyway, a plugin may leave it unterminated.
   const std::string message(result.message, strnlen(result.message, sizeof result.message));
   portier_copy_str(ready.message, sizeof ready.message, message.c_str());
   return ready;
}

directory::Contact contact_of_extension(const portier_pbx_extension &ext, std::string_view source) {
   directory::Contact c;
   c.source = std::string(source);
   c.source_id = text_or_empty(ext.number);
   c.extension = c.source_id;
   c.name.display = text_or_empty(ext.display_name);
   c.name.given = text_or_empty(ext.first_name);
   c.name.family = text_or_empty(ext.last_name);
   c.department = text_or_empty(ext.department);
   if (std::string email = text_or_empty(ext.email); !email.empty()) c.emails.push_back(std::move(email));
   const std::string e164 = text_or_empty(ext.e164);
   c.numbers.push_back({directory::NumberType::office, "", e164.empty() ? c.extension : e164});
   return c;
}

std::string read_pbx_extensions(const portier_pbx_sync_v1 &table, portier_instance *instance,
                                std::uint64_t correlation, std::string_view source,
                                std::vector<directory::Contact> &rows) {
   ReadState state{source, &rows};
   portier_error err = PORTIER_ERROR_INIT;
   const portier_status st = table.read(instance, correlation, take_extension, &state, &err);
   if (portier_status_ok(st)) return {};
   const std::string message(err.message, strnlen(err.message, sizeof err.message));
   return "read failed: " + (message.empty() ? std::string(portier_status_name(st)) : message);
}

}  // namespace portier::kernel
