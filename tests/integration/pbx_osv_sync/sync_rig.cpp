// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync_rig.h"

#include <cstring>
#include <map>
#include <mutex>

#include <catch2/catch.hpp>

namespace synctest {
namespace {

std::mutex secrets_mu;
std::map<std::string, std::string> secrets;

portier_status PORTIER_ABI secret_get(portier_host_ctx *, const char *name, char *buf, std::size_t *size) {
   std::lock_guard<std::mutex> lock(secrets_mu);
   auto it = secrets.find(name);
   if (it == secrets.end()) return PORTIER_ERR_NOT_FOUND;
   const std::size_t needed = it->second.size() + 1;
   if (*size < needed) {
      *size = needed;
      return PORTIER_ERR_TOO_SMALL;
   }
   std::memcpy(buf, it->second.c_str(), needed);
   *size = needed;
   return PORTIER_OK;
}

bool PORTIER_ABI collect(void *user, const portier_pbx_extension *ext) {
   auto &out = *static_cast<std::vector<SeenExtension> *>(user);
   out.push_back(SeenExtension{ext->number, ext->e164, ext->display_name, ext->first_name, ext->last_name,
                               ext->department, ext->email});
   return true;
}

}  // namespace

void set_secret(const std::string &name, const std::string &value) {
   std::lock_guard<std::mutex> lock(secrets_mu);
   secrets[name] = value;
}

std::string osv_settings(const std::string &sync_json) {
   // Port 9 (discard) on loopback is closed on a test machine; the link just retries slowly.
   return R"({"host":"127.0.0.1","port":9,"reconnect_min_ms":60000,"reconnect_max_ms":60000,"sync":)" +
          sync_json + "}";
}

std::string validate(const std::string &settings) {
   test::PluginUnderTest osv(PBX_OSV_PLUGIN);
   std::string why;
   return osv.validate(settings, why) == PORTIER_OK ? std::string() : why;
}

SyncRig::SyncRig(const std::string &settings) : PluginUnderTest(PBX_OSV_PLUGIN) {
   host.table.secret_get = &secret_get;
   start(settings);
   sync = static_cast<const portier_pbx_sync_v1 *>(plugin->get_interface(inst, PORTIER_IF_PBX_SYNC_1));
}

SyncRig::~SyncRig() {
   stop();
   std::lock_guard<std::mutex> lock(secrets_mu);
   secrets.clear();
}

portier_pbx_result_event SyncRig::fetch_and_wait(std::uint64_t correlation) {
   REQUIRE(sync != nullptr);
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(sync->fetch(inst, correlation, &err) == PORTIER_PENDING);
   std::optional<portier_pbx_result_event> ready;
   const bool arrived = host.wait(
       [&] {
          for (const auto &ev : host.events<portier_pbx_result_event>(PORTIER_PBX_EV_SYNC_READY)) {
             if (ev.header.correlation == correlation) ready = ev;
          }
          return ready.has_value();
       },
       std::chrono::seconds(20));
   REQUIRE(arrived);
   return *ready;
}

std::vector<SeenExtension> SyncRig::read(std::uint64_t correlation, portier_status &status) {
   std::vector<SeenExtension> out;
   portier_error err = PORTIER_ERROR_INIT;
   status = sync->read(inst, correlation, &collect, &out, &err);
   return out;
}

}  // namespace synctest
