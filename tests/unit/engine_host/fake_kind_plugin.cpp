// SPDX-License-Identifier: GPL-3.0-or-later
// A plugin of kind FAKE_KIND ("trunk" or "pbx") for the engine host's tests. It appends one line
// per lifecycle step and per command to the file in its "trace" setting ("fake-trunk load_media
// moh", "fake-pbx set_forwarding +4930501 1 on +4930610"), answers every command PORTIER_PENDING
// and never posts an event: the tests hand the host events themselves. Its one instance always
// lives at the same static address, so a restarted plugin reuses the old instance's address,
// as a new allocation may. It has no reconfigure: changed settings restart it.
#include <cstdio>
#include <cstring>
#include <string_view>

#include <portier/kind/pbx.h>
#include <portier/kind/trunk.h>
#include <portier/plugin.h>

#ifndef FAKE_ID
#define FAKE_ID "fake-trunk"
#endif
#ifndef FAKE_KIND
#define FAKE_KIND "trunk"
#endif

struct portier_instance {
   char trace[512];
};

namespace {

portier_instance g_instance;  // the one instance, reused by every create
bool g_in_use = false;

// The "trace" setting from a flat JSON object; "" when absent or too long.
void read_trace(portier_str json, char *out, std::size_t cap) {
   out[0] = '\0';
   const std::string_view text(json.data, json.size);
   constexpr std::string_view kKey = "\"trace\":\"";
   const std::size_t at = text.find(kKey);
   if (at == std::string_view::npos) return;
   const std::size_t from = at + kKey.size();
   const std::size_t end = text.find('"', from);
   if (end == std::string_view::npos || end - from >= cap) return;
   std::memcpy(out, text.data() + from, end - from);
   out[end - from] = '\0';
}

void trace(const portier_instance *inst, const char *op, const char *a = "", const char *b = "") {
   if (inst == nullptr || inst->trace[0] == '\0') return;
   std::FILE *f = std::fopen(inst->trace, "a");
   if (f == nullptr) return;
   std::fprintf(f, "%s %s%s%s%s%s\n", FAKE_ID, op, a[0] ? " " : "", a, b[0] ? " " : "", b);
   std::fclose(f);
}

portier_status PORTIER_ABI validate_config(portier_str, portier_error *) { return PORTIER_OK; }

portier_status PORTIER_ABI create(const portier_host *, portier_str json, portier_instance **out, portier_error *) {
   if (g_in_use) return PORTIER_ERR_BUSY;
   g_in_use = true;
   g_instance = portier_instance{};
   read_trace(json, g_instance.trace, sizeof g_instance.trace);
   *out = &g_instance;
   return PORTIER_OK;
}

portier_status PORTIER_ABI start(portier_instance *inst, portier_error *) {
   trace(inst, "start");
   return PORTIER_OK;
}

void PORTIER_ABI stop(portier_instance *inst) { trace(inst, "stop"); }

void PORTIER_ABI destroy(portier_instance *) { g_in_use = false; }

// Trunk commands.
portier_status PORTIER_ABI t_call(portier_instance *inst, const char *id, uint64_t, portier_error *) {
   trace(inst, "command", id);
   return PORTIER_PENDING;
}
portier_status PORTIER_ABI t_hangup(portier_instance *inst, const char *id, uint64_t, portier_error *) {
   trace(inst, "hangup", id);
   return PORTIER_PENDING;
}
portier_status PORTIER_ABI t_reject(portier_instance *inst, const char *id, int32_t, uint64_t, portier_error *) {
   trace(inst, "reject", id);
   return PORTIER_PENDING;
}
portier_status PORTIER_ABI t_play(portier_instance *inst, const char *id, const char *media, uint32_t, uint64_t,
                                  portier_error *) {
   trace(inst, "play", id, media);
   return PORTIER_PENDING;
}
portier_status PORTIER_ABI t_load_media(portier_instance *inst, const char *id, const char *, uint64_t,
                                        portier_error *) {
   trace(inst, "load_media", id);
   return PORTIER_PENDING;
}
portier_status PORTIER_ABI t_place_call(portier_instance *inst, const char *id, const char *target, const char *,
                                        const char *, const char *, int32_t, uint64_t, portier_error *) {
   trace(inst, "place_call", id, target);
   return PORTIER_PENDING;
}
portier_status PORTIER_ABI t_connect(portier_instance *inst, const char *id, const char *other, uint64_t,
                                     portier_error *) {
   trace(inst, "connect", id, other);
   return PORTIER_PENDING;
}

portier_status PORTIER_ABI t_redirect(portier_instance *inst, const char *id, const char *target, uint64_t,
                                      portier_error *) {
   trace(inst, "redirect", id, target);
   return PORTIER_PENDING;
}

const portier_trunk_v1 kTrunk{static_cast<uint32_t>(sizeof(portier_trunk_v1)),
                              &t_call,
                              &t_call,
                              &t_reject,
                              &t_hangup,
                              &t_play,
                              &t_call,
                              &t_load_media,
                              &t_place_call,
                              &t_connect,
                              &t_redirect};

// The pbx table: forwarding only; the engine uses nothing else yet.
portier_status PORTIER_ABI p_set_forwarding(portier_instance *inst, const char *device, int32_t type, bool on,
                                            const char *number, uint64_t, portier_error *) {
   char what[64];
   std::snprintf(what, sizeof what, "%d %s", static_cast<int>(type), on ? "on" : "off");
   char line[160];
   std::snprintf(line, sizeof line, "%s %s%s%s", device, what, number ? " " : "", number ? number : "");
   trace(inst, "set_forwarding", line);
   return PORTIER_PENDING;
}

portier_pbx_v1 make_pbx() {
   portier_pbx_v1 table{};
   table.struct_size = sizeof table;
   table.set_forwarding = &p_set_forwarding;
   return table;
}
const portier_pbx_v1 kPbx = make_pbx();

const void *PORTIER_ABI get_interface(portier_instance *, const char *iid) {
   if (std::strcmp(FAKE_KIND, PORTIER_KIND_TRUNK) == 0 && std::strcmp(iid, PORTIER_IF_TRUNK_1) == 0) return &kTrunk;
   if (std::strcmp(FAKE_KIND, PORTIER_KIND_PBX) == 0 && std::strcmp(iid, PORTIER_IF_PBX_1) == 0) return &kPbx;
   return nullptr;
}

const portier_plugin kDescriptor{PORTIER_PLUGIN_INIT,
                                 FAKE_ID,
                                 FAKE_KIND,
                                 "Engine host test " FAKE_KIND,
                                 "1.0.0",
                                 "",
                                 "",
                                 "",
                                 "GPL-3.0-or-later",
                                 "records the engine's commands for the engine host tests",
                                 nullptr,
                                 nullptr,
                                 &validate_config,
                                 &create,
                                 &start,
                                 nullptr,
                                 &stop,
                                 &destroy,
                                 &get_interface};

}  // namespace

extern "C" PORTIER_EXPORT const portier_plugin *PORTIER_ABI portier_plugin_entry(uint32_t abi_major) {
   return abi_major == PORTIER_ABI_MAJOR ? &kDescriptor : nullptr;
}
