// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/host_services.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <portier/kind/client.h>
#include <portier/version.h>

#include "kernel/kernel.h"
#include "kernel/log.h"
#include "kernel/plugin_slot.h"
#include "kernel/secrets.h"

namespace portier::kernel {
namespace {

// Timers are memory in the engine; like the event queue, they are bounded per plugin.
constexpr std::size_t kMaxTimersPerInstance = 4096;

std::string_view view(portier_str s)
{
   return s.data == nullptr ? std::string_view() : std::string_view(s.data, s.size);
}

// A host call the contract forbids at this point: logged once per call, refused.
bool refuse_outside_lifecycle(portier_host_ctx *ctx, const char *fn)
{
   if (!ctx->alive->load()) {
      log_misbehaving(ctx->id, std::string("called ") + fn + " after stop() returned");
      return true;
   }
   if (ctx->creating.load()) {
      log_misbehaving(ctx->id,
                      std::string("called ") + fn + " inside create(); only log is allowed there");
      return true;
   }
   return false;
}

void PORTIER_ABI host_log(portier_host_ctx *ctx, int32_t level, portier_str msg)
{
   const std::string_view text = view(msg);
   const std::string &id = ctx->id;
   switch (level) {
   case PORTIER_LOG_DEBUG: log(LogLevel::debug, id, text); break;
   case PORTIER_LOG_INFO: log(LogLevel::info, id, text); break;
   case PORTIER_LOG_WARNING: log(LogLevel::warning, id, text); break;
   case PORTIER_LOG_HOST_MISBEHAVING:
      log(LogLevel::error, id, std::string("reports the host misbehaving: ") + std::string(text));
      break;
   case PORTIER_LOG_PLUGIN_MISBEHAVING: log_misbehaving(id, text); break;
   default: log(LogLevel::error, id, text); break;
   }
}

int64_t PORTIER_ABI host_now_us(portier_host_ctx *ctx)
{
   return ctx->kernel->loop().clock().now_us();
}

portier_status PORTIER_ABI host_post_event(portier_host_ctx *ctx, const portier_event_header *ev)
{
   if (refuse_outside_lifecycle(ctx, "post_event")) {
      return PORTIER_ERR_STATE;
   }
   if (ev == nullptr || ev->struct_size < sizeof(portier_event_header) ||
       ev->struct_size > PORTIER_EVENT_MAX_SIZE || ev->reserved != 0) {
      log_misbehaving(ctx->id, "posted a malformed event record");
      return PORTIER_ERR_INVALID;
   }
   // Copy now: the record is borrowed for this call only.
   std::vector<unsigned char> copy(ev->struct_size);
   std::memcpy(copy.data(), ev, ev->struct_size);
   auto alive = ctx->alive;
   Kernel *kernel = ctx->kernel;
   PluginSlot *slot = ctx->slot;
   const bool queued = kernel->loop().post([alive, kernel, slot, copy = std::move(copy)]() {
      if (alive->load()) {
         // operator new aligns the copy for any header field.
         kernel->deliver_event(*slot, *reinterpret_cast<const portier_event_header *>(copy.data()));
      }
   });
   return queued ? PORTIER_OK : PORTIER_ERR_BUSY;
}

// One unit for the engine: every record copied into one buffer, each at an 8-byte boundary
// (operator new aligns the buffer), delivered by one queued task.
portier_status PORTIER_ABI host_post_events(portier_host_ctx *ctx, const portier_event_header *const *records,
                                            uint32_t count)
{
   if (refuse_outside_lifecycle(ctx, "post_events")) {
      return PORTIER_ERR_STATE;
   }
   if (count == 0) {
      return PORTIER_OK;
   }
   if (records == nullptr || count > PORTIER_EVENT_BATCH_MAX) {
      log_misbehaving(ctx->id, "posted a batch of " + std::to_string(count) + " records" +
                                   (records == nullptr ? " without the records" : ", more than 4096"));
      return PORTIER_ERR_INVALID;
   }
   std::size_t bytes = 0;
   for (uint32_t i = 0; i < count; ++i) {
      const portier_event_header *ev = records[i];
      if (ev == nullptr || ev->struct_size < sizeof(portier_event_header) ||
          ev->struct_size > PORTIER_EVENT_MAX_SIZE || ev->reserved != 0) {
         log_misbehaving(ctx->id, "posted a malformed event record at index " + std::to_string(i) +
                                      " of a batch of " + std::to_string(count));
         return PORTIER_ERR_INVALID;
      }
      bytes += (ev->struct_size + 7u) & ~std::size_t{7};
   }
   std::vector<std::uint64_t> copy(bytes / 8);
   auto *at = reinterpret_cast<unsigned char *>(copy.data());
   const int64_t now = ctx->kernel->loop().clock().now_us();
   for (uint32_t i = 0; i < count; ++i) {
      std::memcpy(at, records[i], records[i]->struct_size);
      auto *header = reinterpret_cast<portier_event_header *>(at);
      if (header->time_us == 0) header->time_us = now;
      at += (records[i]->struct_size + 7u) & ~std::size_t{7};
   }
   auto alive = ctx->alive;
   Kernel *kernel = ctx->kernel;
   PluginSlot *slot = ctx->slot;
   const bool queued = kernel->loop().post([alive, kernel, slot, copy = std::move(copy)]() {
      const auto *at = reinterpret_cast<const unsigned char *>(copy.data());
      const auto *end = at + copy.size() * 8;
      while (at < end && alive->load()) {
         const auto &header = *reinterpret_cast<const portier_event_header *>(at);
         kernel->deliver_event(*slot, header);
         at += (header.struct_size + 7u) & ~std::size_t{7};
      }
   });
   return queued ? PORTIER_OK : PORTIER_ERR_BUSY;
}

portier_status PORTIER_ABI host_report_state(portier_host_ctx *ctx, int32_t state, portier_str reason)
{
   if (refuse_outside_lifecycle(ctx, "report_state")) {
      return PORTIER_ERR_STATE;
   }
   PluginState s;
   switch (state) {
   case PORTIER_STATE_RUNNING: s = PluginState::running; break;
   case PORTIER_STATE_LIMITED: s = PluginState::limited; break;
   case PORTIER_STATE_STOPPED: s = PluginState::stopped; break;
   default:
      log_misbehaving(ctx->id, "reported state " + std::to_string(state) +
                                              "; only RUNNING, LIMITED and STOPPED are allowed");
      return PORTIER_ERR_INVALID;
   }
   ctx->slot->set_state(s, std::string(view(reason)));
   return PORTIER_OK;
}

portier_status PORTIER_ABI host_run_on_engine(portier_host_ctx *ctx, portier_engine_fn fn, void *user)
{
   if (fn == nullptr) {
      return PORTIER_ERR_INVALID;
   }
   if (refuse_outside_lifecycle(ctx, "run_on_engine")) {
      return PORTIER_ERR_STATE;
   }
   auto alive = ctx->alive;
   const bool queued = ctx->kernel->loop().post([alive, fn, user]() {
      if (alive->load()) {
         fn(user);
      }
   });
   return queued ? PORTIER_OK : PORTIER_ERR_BUSY;
}

portier_status PORTIER_ABI host_timer_start(portier_host_ctx *ctx, int64_t delay_us, int64_t period_us,
                                            portier_engine_fn fn, void *user, uint64_t *id)
{
   if (fn == nullptr || id == nullptr || delay_us < 0 || period_us < 0) {
      return PORTIER_ERR_INVALID;
   }
   if (refuse_outside_lifecycle(ctx, "timer_start")) {
      return PORTIER_ERR_STATE;
   }
   auto alive = ctx->alive;
   auto shared_id = std::make_shared<std::uint64_t>(0);
   const bool one_shot = period_us == 0;
   std::lock_guard lock(ctx->timers_mutex);
   if (ctx->timers.size() >= kMaxTimersPerInstance) {
      log_misbehaving(ctx->id, "holds " + std::to_string(ctx->timers.size()) + " live timers; refusing more");
      return PORTIER_ERR_BUSY;
   }
   *shared_id = ctx->kernel->loop().timer_start(delay_us, period_us, [alive, fn, user, ctx, shared_id, one_shot]() {
      if (!alive->load()) {
         return;  // ctx may be gone; touch nothing of it
      }
      if (one_shot) {
         std::lock_guard inner(ctx->timers_mutex);
         ctx->timers.erase(*shared_id);
      }
      fn(user);
   });
   ctx->timers.insert(*shared_id);
   *id = *shared_id;
   return PORTIER_OK;
}

void PORTIER_ABI host_timer_cancel(portier_host_ctx *ctx, uint64_t id)
{
   std::lock_guard lock(ctx->timers_mutex);
   if (ctx->timers.erase(id) > 0) {
      ctx->kernel->loop().timer_cancel(id);
   }
}

portier_status PORTIER_ABI host_secret_get(portier_host_ctx *ctx, const char *name, char *buf, size_t *size)
{
   if (name == nullptr || size == nullptr || (buf == nullptr && *size > 0)) {
      return PORTIER_ERR_INVALID;
   }
   // The instance's own copy: a reload may replace the slot's entry while plugin threads run.
   const auto &secrets = ctx->secrets;
   const auto ref = std::find_if(secrets.begin(), secrets.end(),
                                 [&](const SecretRef &r) { return r.name == name; });
   if (ref == secrets.end()) {
      return PORTIER_ERR_NOT_FOUND;
   }
   std::string why;
   const auto value = read_secret(*ref, why);
   if (!value) {
      log(LogLevel::warning, ctx->id, why);
      return PORTIER_ERR_NOT_FOUND;
   }
   const std::size_t needed = value->size() + 1;
   if (*size < needed) {
      *size = needed;
      return PORTIER_ERR_TOO_SMALL;
   }
   std::memcpy(buf, value->c_str(), needed);
   *size = needed;
   return PORTIER_OK;
}

bool PORTIER_ABI host_is_engine_thread(portier_host_ctx *ctx)
{
   return ctx->kernel->loop().is_engine_thread();
}

portier_status PORTIER_ABI client_submit(portier_host_ctx *ctx, uint64_t request_id, portier_str json,
                                         portier_error *err)
{
   if (!ctx->alive->load() || !ctx->started.load()) {
      if (err != nullptr) portier_copy_str(err->message, sizeof err->message, "not started");
      return PORTIER_ERR_STATE;
   }
   if (request_id == 0 || json.size > 1024 * 1024) {
      if (err != nullptr) {
         portier_copy_str(err->message, sizeof err->message,
                          request_id == 0 ? "request_id must not be 0" : "message larger than 1 MiB");
      }
      return PORTIER_ERR_INVALID;
   }
   // Malformed JSON is a transport failure, told at once (client.h); application errors are
   // answers. The parse runs on the caller's thread, so the engine never pays for garbage.
   std::string text(view(json));
   const nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
   if (parsed.is_discarded() || !parsed.is_object() || !parsed.contains("type") || !parsed["type"].is_string()) {
      if (err != nullptr) {
         portier_copy_str(err->message, sizeof err->message,
                          parsed.is_discarded() ? "not JSON" : "a request is a JSON object with a string \"type\"");
      }
      return PORTIER_ERR_INVALID;
   }
   auto alive = ctx->alive;
   Kernel *kernel = ctx->kernel;
   PluginSlot *slot = ctx->slot;
   const bool queued = kernel->loop().post([alive, kernel, slot, request_id, text = std::move(text)]() {
      if (alive->load()) {
         kernel->handle_client_request(*slot, request_id, text);
      }
   });
   if (!queued) {
      if (err != nullptr) portier_copy_str(err->message, sizeof err->message, "engine queue full");
      return PORTIER_ERR_BUSY;
   }
   return PORTIER_PENDING;
}

const portier_host_client_v1 kClientService{sizeof(portier_host_client_v1), &client_submit};
const portier_host_events_v1 kEventsService{sizeof(portier_host_events_v1), &host_post_events};

const void *PORTIER_ABI host_get_service(portier_host_ctx *ctx, const char *sid)
{
   (void)ctx;
   if (sid != nullptr && std::strcmp(sid, PORTIER_HOST_CLIENT_1) == 0) {
      return &kClientService;
   }
   if (sid != nullptr && std::strcmp(sid, PORTIER_HOST_EVENTS_1) == 0) {
      return &kEventsService;
   }
   return nullptr;
}

}  // namespace

void init_host_table(Kernel &kernel, PluginSlot &slot)
{
   slot.ctx = std::make_unique<portier_host_ctx>();
   slot.ctx->kernel = &kernel;
   slot.ctx->slot = &slot;
   slot.ctx->secrets = slot.entry.secrets;
   slot.ctx->id = slot.entry.id;
   portier_host &h = slot.host;
   h = portier_host{};
   h.struct_size = sizeof(portier_host);
   h.abi_major = PORTIER_ABI_MAJOR;
   h.abi_minor = PORTIER_ABI_MINOR;
   h.ctx = slot.ctx.get();
   h.core_version = PORTIER_SDK_VERSION_STRING;
   h.log = &host_log;
   h.now_us = &host_now_us;
   h.post_event = &host_post_event;
   h.report_state = &host_report_state;
   h.run_on_engine = &host_run_on_engine;
   h.timer_start = &host_timer_start;
   h.timer_cancel = &host_timer_cancel;
   h.secret_get = &host_secret_get;
   h.is_engine_thread = &host_is_engine_thread;
   h.get_service = &host_get_service;
}

void retire_host_table(Kernel &kernel, PluginSlot &slot)
{
   if (!slot.ctx) {
      return;
   }
   slot.ctx->started.store(false);
   slot.ctx->alive->store(false);
   std::lock_guard lock(slot.ctx->timers_mutex);
   for (std::uint64_t id : slot.ctx->timers) {
      kernel.loop().timer_cancel(id);
   }
   slot.ctx->timers.clear();
}

}  // namespace portier::kernel
