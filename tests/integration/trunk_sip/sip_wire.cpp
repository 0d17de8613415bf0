// SPDX-License-Identifier: GPL-3.0-or-later
#include "sip_wire.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <random>

#include <catch2/catch.hpp>

namespace trunktest {

int loopback_udp_socket(std::uint16_t &port) {
   const int s = ::socket(AF_INET, SOCK_DGRAM, 0);
   REQUIRE(s >= 0);
   sockaddr_in a{};
   a.sin_family = AF_INET;
   a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
   REQUIRE(::bind(s, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0);
   socklen_t len = sizeof a;
   ::getsockname(s, reinterpret_cast<sockaddr *>(&a), &len);
   port = ntohs(a.sin_port);
   return s;
}

void send_loopback(int socket, std::uint16_t port, const void *data, std::size_t size) {
   sockaddr_in a{};
   a.sin_family = AF_INET;
   a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
   a.sin_port = htons(port);
   ::sendto(socket, data, size, 0, reinterpret_cast<sockaddr *>(&a), sizeof a);
}

std::string random_token() {
   static std::mt19937 gen{std::random_device{}()};
   return std::to_string(gen());
}

std::string header_value(const std::string &msg, const std::string &name) {
   // bounded: each pass moves past one line
   std::size_t at = msg.find("\r\n");
   while (at != std::string::npos && at + 2 < msg.size()) {
      const std::size_t start = at + 2;
      const std::size_t end = msg.find("\r\n", start);
      if (end == start || end == std::string::npos) return {};  // end of headers
      const std::string line = msg.substr(start, end - start);
      const std::size_t colon = line.find(':');
      if (colon != std::string::npos) {
         std::string key = line.substr(0, colon);
         while (!key.empty() && key.back() == ' ') key.pop_back();
         bool same = key.size() == name.size();
         for (std::size_t i = 0; same && i < key.size(); ++i) same = std::tolower(key[i]) == std::tolower(name[i]);
         if (same) {
            std::size_t v = colon + 1;
            while (v < line.size() && line[v] == ' ') ++v;
            return line.substr(v);
         }
      }
      at = end;
   }
   return {};
}

std::string tag_of(const std::string &value) {
   const auto tag = value.find("tag=");
   if (tag == std::string::npos) return {};
   return value.substr(tag + 4, value.find_first_of(";>", tag + 4) - tag - 4);
}

std::uint16_t sdp_audio_port(const std::string &text) {
   const auto m = text.find("m=audio ");
   return m == std::string::npos ? 0 : static_cast<std::uint16_t>(std::atoi(text.c_str() + m + 8));
}

int SipText::status() const { return is_response() ? std::atoi(text.c_str() + 8) : 0; }

std::string SipText::method() const {
   if (!is_response()) return text.substr(0, text.find(' '));
   const std::string cseq = header("CSeq");
   return cseq.substr(cseq.find(' ') + 1);
}

std::string SipText::body() const {
   const auto at = text.find("\r\n\r\n");
   return at == std::string::npos ? std::string() : text.substr(at + 4);
}

std::string audio_sdp(std::uint16_t rtp_port, const std::string &direction, int version) {
   return "v=0\r\no=- 7 " + std::to_string(version) + " IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" +
          "m=audio " + std::to_string(rtp_port) + " RTP/AVP 8 0 101\r\na=rtpmap:101 telephone-event/8000\r\n" +
          "a=fmtp:101 0-15\r\na=ptime:20\r\na=" + direction + "\r\n";
}

UaEndpoint::UaEndpoint(const std::string &call_id_prefix) {
   sip = loopback_udp_socket(sip_port);
   rtp = loopback_udp_socket(rtp_port);
   call_id = call_id_prefix + random_token() + "@127.0.0.1";
   from_tag = random_token();
}

UaEndpoint::~UaEndpoint() {
   ::close(sip);
   ::close(rtp);
}

void UaEndpoint::send(const std::string &text) const { send_loopback(sip, trunk_port, text.data(), text.size()); }

std::optional<SipText> UaEndpoint::receive(std::chrono::milliseconds limit) const {
   pollfd p{sip, POLLIN, 0};
   if (::poll(&p, 1, static_cast<int>(limit.count())) <= 0) return std::nullopt;
   char buf[65536];
   const ssize_t n = ::recv(sip, buf, sizeof buf, 0);
   if (n <= 0) return std::nullopt;
   return SipText{std::string(buf, static_cast<std::size_t>(n))};
}

std::string UaEndpoint::to_uri() const { return "sip:" + number + "@127.0.0.1:" + std::to_string(trunk_port); }

std::string request_text(const RequestParts &p) {
   std::string m = p.method + " " + p.request_uri + " SIP/2.0\r\n";
   m += "Via: SIP/2.0/UDP 127.0.0.1:" + std::to_string(p.via_port) + ";branch=" + p.branch + ";rport\r\n";
   m += "From: " + p.from + "\r\n";
   m += "To: " + p.to + "\r\n";
   m += "Call-ID: " + p.call_id + "\r\n";
   m += "CSeq: " + std::to_string(p.cseq) + " " + p.method + "\r\n";
   m += "Contact: " + p.contact + "\r\n";
   m += "Max-Forwards: 70\r\n" + p.extra;
   if (!p.body.empty()) m += "Content-Type: application/sdp\r\n";
   m += "Content-Length: " + std::to_string(p.body.size()) + "\r\n\r\n" + p.body;
   return m;
}

}  // namespace trunktest
