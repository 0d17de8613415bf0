// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialog_ua.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <random>
#include <stdexcept>

namespace trunktest {
namespace {

int bound_udp(std::uint16_t &port) {
   const int s = ::socket(AF_INET, SOCK_DGRAM, 0);
   if (s < 0) throw std::runtime_error("socket");
   sockaddr_in a{};
   a.sin_family = AF_INET;
   a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
   if (::bind(s, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0) throw std::runtime_error("bind");
   socklen_t len = sizeof a;
   ::getsockname(s, reinterpret_cast<sockaddr *>(&a), &len);
   port = ntohs(a.sin_port);
   return s;
}

std::string token() {
   static std::mt19937 gen{std::random_device{}()};
   return std::to_string(gen());
}

std::string line_value(const std::string &text, const std::string &name) {
   // bounded: each pass moves past one line
   std::size_t at = text.find("\r\n");
   while (at != std::string::npos && at + 2 < text.size()) {
      const std::size_t start = at + 2;
      const std::size_t end = text.find("\r\n", start);
      if (end == start || end == std::string::npos) return {};  // end of headers
      const std::string line = text.substr(start, end - start);
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

}  // namespace

int SipText::status() const { return is_response() ? std::atoi(text.c_str() + 8) : 0; }

std::string SipText::method() const {
   if (!is_response()) return text.substr(0, text.find(' '));
   const std::string cseq = header("CSeq");
   return cseq.substr(cseq.find(' ') + 1);
}

std::string SipText::header(const std::string &name) const { return line_value(text, name); }

std::string SipText::body() const {
   const auto at = text.find("\r\n\r\n");
   return at == std::string::npos ? std::string() : text.substr(at + 4);
}

std::string audio_sdp(std::uint16_t rtp_port, const std::string &direction, int version) {
   return "v=0\r\no=- 7 " + std::to_string(version) + " IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" +
          "m=audio " + std::to_string(rtp_port) + " RTP/AVP 8 0 101\r\na=rtpmap:101 telephone-event/8000\r\n" +
          "a=fmtp:101 0-15\r\na=ptime:20\r\na=" + direction + "\r\n";
}

DialogUa::DialogUa() {
   sip_ = bound_udp(sip_port_);
   rtp_ = bound_udp(rtp_port_);
   call_id_ = "dlg-" + token() + "@127.0.0.1";
   from_tag_ = token();
}

DialogUa::~DialogUa() {
   ::close(sip_);
   ::close(rtp_);
}

std::uint16_t DialogUa::sdp_port(const std::string &sdp) {
   const auto m = sdp.find("m=audio ");
   return m == std::string::npos ? 0 : static_cast<std::uint16_t>(std::atoi(sdp.c_str() + m + 8));
}

std::string DialogUa::build(const std::string &method, std::uint32_t cseq, const std::string &branch,
                            const std::string &body, const std::string &extra) const {
   const std::string to_uri = "sip:" + number_ + "@127.0.0.1:" + std::to_string(trunk_port_);
   const std::string ruri = remote_target_.empty() ? to_uri : remote_target_;
   std::string m = method + " " + ruri + " SIP/2.0\r\n";
   m += "Via: SIP/2.0/UDP 127.0.0.1:" + std::to_string(sip_port_) + ";branch=" + branch + ";rport\r\n";
   m += "From: \"Dialog Caller\" <sip:+4930765432@127.0.0.1>;tag=" + from_tag_ + "\r\n";
   m += "To: <" + to_uri + ">" + (to_tag_.empty() ? "" : ";tag=" + to_tag_) + "\r\n";
   m += "Call-ID: " + call_id_ + "\r\n";
   m += "CSeq: " + std::to_string(cseq) + " " + method + "\r\n";
   m += "Contact: <sip:dialog@127.0.0.1:" + std::to_string(sip_port_) + ">\r\n";
   m += "Max-Forwards: 70\r\n" + extra;
   if (!body.empty()) m += "Content-Type: application/sdp\r\n";
   m += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
   return m;
}

void DialogUa::send(const std::string &text) {
   sockaddr_in a{};
   a.sin_family = AF_INET;
   a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
   a.sin_port = htons(trunk_port_);
   ::sendto(sip_, text.data(), text.size(), 0, reinterpret_cast<sockaddr *>(&a), sizeof a);
}

void DialogUa::invite(std::uint16_t port, const std::string &number, const std::string &sdp, const std::string &extra) {
   trunk_port_ = port;
   number_ = number;
   invite_cseq_ = ++cseq_;
   last_method_ = "INVITE";
   send(build("INVITE", invite_cseq_, "z9hG4bK" + token(), sdp, extra));
}

std::optional<SipText> DialogUa::receive(std::chrono::milliseconds limit) {
   pollfd p{sip_, POLLIN, 0};
   if (::poll(&p, 1, static_cast<int>(limit.count())) <= 0) return std::nullopt;
   char buf[65536];
   const ssize_t n = ::recv(sip_, buf, sizeof buf, 0);
   if (n <= 0) return std::nullopt;
   return SipText{std::string(buf, static_cast<std::size_t>(n))};
}

std::optional<SipText> DialogUa::final_response(std::chrono::milliseconds limit) {
   const auto end = std::chrono::steady_clock::now() + limit;
   while (std::chrono::steady_clock::now() < end) {
      auto m = receive(std::chrono::milliseconds(50));
      if (!m) continue;
      if (!m->is_response()) {
         requests_.push_back(*m);
         continue;
      }
      if (m->status() < 200 || m->method() != last_method_) continue;
      if (last_method_ == "INVITE" && m->status() < 300) {
         const std::string to = m->header("To");
         const auto tag = to.find("tag=");
         if (tag != std::string::npos) to_tag_ = to.substr(tag + 4, to.find_first_of(";>", tag + 4) - tag - 4);
         const std::string contact = m->header("Contact");
         const auto lt = contact.find('<');
         if (lt != std::string::npos) remote_target_ = contact.substr(lt + 1, contact.find('>') - lt - 1);
      }
      return m;
   }
   return std::nullopt;
}

void DialogUa::ack(const std::string &sdp) { send(build("ACK", invite_cseq_, "z9hG4bK" + token(), sdp, "")); }

void DialogUa::send_in_dialog(const std::string &method, const std::string &sdp, const std::string &extra) {
   const std::uint32_t cseq = ++cseq_;
   if (method == "INVITE") invite_cseq_ = cseq;
   last_method_ = method;
   send(build(method, cseq, "z9hG4bK" + token(), sdp, extra));
}

std::optional<SipText> DialogUa::next_request(const std::string &method, std::chrono::milliseconds limit) {
   const auto end = std::chrono::steady_clock::now() + limit;
   // bounded: the queue only shrinks here, and reading stops at the limit
   while (true) {
      while (!requests_.empty()) {
         SipText r = requests_.front();
         requests_.pop_front();
         if (r.method() == method) return r;
      }
      if (std::chrono::steady_clock::now() >= end) return std::nullopt;
      auto m = receive(std::chrono::milliseconds(50));
      if (m && !m->is_response()) requests_.push_back(*m);
   }
}

void DialogUa::reply(const SipText &request, int status, const std::string &extra, const std::string &sdp) {
   std::string m = "SIP/2.0 " + std::to_string(status) + (status < 300 ? " OK" : " Failed") + "\r\n";
   for (const char *name : {"Via", "From", "To", "Call-ID", "CSeq"}) m += std::string(name) + ": " + request.header(name) + "\r\n";
   m += "Contact: <sip:dialog@127.0.0.1:" + std::to_string(sip_port_) + ">\r\n" + extra;
   if (!sdp.empty()) m += "Content-Type: application/sdp\r\n";
   m += "Content-Length: " + std::to_string(sdp.size()) + "\r\n\r\n" + sdp;
   send(m);
}

}  // namespace trunktest
