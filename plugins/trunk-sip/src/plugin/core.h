// SPDX-License-Identifier: GPL-3.0-or-later
// Everything the service's I/O thread owns: settings, the SIP stack (transport, transactions,
// 2xx resending), the media (port range, scheduler, clips), channels, registration and the
// calls. One struct so the parts (incoming, outgoing, commands, connect, registration) are free
// functions over it; only the I/O thread touches it after start.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>

#include <portier/host.hpp>

#include "admission.h"
#include "answer_retransmission.h"
#include "call.h"
#include "channels.h"
#include "media_library.h"
#include "port_range.h"
#include "registration.h"
#include "relay.h"
#include "scheduler.h"
#include "settings.h"
#include "transaction_layer.h"
#include "transport.h"

namespace portier::trunk {

struct RegistrationClient;  // registration_client.h

struct Core {
   Core(Host host, TrunkSettings settings);
   ~Core();

   Host host;
   TrunkSettings settings;
   boost::asio::io_context io;

   std::unique_ptr<sip::Transport> transport;
   std::unique_ptr<sip::TransactionLayer> layer;
   std::unique_ptr<sip::AnswerRetransmission> resender;
   std::optional<media::PortRange> ports;
   std::unique_ptr<media::Scheduler> scheduler;
   media::MediaLibrary library;
   Channels channels;
   std::unique_ptr<RegistrationClient> registration;
   // The registrar DNS named for `domain` ("" until then; settings keep what the admin wrote).
   std::string resolved_registrar_host;
   std::uint16_t resolved_registrar_port = 0;

   std::map<std::string, std::unique_ptr<Call>> calls;       // by call id
   std::map<std::string, std::string> by_sip_call_id;         // SIP Call-ID -> call id
   std::map<std::string, std::unique_ptr<media::Relay>> relays;
   std::uint64_t next_incoming = 1;
   std::int64_t last_in_use = -1;  // for CHANNELS on change
   std::int64_t last_processing_in_use = -1;  // for CHANNEL_SPLIT on change
   ShedLog shed_log;               // admission.cpp: 503s under overload, for its rate-limited warning

   // Shared with the engine thread.
   std::atomic<bool> registered{false};

   // Event records wait here and go out together once the current handler is done.
   EventBatch events;
   bool flush_posted = false;

   // Our SIP address for Via and Contact.
   std::string sip_host;
   std::uint16_t sip_port = 0;
   std::string transport_token = "UDP";
};

// Queues a record for the engine; one flush per I/O handler.
template <class T>
void emit(Core &core, const T &record);
void flush_events(Core &core);

Call *find_call(Core &core, const std::string &id);
Call *find_by_sip_call_id(Core &core, const std::string &sip_call_id);

// "Via" for a new request from us, "<sip:user@host:port>" as our Contact.
std::string our_via(const Core &core);
std::string our_contact(const Core &core, std::string_view user);
// Where requests to the registrar side go (the resolved registrar, else the configured one);
// the outgoing Request-URI host.
sip::Peer registrar_peer(const Core &core);
std::string registrar_hostport(const Core &core);

// Sends CHANNEL_SPLIT and CHANNELS when the number of channels in use changed since the last ones.
void report_channels(Core &core, bool always = false);

}  // namespace portier::trunk

#include "core_emit.h"
