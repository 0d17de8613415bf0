// SPDX-License-Identifier: GPL-3.0-or-later
#include "sip/registrar.h"

#include <algorithm>
#include <charconv>

#include "message_build.h"
#include "sip/digest_check.h"
#include "sip/sip_uri.h"

namespace portier::pbxsim {
namespace {

constexpr std::size_t kMaxNonces = 32;
constexpr std::uint32_t kDefaultExpires = 3600;
constexpr std::uint32_t kMaxExpires = 86400;

std::optional<std::uint32_t> seconds_of(std::string_view text) {
   while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
   while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
   std::uint32_t value = 0;
   auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
   if (ec == std::errc::result_out_of_range) return kMaxExpires;
   if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
   return value;
}

}  // namespace

Registrar::Registrar(TrunkAccount account, std::uint32_t min_expires_s)
    : account_(std::move(account)), min_expires_s_(min_expires_s) {}

bool Registrar::known_nonce(const std::string &nonce) const {
   return std::find(nonces_.begin(), nonces_.end(), nonce) != nonces_.end();
}

sip::Message Registrar::challenge(const sip::Message &request, bool stale) {
   std::string nonce = sip::new_tag() + sip::new_tag();
   nonces_.push_back(nonce);
   if (nonces_.size() > kMaxNonces) nonces_.pop_front();
   sip::Message answer = sip::build_response(request, 401, sip::new_tag());
   answer.add_header("WWW-Authenticate", "Digest realm=\"" + account_.realm + "\", nonce=\"" + nonce +
                                             "\", algorithm=MD5, qop=\"auth\"" + (stale ? ", stale=true" : ""));
   return answer;
}

sip::Message Registrar::handle(const sip::Message &request, std::uint64_t now_ms) {
   // An empty password makes an open registrar: the shipped demo then needs no secret file, so
   // portierd starts on its embedded configuration from any folder.
   if (!account_.password.empty()) {
      auto authorization = request.header("Authorization");
      if (!authorization) return challenge(request, false);
      auto params = parse_authorization(*authorization);
      if (!params) return challenge(request, false);
      if (!known_nonce((*params)["nonce"])) return challenge(request, true);
      if (!digest_matches(*params, "REGISTER", account_.user, account_.password))
         return sip::build_response(request, 403, sip::new_tag());
   }

   if (uri_user(request.to_uri()) != account_.register_id) return sip::build_response(request, 404, sip::new_tag());

   std::uint32_t expires = kDefaultExpires;
   if (auto header = request.header("Expires")) {
      auto value = seconds_of(*header);
      if (!value) return sip::build_response(request, 400, sip::new_tag(), "Bad Expires");
      expires = *value;
   }
   auto contacts = request.header_values("Contact");
   if (!contacts.empty()) {
      if (auto param = uri_param(contacts.front().substr(contacts.front().find('>') == std::string::npos ? 0 : contacts.front().find('>')), "expires"))
         if (auto value = seconds_of(*param)) expires = *value;
   }
   expires = std::min(expires, kMaxExpires);
   if (contacts.empty()) {  // a query: the current binding
      sip::Message answer = sip::build_response(request, 200, sip::new_tag());
      if (auto live = binding(now_ms)) answer.set_contact("<" + live->contact + ">");
      return answer;
   }
   if (expires == 0) {
      binding_.reset();
      return sip::build_response(request, 200, sip::new_tag());
   }
   if (expires < min_expires_s_) {
      sip::Message answer = sip::build_response(request, 423, sip::new_tag());
      answer.add_header("Min-Expires", std::to_string(min_expires_s_));
      return answer;
   }
   auto contact = request.contact_uri();
   auto peer = contact ? uri_peer(*contact) : std::nullopt;
   if (!peer) return sip::build_response(request, 400, sip::new_tag(), "Bad Contact");
   binding_ = TrunkBinding{*contact, *peer, now_ms + std::uint64_t{expires} * 1000};
   ++registrations_;
   sip::Message answer = sip::build_response(request, 200, sip::new_tag());
   answer.set_contact("<" + *contact + ">;expires=" + std::to_string(expires));
   answer.add_header("Expires", std::to_string(expires));
   return answer;
}

std::optional<TrunkBinding> Registrar::binding(std::uint64_t now_ms) const {
   if (binding_ && binding_->expires_at_ms > now_ms) return binding_;
   return std::nullopt;
}

}  // namespace portier::pbxsim
