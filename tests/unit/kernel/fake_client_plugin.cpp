// SPDX-License-Identifier: GPL-3.0-or-later
// A plugin of kind client for the kernel's tests: every message delivered to it is appended as
// one line "REQUEST_ID JSON" to the file in its "trace" setting. It submits nothing itself; the
// tests hand the kernel requests in its name.
#include <cstdio>
#include <cstring>
#include <string_view>

#include <portier/kind/client.h>
#include <portier/plugin.h>

struct portier_instance {
   char trace[512];
};

namespace {

portier_instance g_instance;
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

portier_status PORTIER_ABI validate_config(portier_str, portier_error *) { return PORTIER_OK; }

portier_status PORTIER_ABI create(const portier_host *, portier_str json, portier_instance **out, portier_error *) {
   if (g_in_use) return PORTIER_ERR_BUSY;
   g_in_use = true;
   g_instance = portier_instance{};
   read_trace(json, g_instance.trace, sizeof g_instance.trace);
   *out = &g_instance;
   return PORTIER_OK;
}

portier_status PORTIER_ABI start(portier_instance *, portier_error *) { return PORTIER_OK; }
void PORTIER_ABI stop(portier_instance *) {}
void PORTIER_ABI destroy(portier_instance *) { g_in_use = false; }

void PORTIER_ABI deliver(portier_instance *inst, uint64_t request_id, portier_str json) {
   if (inst->trace[0] == '\0') return;
   std::FILE *f = std::fopen(inst->trace, "a");
   if (f == nullptr) return;
   std::fprintf(f, "%llu %.*s\n", static_cast<unsigned long long>(request_id), static_cast<int>(json.size), json.data);
   std::fclose(f);
}

const portier_client_v1 kClient{static_cast<uint32_t>(sizeof(portier_client_v1)), &deliver};

const void *PORTIER_ABI get_interface(portier_instance *, const char *iid) {
   return std::strcmp(iid, PORTIER_IF_CLIENT_1) == 0 ? &kClient : nullptr;
}

const portier_plugin kDescriptor{PORTIER_PLUGIN_INIT,
                                 "fake-client",
                                 PORTIER_KIND_CLIENT,
                                 "Kernel test client",
                                 "1.0.0",
                                 "",
                                 "",
                                 "",
                                 "GPL-3.0-or-later",
                                 "records what the kernel delivers, for the kernel's tests",
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
