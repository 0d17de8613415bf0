// SPDX-License-Identifier: GPL-3.0-or-later
#include "trunk_rig.h"
#include "scratch_dir.h"
#include "test_ports.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <mutex>
#include <random>
#include <thread>

#include <catch2/catch.hpp>


extern char **environ;

namespace trunktest {
namespace {

std::mutex g_mu;
Recorded g_events;

template <class T>
void take(std::vector<T> &into, const portier_event_header *ev) {
   if (ev->struct_size != sizeof(T)) return;
   T copy;
   std::memcpy(&copy, ev, sizeof copy);
   into.push_back(copy);
}

portier_status PORTIER_ABI record(portier_host_ctx *, const portier_event_header *ev) {
   if (ev == nullptr || ev->struct_size < sizeof *ev || ev->struct_size > PORTIER_EVENT_MAX_SIZE) {
      return PORTIER_ERR_INVALID;
   }
   if (ev->space != PORTIER_SPACE_TRUNK) return PORTIER_OK;
   std::lock_guard<std::mutex> lock(g_mu);
   switch (ev->type) {
      case PORTIER_TRUNK_EV_RESULT: take(g_events.results, ev); break;
      case PORTIER_TRUNK_EV_INCOMING: take(g_events.incoming, ev); break;
      case PORTIER_TRUNK_EV_CHANNELS: take(g_events.channels, ev); break;
      case PORTIER_TRUNK_EV_CHANNEL_SPLIT: take(g_events.splits, ev); break;
      default: take(g_events.calls, ev); break;
   }
   return PORTIER_OK;
}

portier_status PORTIER_ABI secret(portier_host_ctx *, const char *name, char *buf, std::size_t *size) {
   const std::string value = std::string(name) == "trunk_password" ? "secret" : "";
   if (value.empty()) return PORTIER_ERR_NOT_FOUND;
   if (*size < value.size() + 1) {
      *size = value.size() + 1;
      return PORTIER_ERR_TOO_SMALL;
   }
   std::memcpy(buf, value.c_str(), value.size() + 1);
   *size = value.size() + 1;
   return PORTIER_OK;
}

}  // namespace

Trunk::Trunk() : plugin(TRUNK_SIP_PLUGIN) {
   {
      std::lock_guard<std::mutex> lock(g_mu);
      g_events = Recorded{};
   }
   plugin.host.table.post_event = &record;
   plugin.host.table.secret_get = &secret;
}

Trunk::~Trunk() { plugin.stop(); }

portier_status Trunk::try_start(const std::string &settings, std::string &why) {
   const portier_status s = plugin.start(settings, why);
   if (s == PORTIER_OK) api_ = static_cast<const portier_trunk_v1 *>(plugin.plugin->get_interface(plugin.inst, PORTIER_IF_TRUNK_1));
   return s;
}

void Trunk::start(const std::string &settings) {
   std::string why;
   INFO(settings);
   const portier_status s = try_start(settings, why);
   INFO(why);
   REQUIRE(s == PORTIER_OK);
   REQUIRE(api_ != nullptr);
}

Recorded Trunk::events() {
   std::lock_guard<std::mutex> lock(g_mu);
   return g_events;
}

bool Trunk::wait(const std::function<bool(const Recorded &)> &pred, std::chrono::milliseconds limit) {
   const auto end = std::chrono::steady_clock::now() + limit;
   while (std::chrono::steady_clock::now() < end) {
      plugin.host.advance(20);  // the host clock follows real time roughly; runs the trunk's tick
      if (pred(events())) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
   }
   return pred(events());
}

std::optional<portier_trunk_result_event> Trunk::result(std::uint64_t correlation, std::chrono::milliseconds limit) {
   std::optional<portier_trunk_result_event> found;
   wait([&](const Recorded &r) {
      for (const auto &e : r.results) {
         if (e.header.correlation == correlation) {
            found = e;
            return true;
         }
      }
      return false;
   }, limit);
   return found;
}

std::vector<portier_trunk_call_event> Trunk::calls_of(std::uint16_t type, const std::string &call_id) {
   std::vector<portier_trunk_call_event> out;
   for (const auto &e : events().calls) {
      if (e.header.type == type && (call_id.empty() || call_id == e.call_id)) out.push_back(e);
   }
   return out;
}

std::int32_t Trunk::state() {
   auto s = plugin.host.states();
   return s.empty() ? -1 : s.back().first;
}

std::string Trunk::reason() { return plugin.reason(); }

std::uint16_t free_udp_port() { return portier::test::reserve_port(); }

std::uint16_t free_stream_port(std::uint16_t tcp_ports) {
   return portier::test::reserve_ports(tcp_ports, portier::test::PortUse::udp_and_tcp, false);
}

std::uint16_t free_rtp_base(std::uint32_t count) { return portier::test::reserve_rtp_range(count); }

std::uint16_t free_sipp_media_port() { return portier::test::reserve_rtp_range(4); }

std::vector<std::int16_t> test_tone(std::size_t count) {
   std::vector<std::int16_t> s(count);
   for (std::size_t i = 0; i < count; ++i) {
      // a sweep, so that every frame differs from its neighbours
      s[i] = static_cast<std::int16_t>(std::lround(9000.0 * std::sin(0.0005 * static_cast<double>(i * i % 100000))));
   }
   return s;
}

std::string write_wav(const std::string &name, const std::vector<std::int16_t> &samples) {
   const std::string path = portier::test::scratch_path(name);
   std::ofstream out(path, std::ios::binary);
   const auto u32 = [&](std::uint32_t v) { out.write(reinterpret_cast<const char *>(&v), 4); };
   const auto u16 = [&](std::uint16_t v) { out.write(reinterpret_cast<const char *>(&v), 2); };
   const auto data = static_cast<std::uint32_t>(samples.size() * 2);
   out.write("RIFF", 4);
   u32(36 + data);
   out.write("WAVEfmt ", 8);
   u32(16);
   u16(1);
   u16(1);
   u32(8000);
   u32(16000);
   u16(2);
   u16(16);
   out.write("data", 4);
   u32(data);
   out.write(reinterpret_cast<const char *>(samples.data()), data);
   return path;
}

std::string scenario(const std::string &file) { return std::string(SCENARIO_DIR) + "/" + file; }

Sipp::Sipp(std::vector<std::string> args) {
   args.insert(args.begin(), "sipp");
   args.push_back("-nostdin");
   std::vector<char *> argv;
   for (std::string &a : args) argv.push_back(a.data());
   argv.push_back(nullptr);
   posix_spawn_file_actions_t actions;
   posix_spawn_file_actions_init(&actions);
   const std::string log = portier::test::scratch_path("sipp.log");
   posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
   posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
   const int rc = posix_spawn(&pid_, "/usr/bin/sipp", &actions, nullptr, argv.data(), environ);
   posix_spawn_file_actions_destroy(&actions);
   REQUIRE(rc == 0);
}

Sipp::~Sipp() {
   if (pid_ > 0 && running()) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status_, 0);
   }
}

bool Sipp::running() {
   if (pid_ <= 0) return false;
   int st = 0;
   const int r = ::waitpid(pid_, &st, WNOHANG);
   if (r == pid_) {
      status_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128;
      pid_ = -1;
      return false;
   }
   return r == 0;
}

int Sipp::wait(std::chrono::milliseconds limit) {
   const auto end = std::chrono::steady_clock::now() + limit;
   while (std::chrono::steady_clock::now() < end) {
      if (!running()) return status_;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
   }
   return running() ? -1 : status_;
}

std::string RawUa::request(const std::string &method, int cseq, const std::string &body, const std::string &extra) {
   const std::string uri = end_.to_uri();
   if (method != "ACK" || branch_.empty()) branch_ = "z9hG4bK" + random_token();
   RequestParts parts;
   parts.method = method;
   parts.request_uri = uri;
   parts.via_port = end_.sip_port;
   parts.branch = branch_;
   parts.from = "\"Test Caller\" <sip:+4930123456@127.0.0.1>;tag=" + end_.from_tag;
   parts.to = "<" + uri + ">" + (end_.to_tag.empty() ? "" : ";tag=" + end_.to_tag);
   parts.call_id = end_.call_id;
   parts.cseq = static_cast<std::uint32_t>(cseq);
   parts.contact = "<sip:caller@127.0.0.1:" + std::to_string(end_.sip_port) + ">";
   parts.extra = extra;
   parts.body = body;
   return request_text(parts);
}

void RawUa::invite(std::uint16_t port, const std::string &number, const std::string &formats,
                   const std::string &extra_headers) {
   end_.trunk_port = port;
   end_.number = number;
   std::string sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio " +
                     std::to_string(end_.rtp_port) + " RTP/AVP " + formats + "\r\n";
   if (formats.find("101") != std::string::npos) sdp += "a=rtpmap:101 telephone-event/8000\r\n";
   if (formats.find("18") != std::string::npos) sdp += "a=rtpmap:18 G729/8000\r\n";
   sdp += "a=ptime:20\r\na=sendrecv\r\n";
   end_.send(request("INVITE", 1, sdp, extra_headers));
}

std::vector<int> RawUa::statuses(std::chrono::milliseconds limit) {
   std::vector<int> out;
   const auto end = std::chrono::steady_clock::now() + limit;
   while (std::chrono::steady_clock::now() < end) {
      const auto got = end_.receive(std::chrono::milliseconds(50));
      if (!got) continue;
      const std::string &msg = got->text;
      if (msg.rfind("SIP/2.0 ", 0) != 0) {
         // A request from the trunk (BYE of the loop number, ...): answer 200.
         if (msg.rfind("BYE ", 0) == 0) {
            std::string ok = "SIP/2.0 200 OK\r\nVia: " + header_value(msg, "Via") + "\r\nFrom: " +
                             header_value(msg, "From") + "\r\nTo: " + header_value(msg, "To") + "\r\nCall-ID: " +
                             header_value(msg, "Call-ID") + "\r\nCSeq: " + header_value(msg, "CSeq") +
                             "\r\nContent-Length: 0\r\n\r\n";
            end_.send(ok);
            out.push_back(-1);  // marks "the trunk sent BYE"
         }
         continue;
      }
      const int status = std::atoi(msg.substr(8, 3).c_str());
      out.push_back(status);
      if (status >= 200) {
         last_final_ = msg;
         if (const std::string tag = tag_of(header_value(msg, "To")); !tag.empty()) end_.to_tag = tag;
         if (header_value(msg, "CSeq").find("INVITE") != std::string::npos) break;
         if (header_value(msg, "CSeq").find("BYE") != std::string::npos) break;
      }
   }
   return out;
}

void RawUa::ack() {
   // The ACK of a 2xx is a transaction of its own (RFC 3261 17.1.1.3): a new branch.
   if (last_final_.rfind("SIP/2.0 2", 0) == 0) branch_.clear();
   end_.send(request("ACK", 1));
}

void RawUa::bye() { end_.send(request("BYE", 2)); }

std::uint16_t RawUa::remote_rtp_port() const { return sdp_audio_port(last_final_); }

void send_rtp(int socket, std::uint16_t port, std::uint16_t seq, std::uint32_t ts, std::uint8_t fill) {
   std::uint8_t p[12 + 160];
   p[0] = 0x80;
   p[1] = 8;
   p[2] = static_cast<std::uint8_t>(seq >> 8);
   p[3] = static_cast<std::uint8_t>(seq);
   for (int i = 0; i < 4; ++i) p[4 + i] = static_cast<std::uint8_t>(ts >> (24 - 8 * i));
   p[8] = 0x12;
   p[9] = 0x34;
   p[10] = 0x56;
   p[11] = 0x78;
   std::memset(p + 12, fill, 160);
   send_loopback(socket, port, p, sizeof p);
}

std::vector<Packet> receive_rtp(int socket, std::chrono::milliseconds limit, std::size_t max_packets) {
   std::vector<Packet> out;
   const auto end = std::chrono::steady_clock::now() + limit;
   while (std::chrono::steady_clock::now() < end && out.size() < max_packets) {
      pollfd p{socket, POLLIN, 0};
      if (::poll(&p, 1, 10) <= 0) continue;
      std::uint8_t buf[2048];
      const ssize_t n = ::recv(socket, buf, sizeof buf, 0);
      if (n <= 0) continue;
      out.push_back({std::vector<std::uint8_t>(buf, buf + n), std::chrono::steady_clock::now()});
   }
   return out;
}

}  // namespace trunktest
