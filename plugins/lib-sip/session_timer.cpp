// SPDX-License-Identifier: GPL-3.0-or-later
#include "session_timer.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace portier::sip {
namespace {

std::string_view trim_param(std::string_view text) {
   while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
   while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
   return text;
}

std::string lower_param(std::string_view text) {
   std::string out(text);
   std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
   return out;
}

std::optional<std::uint32_t> delta_seconds(std::string_view text) {
   text = trim_param(text);
   std::uint32_t value = 0;
   if (text.empty() || text.size() > 10) return std::nullopt;
   auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
   if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
   return value;
}

}  // namespace

std::optional<SessionExpires> parse_session_expires(std::string_view value) {
   std::size_t semi = value.find(';');
   std::optional<std::uint32_t> seconds = delta_seconds(value.substr(0, semi));
   if (!seconds) return std::nullopt;
   SessionExpires out{*seconds, std::nullopt};
   for (int guard = 0; semi != std::string_view::npos && guard < 16; ++guard) {
      std::size_t next = value.find(';', semi + 1);
      std::string param = lower_param(trim_param(value.substr(semi + 1, next == std::string_view::npos ? std::string_view::npos : next - semi - 1)));
      if (param == "refresher=uac") out.refresher = Refresher::uac;
      else if (param == "refresher=uas") out.refresher = Refresher::uas;
      semi = next;
   }
   return out;
}

std::optional<std::uint32_t> parse_min_se(std::string_view value) { return delta_seconds(value.substr(0, value.find(';'))); }

bool lists_timer(std::string_view value) {
   std::size_t start = 0;
   for (int guard = 0; guard < 64 && start <= value.size(); ++guard) {
      std::size_t comma = value.find(',', start);
      if (comma == std::string_view::npos) comma = value.size();
      if (lower_param(trim_param(value.substr(start, comma - start))) == "timer") return true;
      start = comma + 1;
   }
   return false;
}

std::string SessionTimerAnswer::session_expires_value() const {
   return std::to_string(interval) + ";refresher=" + (refresher == Refresher::uac ? "uac" : "uas");
}

SessionTimerAnswer answer_session_timer(const SessionTimerOffer &offer, const SessionTimerPolicy &policy) {
   SessionTimerAnswer answer;
   std::uint32_t our_min = std::max(policy.min_se, kMinSessionExpires);
   std::optional<SessionExpires> asked = offer.session_expires ? parse_session_expires(*offer.session_expires) : std::nullopt;
   std::uint32_t their_min = offer.min_se ? parse_min_se(*offer.min_se).value_or(0) : 0;
   if (asked && asked->seconds < our_min) {
      answer.reject_status = 422;  // RFC 4028 9: too small, say what we accept
      answer.min_se = our_min;
      return answer;
   }
   answer.use_timer = true;
   if (asked) {
      answer.interval = asked->seconds;  // we may lower it, never below either Min-SE
      if (answer.interval > policy.preferred) answer.interval = std::max({policy.preferred, our_min, their_min});
   } else {
      answer.interval = std::max({policy.preferred, our_min, their_min});
   }
   if (asked && asked->refresher) answer.refresher = *asked->refresher;
   else answer.refresher = offer.supports_timer ? Refresher::uac : Refresher::uas;
   if (!offer.supports_timer) answer.refresher = Refresher::uas;  // a UAC without timer cannot refresh
   answer.require_timer = answer.refresher == Refresher::uac;
   return answer;
}

std::chrono::seconds refresh_after(std::uint32_t interval) { return std::chrono::seconds(interval / 2); }

std::chrono::seconds give_up_after(std::uint32_t interval) {
   return std::chrono::seconds(interval - std::min<std::uint32_t>(32, interval / 3));
}

}  // namespace portier::sip
