// SPDX-License-Identifier: GPL-3.0-or-later
// trunk.sip's settings (the plugin entry's `settings` mapping, handed over as JSON), read and
// checked in one place for validate_config, create and reconfigure. Every problem names its key;
// unknown keys get a did-you-mean. docs/admin/trunk-sip.md describes each setting with the
// manual's term (6.3.1.3).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <portier/result.hpp>

#include "channels.h"
#include "numbers.h"

namespace portier::trunk {

// config: run without a trunk to set a system up (manual 6.3.1.3 "config mode"); no REGISTER,
// every call refused; the plugin says so in its status. Never for a system in operation.
enum class Mode { trunk, config };
enum class Transport { udp, tcp, tls };
enum class EarlyMedia { pass, ringback };

const char *transport_name(Transport t);  // "udp", "tcp", "tls"

struct TlsSettings {
   std::string cert_file;  // our certificate (PEM), required with transport tls
   std::string key_file;
   std::string ca_file;    // "" = the system's trust store
   bool verify = true;     // check the peer's certificate
};

struct MediaFile {
   std::string id;    // what the engine plays by (1..63 characters)
   std::string file;  // a WAV file
};

// Shedding load (admission.h in the plugin): while the I/O thread is behind, new INVITEs get
// 503 with Retry-After so the calls already admitted still complete.
struct OverloadSettings {
   std::int64_t max_delay_ms = 100;        // a new INVITE waited longer than this to be read: 503
   std::int64_t retry_after_s = 5;         // the 503's Retry-After
   std::int64_t max_transactions = 16384;  // SIP transaction table; beyond it lib-sip answers 503
};

struct TrunkSettings {
   Mode mode = Mode::trunk;
   std::string register_id;       // Register Id: the OSV endpoint's Alias, case-sensitive
   // Registrar Host / Registrar port, or a Domain Name resolved through DNS SRV
   std::string registrar_host;    // "" when `domain` is used
   std::int64_t registrar_port = 5060;
   std::string domain;            // "" when `registrar` is used
   std::string dns_server;        // "ip[:port]"; "" = /etc/resolv.conf
   Transport transport = Transport::udp;
   TlsSettings tls;
   std::string auth_user;         // digest user name; defaults to register_id
   std::string password_secret;   // the secret's name in the plugin entry's `secrets`; "" = none
   std::int64_t register_interval_s = 305;  // Register interval, at least 300
   std::string listen_address = "127.0.0.1";
   std::int64_t listen_port = 5060;         // 0 = any free port (tests)
   std::string rtp_address;                 // "" = listen_address
   std::int64_t rtp_start_port = 40000;     // Rtp Start Port
   std::int64_t rtp_count = 1000;           // Rtp Port Count: ports start .. start + count - 1
   std::int64_t channels = 120;             // Available Channels
   std::int64_t ratio = 3;                  // Channel Ratio
   ChannelPlan channel_plan;                // derived from channels and ratio
   NumberPlan numbers;                      // pilot numbers, personal lines, loop, request, callback
   std::vector<MediaFile> media;
   EarlyMedia early_media = EarlyMedia::pass;
   std::int64_t session_expires_s = 1800;   // RFC 4028 Session-Expires we ask for
   std::int64_t min_se_s = 90;              // the smallest we accept
   OverloadSettings overload;
};

struct SettingsRead {
   TrunkSettings settings;
   std::vector<std::string> warnings;  // accepted but worth a log line (a raised interval, ...)
};

inline constexpr std::int64_t kPbxMinRegisterInterval = 300;
inline constexpr std::int64_t kMaxProductChannels = 250;  // OpenScape Voice's limit
inline constexpr std::int64_t kMaxChannels = 20000;       // beyond the product, for benchmarks
inline constexpr std::size_t kMaxNumberEntries = 10000;   // per list
inline constexpr std::size_t kMaxMediaFiles = 1000;
inline constexpr std::uint64_t kMinRequestNumbers = 8;    // 8 + attendants; the engine checks the rest
inline constexpr std::uint64_t kMinCallbackNumbers = 3;   // 3 + parked calls; likewise

Result<SettingsRead> read_settings(std::string_view json);

// The SRV name the registrar is looked up by: "_sip._udp.<domain>", "_sip._tcp.<domain>",
// "_sips._tcp.<domain>" for tls; "" without a domain.
std::string registrar_srv_name(const TrunkSettings &s);

// One line for `portier status`: "config mode: no trunk, calls are refused" or
// "trunk to 10.0.0.1:5060 over udp as CPS1" (or "... to domain osv.example.com ...").
std::string describe(const TrunkSettings &s);

}  // namespace portier::trunk
