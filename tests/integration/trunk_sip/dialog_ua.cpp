// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialog_ua.h"

namespace trunktest {

std::string DialogUa::build(const std::string &method, std::uint32_t cseq, const std::string &branch,
                            const std::string &body, const std::string &extra) const {
   const std::string to_uri = end_.to_uri();
   RequestParts parts;
   parts.method = method;
   parts.request_uri = remote_target_.empty() ? to_uri : remote_target_;
   parts.via_port = end_.sip_port;
   parts.branch = branch;
   parts.from = "\"Dialog Caller\" <sip:+4930765432@127.0.0.1>;tag=" + end_.from_tag;
   parts.to = "<" + to_uri + ">" + (end_.to_tag.empty() ? "" : ";tag=" + end_.to_tag);
   parts.call_id = end_.call_id;
   parts.cseq = cseq;
   parts.contact = "<sip:dialog@127.0.0.1:" + std::to_string(end_.sip_port) + ">";
   parts.extra = extra;
   parts.body = body;
   return request_text(parts);
}

void DialogUa::send(const std::string &text) { end_.send(text); }

void DialogUa::invite(std::uint16_t port, const std::string &number, const std::string &sdp, const std::string &extra) {
   end_.trunk_port = port;
   end_.number = number;
   invite_cseq_ = ++cseq_;
   last_method_ = "INVITE";
   send(build("INVITE", invite_cseq_, "z9hG4bK" + random_token(), sdp, extra));
}

std::optional<SipText> DialogUa::final_response(std::chrono::milliseconds limit) {
   const auto end = std::chrono::steady_clock::now() + limit;
   while (std::chrono::steady_clock::now() < end) {
      auto m = end_.receive(std::chrono::milliseconds(50));
      if (!m) continue;
      if (!m->is_response()) {
         requests_.push_back(*m);
         continue;
      }
      if (m->status() < 200 || m->method() != last_method_) continue;
      if (last_method_ == "INVITE" && m->status() < 300) {
         if (const std::string tag = tag_of(m->header("To")); !tag.empty()) end_.to_tag = tag;
         const std::string contact = m->header("Contact");
         const auto lt = contact.find('<');
         if (lt != std::string::npos) remote_target_ = contact.substr(lt + 1, contact.find('>') - lt - 1);
      }
      return m;
   }
   return std::nullopt;
}

void DialogUa::ack(const std::string &sdp) { send(build("ACK", invite_cseq_, "z9hG4bK" + random_token(), sdp, "")); }

void DialogUa::send_in_dialog(const std::string &method, const std::string &sdp, const std::string &extra) {
   const std::uint32_t cseq = ++cseq_;
   if (method == "INVITE") invite_cseq_ = cseq;
   last_method_ = method;
   send(build(method, cseq, "z9hG4bK" + random_token(), sdp, extra));
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
      auto m = end_.receive(std::chrono::milliseconds(50));
      if (m && !m->is_response()) requests_.push_back(*m);
   }
}

void DialogUa::reply(const SipText &request, int status, const std::string &extra, const std::string &sdp) {
   std::string m = "SIP/2.0 " + std::to_string(status) + (status < 300 ? " OK" : " Failed") + "\r\n";
   for (const char *name : {"Via", "From", "To", "Call-ID", "CSeq"}) m += std::string(name) + ": " + request.header(name) + "\r\n";
   m += "Contact: <sip:dialog@127.0.0.1:" + std::to_string(end_.sip_port) + ">\r\n" + extra;
   if (!sdp.empty()) m += "Content-Type: application/sdp\r\n";
   m += "Content-Length: " + std::to_string(sdp.size()) + "\r\n\r\n" + sdp;
   send(m);
}

}  // namespace trunktest
