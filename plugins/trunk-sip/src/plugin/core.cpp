// SPDX-License-Identifier: GPL-3.0-or-later
#include "core.h"

#include "message_build.h"
#include "records.h"
#include "registration_client.h"

namespace portier::trunk {

Core::Core(Host h, TrunkSettings s)
    : host(h), settings(std::move(s)), channels(settings.channel_plan) {}

Core::~Core() = default;

void flush_events(Core &core) {
   core.flush_posted = false;
   if (auto flushed = core.events.flush(); !flushed.ok()) {
      core.host.warn("trunk.sip: events dropped: " + flushed.message());
   }
}

Call *find_call(Core &core, const std::string &id) {
   auto it = core.calls.find(id);
   return it == core.calls.end() ? nullptr : it->second.get();
}

Call *find_by_sip_call_id(Core &core, const std::string &sip_call_id) {
   auto it = core.by_sip_call_id.find(sip_call_id);
   return it == core.by_sip_call_id.end() ? nullptr : find_call(core, it->second);
}

std::string our_via(const Core &core) {
   return sip::via_value(core.transport_token, core.sip_host, core.sip_port, sip::new_branch());
}

std::string our_contact(const Core &core, std::string_view user) {
   std::string c = "<sip:";
   if (!user.empty()) c.append(user).append("@");
   c.append(core.sip_host).append(":").append(std::to_string(core.sip_port));
   if (core.transport_token != "UDP") c.append(";transport=").append(core.transport_token == "TCP" ? "tcp" : "tls");
   return c + ">";
}

sip::Peer registrar_peer(const Core &core) {
   sip::Peer peer;
   switch (core.settings.transport) {
      case Transport::udp: peer.transport = sip::TransportKind::udp; break;
      case Transport::tcp: peer.transport = sip::TransportKind::tcp; break;
      case Transport::tls: peer.transport = sip::TransportKind::tls; break;
   }
   const bool resolved = !core.resolved_registrar_host.empty();
   peer.address = resolved ? core.resolved_registrar_host : core.settings.registrar_host;
   peer.port = resolved ? core.resolved_registrar_port : static_cast<std::uint16_t>(core.settings.registrar_port);
   return peer;
}

std::string registrar_hostport(const Core &core) {
   const sip::Peer peer = registrar_peer(core);
   return peer.address + ":" + std::to_string(peer.port);
}

void report_channels(Core &core, bool always) {
   const ChannelCounters c = core.channels.counters();
   if (!always && c.in_use == core.last_in_use && c.processing_in_use == core.last_processing_in_use) return;
   core.last_in_use = c.in_use;
   core.last_processing_in_use = c.processing_in_use;
   // The split first: a core that knows it takes it and ignores the CHANNELS after it; an older
   // core ignores the unknown type and splits CHANNELS by its ratio setting.
   emit(core, channel_split_record(c.in_use, c.plan.total, c.processing_in_use, c.plan.processing));
   emit(core, channels_record(c.in_use, c.plan.total));
}

}  // namespace portier::trunk
