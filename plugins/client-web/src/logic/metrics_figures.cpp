// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics_figures.h"

#include <nlohmann/json.hpp>

namespace portier::web {
namespace {

using nlohmann::json;

constexpr std::string_view kEventKey = "\"event\":\"";
constexpr std::size_t kMaxEventNameChars = 40;

// The "event" name of an event's text without parsing all of it (every event passes here):
// the engine writes compact JSON, and inside a string a quote is always escaped, so the key
// cannot be faked by a caller's name. "other" for a name that is not [a-z0-9_].
std::string_view event_name(std::string_view text) {
   const std::size_t at = text.find(kEventKey);
   if (at == std::string_view::npos) return "other";
   const std::size_t from = at + kEventKey.size();
   const std::size_t end = text.find('"', from);
   if (end == std::string_view::npos || end == from || end - from > kMaxEventNameChars) return "other";
   const std::string_view name = text.substr(from, end - from);
   for (const char c : name) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return "other";
   }
   return name;
}

json parsed_ok(std::string_view answer) {
   if (answer.empty()) return json();
   json j = json::parse(answer, nullptr, false);
   if (j.is_discarded() || !j.is_object() || j.value("ok", false) != true) return json();
   return j;
}

std::string text_of(const json &object, const char *key) {
   const auto it = object.find(key);
   return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

MetricFamily family(std::string name, std::string help, std::string type) {
   return MetricFamily{std::move(name), std::move(help), std::move(type), {}};
}

// calls waiting per tenant and queue, and calls connected, from the snapshot.
void add_calls(const json &snapshot, MetricFamily &waiting, MetricFamily &connected) {
   std::map<std::string, json> calls;  // by call id
   std::int64_t in_call = 0;
   if (const auto c = snapshot.find("calls"); c != snapshot.end() && c->is_array()) {
      for (const json &call : *c) {
         if (!call.is_object()) continue;
         calls[text_of(call, "call_id")] = call;
         if (text_of(call, "phase") == "connected") ++in_call;
      }
   }
   connected.samples.push_back({{}, in_call});
   const auto q = snapshot.find("queues");
   if (q == snapshot.end() || !q->is_array()) return;
   std::map<std::pair<std::string, std::string>, std::int64_t> counts;  // (tenant, queue)
   for (const json &queue : *q) {
      if (!queue.is_object() || !queue.contains("calls") || !queue["calls"].is_array()) continue;
      std::string tenant = text_of(queue, "tenant");
      std::int64_t n = 0;
      for (const json &id : queue["calls"]) {
         const auto call = calls.find(id.is_string() ? id.get<std::string>() : std::string());
         // Offered calls are still in their queue, but no longer waiting for an attendant.
         if (call != calls.end() && text_of(call->second, "phase") != "waiting") continue;
         if (tenant.empty() && call != calls.end()) tenant = text_of(call->second, "tenant");
         ++n;
      }
      counts[{tenant, text_of(queue, "queue")}] += n;
   }
   for (const auto &[key, n] : counts) waiting.samples.push_back({{{"tenant", key.first}, {"queue", key.second}}, n});
}

void add_links(const json &status, MetricFamily &links) {
   const auto plugins = status.find("plugins");
   if (plugins == status.end() || !plugins->is_array()) return;
   for (const json &p : *plugins) {
      if (!p.is_object()) continue;
      const std::string kind = text_of(p, "kind");
      if (kind != "pbx" && kind != "trunk") continue;
      links.samples.push_back({{{"link", kind}, {"id", text_of(p, "id")}}, text_of(p, "state") == "running" ? 1 : 0});
   }
}

}  // namespace

void MetricsCounters::observe(std::uint64_t request_id, std::string_view text) {
   if (request_id != 0) return;
   std::string_view name = event_name(text);
   auto it = events_.find(name);
   if (it == events_.end()) {
      if (events_.size() >= kMaxEventTypes) name = "other";
      it = events_.try_emplace(std::string(name), 0).first;
   }
   ++it->second;
   if (name != "channel_alert") return;
   const json j = json::parse(text, nullptr, false);
   if (j.is_discarded() || !j.is_object()) return;
   ChannelFigures f;
   f.in_use = j.value("in_use", std::int64_t{0});
   f.total = j.value("total", std::int64_t{0});
   f.processing = j.value("processing", std::int64_t{0});
   channels_ = f;
}

std::vector<MetricFamily> metrics_families(const MetricsCounters &counters, const MetricsInput &in) {
   const json snapshot_answer = parsed_ok(in.snapshot_answer);
   const json status = parsed_ok(in.status_answer);
   const json *snapshot = nullptr;
   if (snapshot_answer.is_object() && snapshot_answer.contains("snapshot") && snapshot_answer["snapshot"].is_object()) {
      snapshot = &snapshot_answer["snapshot"];
   }

   auto waiting = family("portier_calls_waiting", "Calls waiting in a queue for an attendant now.", "gauge");
   auto connected = family("portier_calls_connected", "Calls connected to an attendant now.", "gauge");
   if (snapshot != nullptr) add_calls(*snapshot, waiting, connected);

   auto in_use = family("portier_trunk_channels_in_use", "The trunk's channels in use, as its last channel alert gave them.", "gauge");
   auto total = family("portier_trunk_channels_total", "The trunk's channels in all, as its last channel alert gave them.", "gauge");
   auto processing = family("portier_trunk_channels_processing",
                            "The trunk's channels for callers, as its last channel alert gave them.", "gauge");
   if (const auto &c = counters.channels()) {
      in_use.samples.push_back({{}, c->in_use});
      total.samples.push_back({{}, c->total});
      processing.samples.push_back({{}, c->processing});
   }

   auto links = family("portier_link_up", "1 when the PBX or trunk link plugin is running, else 0.", "gauge");
   if (status.is_object()) add_links(status, links);

   auto events = family("portier_engine_events_total", "Engine events client.web received, by type.", "counter");
   for (const auto &[type, n] : counters.events()) {
      events.samples.push_back({{{"type", type}}, static_cast<std::int64_t>(n)});
   }
   auto consoles = family("portier_console_connections", "Console WebSocket connections open now.", "gauge");
   consoles.samples.push_back({{}, static_cast<std::int64_t>(in.consoles)});
   auto dropped = family("portier_ws_dropped_total", "Consoles closed because they read their messages too slowly.",
                         "counter");
   dropped.samples.push_back({{}, static_cast<std::int64_t>(counters.ws_dropped())});
   auto start = family("process_start_time_seconds", "Start time of the process since the Unix epoch in seconds.",
                       "gauge");
   start.samples.push_back({{}, in.start_time_seconds});

   return {std::move(waiting), std::move(connected), std::move(in_use), std::move(total), std::move(processing),
           std::move(links),   std::move(events),    std::move(consoles), std::move(dropped), std::move(start)};
}

}  // namespace portier::web
