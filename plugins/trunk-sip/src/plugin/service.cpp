// SPDX-License-Identifier: GPL-3.0-or-later
#include "service.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>

#include <portier/event.hpp>
#include <portier/plugin.hpp>

#include "call_media.h"
#include "commands.h"
#include "core.h"
#include "admission.h"
#include "incoming.h"
#include "registration_client.h"
#include "session_timers.h"

namespace portier::trunk {
namespace {

constexpr int kMaxQueuedCommands = 10000;

sip::TransportSettings transport_settings(const TrunkSettings &s) {
   sip::TransportSettings t;
   t.address = s.listen_address;
   const auto port = static_cast<std::uint16_t>(s.listen_port);
   t.udp = s.transport == Transport::udp;
   t.udp_port = port;
   t.tcp = s.transport == Transport::tcp;
   t.tcp_port = port;
   t.tls = s.transport == Transport::tls;
   t.tls_port = port;
   t.tls_certificate = s.tls.cert_file;
   t.tls_private_key = s.tls.key_file;
   t.tls_ca_file = s.tls.ca_file;
   t.tls_verify_peer = s.tls.verify;
   return t;
}

}  // namespace

Service::Service(Host host, TrunkSettings settings) : core_(std::make_unique<Core>(host, std::move(settings))) {}

Service::~Service() { stop(); }

bool Service::registered() const { return core_->registered.load(); }
bool Service::config_mode() const { return core_->settings.mode == Mode::config; }

Result<void> Service::start() {
   Core &core = *core_;
   const TrunkSettings &s = core.settings;
   core.events = EventBatch(core.host);  // asks the host for its batching service: not allowed in create
   core.transport = std::make_unique<sip::Transport>(core.io, transport_settings(s));
   if (std::string failed = core.transport->open(); !failed.empty()) {
      return portier::error(PORTIER_ERR_UNAVAILABLE, "trunk.sip: " + failed);
   }
   const sip::TransportKind kind = s.transport == Transport::udp   ? sip::TransportKind::udp
                                   : s.transport == Transport::tcp ? sip::TransportKind::tcp
                                                                   : sip::TransportKind::tls;
   core.sip_host = core.transport->local_address();
   core.sip_port = core.transport->local_port(kind);
   core.transport_token = std::string(sip::transport_name(kind));
   core.transport->on_problem([&core](std::string_view what, const sip::Peer &peer) {
      core.host.debug("trunk.sip: " + std::string(what) + " from " + peer.address + ":" + std::to_string(peer.port));
   });
   core.layer = std::make_unique<sip::TransactionLayer>(core.io, *core.transport, sip::TimerSettings{},
                                                        transaction_table_size(core));
   core.resender = std::make_unique<sip::AnswerRetransmission>(core.io, *core.transport, core.layer->timers());
   install_handlers(core);
   // Music and ringback leave in one batch per 2 ms tick. With more than one core the kernel's
   // share of sending them (most of their cost) runs on a sender thread, not on this I/O thread.
   media::Scheduler::Options pacing;
   pacing.send_thread = s.mode == Mode::trunk && std::thread::hardware_concurrency() > 1;
   core.scheduler = std::make_unique<media::Scheduler>(core.io, pacing);
   if (s.mode == Mode::trunk) {
      // Config mode answers no call, so it holds no RTP port.
      const std::string rtp_address = s.rtp_address.empty() ? s.listen_address : s.rtp_address;
      auto range = media::PortRange::reserve(core.io, rtp_address, static_cast<std::uint16_t>(s.rtp_start_port),
                                             static_cast<std::uint32_t>(s.rtp_count));
      if (!range.ok()) return portier::error(PORTIER_ERR_UNAVAILABLE, "trunk.sip: RTP range: " + range.message());
      core.ports.emplace(std::move(range).value());
   }
   core.library.add(kRingbackId, ringback_clip());
   // The engine's music and busy tone exist without files; a `media` entry of the same id
   // (loaded right below) replaces them.
   core.library.add(kMusicOnHoldId, default_music_clip());
   core.library.add(kBusyToneId, busy_tone_clip());
   for (const MediaFile &m : s.media) {
      if (auto loaded = core.library.load(m.id, m.file); !loaded.ok()) {
         core.host.warn("trunk.sip: media '" + m.id + "' not loaded: " + loaded.message());
      }
   }
   core.host.info("trunk.sip: SIP on " + core.sip_host + ":" + std::to_string(core.sip_port) + " (" +
                  core.transport_token + "), " + describe(s));
   // Reported here, on the engine thread, so the state is known when start returns.
   if (s.mode == Mode::config) {
      (void)core.host.report_state(PORTIER_STATE_RUNNING, describe(s));
   } else {
      (void)core.host.report_state(PORTIER_STATE_LIMITED, "not registered: registering");
   }
   boost::asio::post(core.io, [&core] {
      report_channels(core, true);
      if (core.settings.mode == Mode::trunk) start_registration(core);
   });
   running_ = true;
   thread_ = std::thread([&core] {
      auto guard = boost::asio::make_work_guard(core.io);
      for (int round = 0; round < 1000000; ++round) {  // bounded: a handler that throws is logged, then the loop goes on
         try {
            core.io.run();
            return;
         } catch (const std::exception &e) {
            core.host.error(std::string("trunk.sip: exception on the I/O thread: ") + e.what());
         }
      }
   });
   return ok();
}

void Service::stop() {
   if (!running_) return;
   running_ = false;
   Core &core = *core_;
   boost::asio::post(core.io, [&core] {
      flush_events(core);
      core.relays.clear();
      core.calls.clear();
      core.by_sip_call_id.clear();
      core.scheduler.reset();
      core.resender.reset();
      core.layer.reset();
      core.transport->close();
      core.io.stop();
   });
   if (thread_.joinable()) thread_.join();
}

portier_status Service::submit(Command command, portier_error *err) {
   if (queued_->load() >= kMaxQueuedCommands) {
      detail::write_error(err, 0, {"trunk.sip: too many commands waiting"});
      return PORTIER_ERR_BUSY;
   }
   ++*queued_;
   Core &core = *core_;
   boost::asio::post(core.io, [&core, queued = queued_, cmd = std::move(command)] {
      --*queued;
      run_command(core, cmd);
   });
   return PORTIER_PENDING;
}

void Service::tick() {
   Core &core = *core_;
   boost::asio::post(core.io, [&core] {
      registration_tick(core);
      session_tick(core);
   });
}

}  // namespace portier::trunk
