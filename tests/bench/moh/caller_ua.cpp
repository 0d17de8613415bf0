// SPDX-License-Identifier: GPL-3.0-or-later
#include "caller_ua.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace portier::bench {
namespace {

// Resent after 1, 2, 4, 4, ... s (RFC 3261's T1 doubling up to T2, in whole seconds, since a
// busy trunk answers late rather than never); given up 32 s (Timer B, 64 * T1) after the first.
constexpr std::int64_t kResendMs = 1000;
constexpr std::int64_t kResendMaxMs = 4000;
constexpr std::int64_t kGiveUpMs = 32000;

std::int64_t now_ms() {
   return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// The value of header `name` (or its compact form), "" when absent.
std::string header(const std::string &msg, const char *name, const char *compact) {
   for (const char *n : {name, compact}) {
      if (n == nullptr) continue;
      const std::string key = std::string("\r\n") + n + ":";
      const auto at = msg.find(key);
      if (at == std::string::npos) continue;
      auto start = at + key.size();
      const auto end = msg.find("\r\n", start);
      while (start < end && msg[start] == ' ') ++start;
      return msg.substr(start, end - start);
   }
   return {};
}

// Every Via line of a request, in order, for the response.
std::string via_lines(const std::string &msg) {
   std::string out;
   std::size_t from = 0;
   for (int n = 0; n < 70; ++n) {  // bounded by Max-Forwards' usual limit
      const auto at = msg.find("\r\nVia:", from);
      if (at == std::string::npos) break;
      const auto end = msg.find("\r\n", at + 2);
      out += msg.substr(at + 2, end - at - 2) + "\r\n";
      from = end;
   }
   return out;
}

std::string tag_of(const std::string &to) {
   const auto at = to.find("tag=");
   if (at == std::string::npos) return {};
   return to.substr(at + 4, to.find_first_of(";> ", at + 4) - at - 4);
}

}  // namespace

CallerUa::CallerUa(std::size_t calls, std::uint16_t trunk_port, std::vector<std::string> numbers_by_call,
                   std::vector<std::uint16_t> rtp_ports)
    : trunk_port_(trunk_port), numbers_(std::move(numbers_by_call)), rtp_ports_(std::move(rtp_ports)), calls_(calls) {
   tag_ = std::to_string(::getpid());
   fd_ = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
   int size = 8 << 20;
   if (::setsockopt(fd_, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) != 0) {
      ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
   }
   ::setsockopt(fd_, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
   sockaddr_in a{};
   a.sin_family = AF_INET;
   a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
   if (::bind(fd_, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0) {
      ::close(fd_);
      fd_ = -1;
      return;
   }
   socklen_t len = sizeof a;
   ::getsockname(fd_, reinterpret_cast<sockaddr *>(&a), &len);
   port_ = ntohs(a.sin_port);
}

CallerUa::~CallerUa() {
   if (fd_ >= 0) ::close(fd_);
}

std::string CallerUa::request(std::size_t i, const std::string &method, const std::string &branch, int cseq,
                              const std::string &uri, const std::string &body) const {
   const std::string n = std::to_string(i);
   std::string m = method + " " + uri + " SIP/2.0\r\n";
   m += "Via: SIP/2.0/UDP 127.0.0.1:" + std::to_string(port_) + ";branch=z9hG4bK" + branch + n + "x" + tag_ + ";rport\r\n";
   m += "From: <sip:+49301" + std::string(7 - std::min<std::size_t>(7, n.size()), '0') + n + "@127.0.0.1>;tag=f" + n + "\r\n";
   m += "To: <sip:" + numbers_[i] + "@127.0.0.1>";
   if (!calls_[i].to_tag.empty()) m += ";tag=" + calls_[i].to_tag;
   m += "\r\nCall-ID: moh" + n + "-" + tag_ + "@127.0.0.1\r\n";
   m += "CSeq: " + std::to_string(cseq) + " " + method + "\r\n";
   m += "Contact: <sip:caller@127.0.0.1:" + std::to_string(port_) + ">\r\nMax-Forwards: 70\r\n";
   if (!body.empty()) m += "Content-Type: application/sdp\r\n";
   m += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
   return m;
}

void CallerUa::send(const std::string &text) {
   sockaddr_in a{};
   a.sin_family = AF_INET;
   a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
   a.sin_port = htons(trunk_port_);
   // A full send buffer drops this datagram; the retransmission covers it.
   ::sendto(fd_, text.data(), text.size(), 0, reinterpret_cast<sockaddr *>(&a), sizeof a);
}

void CallerUa::send_invite(std::size_t i) {
   const std::string rtp = std::to_string(rtp_ports_[i % rtp_ports_.size()]);
   const std::string sdp = "v=0\r\no=- " + std::to_string(i + 1) + " 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                           "m=audio " + rtp + " RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\n"
                           "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\na=sendrecv\r\n";
   send(request(i, "INVITE", "mi", 1, "sip:" + numbers_[i] + "@127.0.0.1:" + std::to_string(trunk_port_), sdp));
   calls_[i].sent_ms = now_ms();
}

void CallerUa::send_bye(std::size_t i) {
   const std::string uri = remote_target_.empty() ? "sip:" + numbers_[i] + "@127.0.0.1:" + std::to_string(trunk_port_) : remote_target_;
   send(request(i, "BYE", "mb", 2, uri, ""));
   calls_[i].sent_ms = now_ms();
}

void CallerUa::invite(std::size_t i) {
   if (i >= calls_.size() || calls_[i].state != State::idle) return;
   calls_[i].state = State::inviting;
   calls_[i].tries = 0;
   calls_[i].first_ms = now_ms();
   ++counters_.invited;
   ++waiting_;
   send_invite(i);
}

void CallerUa::hang_up(std::size_t i) {
   if (i >= calls_.size() || calls_[i].state != State::confirmed) return;
   calls_[i].state = State::hanging_up;
   calls_[i].tries = 0;
   calls_[i].first_ms = now_ms();
   ++waiting_;
   send_bye(i);
}

bool CallerUa::confirmed(std::size_t i) const { return i < calls_.size() && calls_[i].state == State::confirmed; }

bool CallerUa::settled() const { return waiting_ == 0; }

void CallerUa::poll(int wait_ms) {
   pollfd p{fd_, POLLIN, 0};
   if (::poll(&p, 1, wait_ms) <= 0) return;
   static char buf[65536];
   for (int n = 0; n < 4096; ++n) {  // bounded per call; the rest waits for the next poll
      const ssize_t got = ::recv(fd_, buf, sizeof buf, 0);
      if (got <= 0) return;
      handle(buf, static_cast<std::size_t>(got));
   }
}

void CallerUa::handle(const char *data, std::size_t size) {
   const std::string msg(data, size);
   if (msg.rfind("SIP/2.0 ", 0) == 0) {
      on_response(msg);
   } else {
      on_request(msg);
   }
}

void CallerUa::on_response(const std::string &msg) {
   const int status = std::atoi(msg.c_str() + 8);
   const std::string call_id = header(msg, "Call-ID", "i");
   if (call_id.rfind("moh", 0) != 0) return;
   char *end = nullptr;
   const unsigned long i = std::strtoul(call_id.c_str() + 3, &end, 10);
   if (end == nullptr || *end != '-' || call_id.compare(static_cast<std::size_t>(end - call_id.c_str()) + 1, tag_.size(), tag_) != 0) return;
   if (i >= calls_.size()) return;
   Call &c = calls_[i];
   const std::string cseq = header(msg, "CSeq", nullptr);
   if (cseq.find("INVITE") != std::string::npos) {
      if (status < 200) {
         c.provisional = true;
         return;
      }
      if (c.to_tag.empty()) c.to_tag = tag_of(header(msg, "To", "t"));
      const std::string uri = "sip:" + numbers_[i] + "@127.0.0.1:" + std::to_string(trunk_port_);
      if (status < 300) {
         if (remote_target_.empty()) {
            const std::string contact = header(msg, "Contact", "m");
            const auto lt = contact.find('<');
            if (lt != std::string::npos) remote_target_ = contact.substr(lt + 1, contact.find('>', lt) - lt - 1);
         }
         // The ACK of a 2xx is a transaction of its own: its own branch. Sent again for every
         // retransmitted 200.
         send(request(i, "ACK", "ma", 1, remote_target_.empty() ? uri : remote_target_, ""));
         if (c.state == State::inviting) {
            c.state = State::confirmed;
            ++counters_.confirmed;
            --waiting_;
         }
      } else {
         send(request(i, "ACK", "mi", 1, uri, ""));  // the non-2xx ACK belongs to the INVITE's transaction
         if (c.state == State::inviting) {
            c.state = State::failed;
            ++counters_.failed;
            ++counters_.failures[status];
            --waiting_;
         }
      }
   } else if (cseq.find("BYE") != std::string::npos && status >= 200 && c.state == State::hanging_up) {
      c.state = State::ended;
      ++counters_.ended;
      --waiting_;
   }
}

void CallerUa::on_request(const std::string &msg) {
   const std::string method = msg.substr(0, msg.find(' '));
   std::string ok = "SIP/2.0 200 OK\r\n" + via_lines(msg) + "From: " + header(msg, "From", "f") + "\r\nTo: " +
                    header(msg, "To", "t");
   if (tag_of(header(msg, "To", "t")).empty()) ok += ";tag=ua" + tag_;
   ok += "\r\nCall-ID: " + header(msg, "Call-ID", "i") + "\r\nCSeq: " + header(msg, "CSeq", nullptr) + "\r\n";
   if (method == "REGISTER") {
      ok += "Contact: " + header(msg, "Contact", "m") + ";expires=3600\r\nExpires: 3600\r\n";
      ++counters_.registers;
   }
   if (method == "ACK") return;
   ok += "Content-Length: 0\r\n\r\n";
   send(ok);
   if (method == "BYE") {
      const std::string call_id = header(msg, "Call-ID", "i");
      const unsigned long i = call_id.rfind("moh", 0) == 0 ? std::strtoul(call_id.c_str() + 3, nullptr, 10) : calls_.size();
      if (i < calls_.size() && calls_[i].state == State::confirmed) {
         calls_[i].state = State::ended;
         ++counters_.ended_by_trunk;
      }
   }
}

void CallerUa::retransmit() {
   if (waiting_ == 0) return;
   const std::int64_t now = now_ms();
   for (std::size_t i = 0; i < calls_.size(); ++i) {
      Call &c = calls_[i];
      if (c.state != State::inviting && c.state != State::hanging_up) continue;
      const bool invite = c.state == State::inviting;
      const std::int64_t interval = std::min(kResendMaxMs, kResendMs << std::min<int>(c.tries, 8));
      if (now - c.first_ms < kGiveUpMs) {
         if ((invite && c.provisional) || now - c.sent_ms < interval) continue;
         ++c.tries;
         ++counters_.retransmits;
         if (invite) send_invite(i);
         else send_bye(i);
         continue;
      }
      // Given up: no answer within the bounds.
      --waiting_;
      if (invite) {
         c.state = State::failed;
         ++counters_.failed;
         ++counters_.failures[0];
      } else {
         c.state = State::ended;
         ++counters_.failures[0];
      }
   }
}

}  // namespace portier::bench
