// SPDX-License-Identifier: GPL-3.0-or-later
#include "sdp.h"

#include <optional>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <sstream>

namespace portier::media {
namespace {

constexpr std::size_t kMaxLineBytes = 1024;

Error at_line(std::size_t line, const std::string &what) {
   return error(PORTIER_ERR_INVALID, "SDP line " + std::to_string(line) + ": " + what);
}

std::vector<std::string_view> split_words(std::string_view s) {
   std::vector<std::string_view> out;
   std::size_t i = 0;
   while (i < s.size() && out.size() <= kMaxFormats + 4) {
      while (i < s.size() && s[i] == ' ') ++i;
      const std::size_t start = i;
      while (i < s.size() && s[i] != ' ') ++i;
      if (i > start) out.push_back(s.substr(start, i - start));
   }
   return out;
}

template <class T>
bool to_number(std::string_view s, T &out) {
   const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
   return ec == std::errc() && p == s.data() + s.size();
}

std::optional<Direction> direction_of(std::string_view attr) {
   if (attr == "sendrecv") return Direction::sendrecv;
   if (attr == "sendonly") return Direction::sendonly;
   if (attr == "recvonly") return Direction::recvonly;
   if (attr == "inactive") return Direction::inactive;
   return std::nullopt;
}

// "IN IP4 192.0.2.1" (a multicast "/ttl" suffix is dropped).
Result<std::string> connection_address(std::string_view value, std::size_t line) {
   const auto w = split_words(value);
   if (w.size() != 3 || w[0] != "IN" || (w[1] != "IP4" && w[1] != "IP6"))
      return at_line(line, "c= must be 'IN IP4 <address>', got '" + std::string(value) + "'");
   std::string_view addr = w[2];
   addr = addr.substr(0, addr.find('/'));
   if (addr.empty()) return at_line(line, "c= has an empty address");
   return std::string(addr);
}

bool iequals(std::string_view a, std::string_view b) {
   return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
             return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
          });
}

// The encoding of format `pt` in `m`: its rtpmap, or the static assignment of RFC 3551.
std::optional<RtpMap> encoding_of(const SdpMedia &m, int pt) {
   for (const auto &r : m.rtpmaps)
      if (r.payload_type == pt) return r;
   if (pt == 0) return RtpMap{0, "PCMU", 8000};
   if (pt == 8) return RtpMap{8, "PCMA", 8000};
   return std::nullopt;
}

Direction answer_to(Direction offered) {
   switch (offered) {
   case Direction::sendonly: return Direction::recvonly;
   case Direction::recvonly: return Direction::sendonly;
   case Direction::inactive: return Direction::inactive;
   default: return Direction::sendrecv;
   }
}

// "<payload type 0..127> <encoding>/<clock rate>[/<channels>]", or nothing when unreadable.
std::optional<RtpMap> read_rtpmap(std::string_view arg) {
   const auto w = split_words(arg);
   RtpMap r;
   if (w.size() != 2 || !to_number(w[0], r.payload_type) || r.payload_type < 0 || r.payload_type > 127) return std::nullopt;
   const auto enc = w[1];
   const std::size_t slash = enc.find('/');
   if (slash == 0 || slash == std::string_view::npos) return std::nullopt;
   r.encoding = std::string(enc.substr(0, slash));
   const auto rate = enc.substr(slash + 1);
   if (!to_number(rate.substr(0, rate.find('/')), r.clock_rate) || r.clock_rate <= 0) return std::nullopt;
   return r;
}

}  // namespace

std::string_view direction_name(Direction d) {
   switch (d) {
   case Direction::sendonly: return "sendonly";
   case Direction::recvonly: return "recvonly";
   case Direction::inactive: return "inactive";
   default: return "sendrecv";
   }
}

Result<SessionDescription> parse_sdp(std::string_view text) {
   if (text.size() > kMaxSdpBytes)
      return error(PORTIER_ERR_INVALID, "SDP is " + std::to_string(text.size()) + " bytes, more than " + std::to_string(kMaxSdpBytes));
   SessionDescription sd;
   Direction session_direction = Direction::sendrecv;
   std::vector<bool> media_direction_set;
   bool saw_version = false;
   std::size_t line_no = 0;
   std::size_t pos = 0;
   while (pos < text.size()) {
      std::size_t end = text.find('\n', pos);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(pos, end - pos);
      pos = end + 1;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (++line_no > kMaxSdpLines) return error(PORTIER_ERR_INVALID, "SDP has more than " + std::to_string(kMaxSdpLines) + " lines");
      if (line.empty()) continue;  // tolerated, mostly a trailing blank line
      if (line.size() > kMaxLineBytes) return at_line(line_no, "longer than " + std::to_string(kMaxLineBytes) + " bytes");
      if (line.size() < 2 || line[1] != '=') return at_line(line_no, "not of the form <letter>=<value>");
      const char type = line[0];
      const std::string_view value = line.substr(2);
      if (!saw_version) {
         if (type != 'v' || value != "0") return at_line(line_no, "SDP must start with v=0");
         saw_version = true;
         continue;
      }
      SdpMedia *m = sd.media.empty() ? nullptr : &sd.media.back();
      switch (type) {
      case 'o': {
         const auto w = split_words(value);
         if (w.size() != 6) return at_line(line_no, "o= needs 6 fields, has " + std::to_string(w.size()));
         sd.origin_address = std::string(w[5]);
         break;
      }
      case 'c': {
         auto addr = connection_address(value, line_no);
         if (!addr) return addr.error();
         (m ? m->address : sd.address) = addr.value();
         break;
      }
      case 'm': {
         if (sd.media.size() == kMaxMediaLines) return at_line(line_no, "more than " + std::to_string(kMaxMediaLines) + " m= lines");
         const auto w = split_words(value);
         if (w.size() < 4) return at_line(line_no, "m= needs <media> <port> <proto> <format>...");
         if (w.size() > kMaxFormats + 3) return at_line(line_no, "more than " + std::to_string(kMaxFormats) + " formats");
         SdpMedia media;
         media.media = std::string(w[0]);
         const std::string_view port = w[1].substr(0, w[1].find('/'));  // "<port>/<count>"
         if (!to_number(port, media.port)) return at_line(line_no, "m= port '" + std::string(w[1]) + "' is not a number 0..65535");
         media.proto = std::string(w[2]);
         for (std::size_t i = 3; i < w.size(); ++i) media.formats.emplace_back(w[i]);
         sd.media.push_back(std::move(media));
         media_direction_set.push_back(false);
         break;
      }
      case 'a': {
         const std::size_t colon = value.find(':');
         const std::string_view name = value.substr(0, colon);
         const std::string_view arg = colon == std::string_view::npos ? std::string_view() : value.substr(colon + 1);
         if (const auto d = direction_of(name)) {
            if (m) {
               m->direction = *d;
               media_direction_set.back() = true;
            } else {
               session_direction = *d;
            }
         } else if (name == "rtpmap" && m) {
            // An rtpmap we cannot read is skipped, not fatal: RFC 4475's valid messages carry
            // "a=rtpmap:31 LPC" (no clock rate). A dynamic format left without a readable rtpmap
            // simply never matches a codec of ours (offer_problem names it).
            if (auto r = read_rtpmap(arg); r && m->rtpmaps.size() < kMaxFormats) m->rtpmaps.push_back(std::move(*r));
         } else if (name == "ptime" && m) {
            if (!to_number(arg, m->ptime) || m->ptime <= 0 || m->ptime > 1000)
               return at_line(line_no, "a=ptime must be 1..1000 ms");
         }
         break;
      }
      default: break;  // s, i, u, e, p, b, t, r, z, k: nothing we act on
      }
   }
   if (!saw_version) return error(PORTIER_ERR_INVALID, "SDP is empty");
   for (std::size_t i = 0; i < sd.media.size(); ++i) {
      if (!media_direction_set[i]) sd.media[i].direction = session_direction;
      if (sd.media[i].address.empty()) sd.media[i].address = sd.address;
   }
   return sd;
}

Result<MediaPlan> negotiate(const SessionDescription &offer) {
   std::string why = "no audio stream offered";
   for (std::size_t i = 0; i < offer.media.size(); ++i) {
      const SdpMedia &m = offer.media[i];
      if (m.media != "audio" || m.port == 0) continue;
      if (m.proto != "RTP/AVP") {
         why = "audio offered as " + m.proto + " (only RTP/AVP)";
         continue;
      }
      if (m.address.empty()) {
         why = "audio stream has no c= address";
         continue;
      }
      MediaPlan plan;
      bool have_codec = false;
      for (const auto &f : m.formats) {
         int pt = -1;
         if (!to_number(std::string_view(f), pt)) continue;
         const auto enc = encoding_of(m, pt);
         if (!enc || enc->clock_rate != 8000) continue;
         if (!have_codec && (iequals(enc->encoding, "PCMA") || iequals(enc->encoding, "PCMU"))) {
            plan.codec = iequals(enc->encoding, "PCMA") ? Codec::pcma : Codec::pcmu;
            plan.payload_type = pt;
            have_codec = true;
         } else if (!plan.dtmf_payload_type && iequals(enc->encoding, "telephone-event")) {
            plan.dtmf_payload_type = pt;
         }
      }
      if (!have_codec) {
         why = "no common codec in the audio offer (we take PCMA and PCMU at 8000 Hz)";
         continue;
      }
      plan.media_index = i;
      plan.remote_address = m.address;
      plan.remote_port = m.port;
      plan.remote_direction = m.direction;
      plan.held = m.direction == Direction::sendonly || m.direction == Direction::inactive || m.address == "0.0.0.0";
      plan.answer_direction = answer_to(m.direction);
      if (m.address == "0.0.0.0" && plan.answer_direction == Direction::sendrecv)
         plan.answer_direction = Direction::recvonly;  // old-style hold: nowhere to send to
      return plan;
   }
   return error(PORTIER_ERR_UNSUPPORTED, "SDP offer not acceptable: " + why, kNotAcceptableHere);
}

namespace {

void write_header(std::ostringstream &o, const LocalMedia &local) {
   o << "v=0\r\n"
     << "o=portier " << local.session_id << ' ' << local.version << " IN IP4 " << local.address << "\r\n"
     << "s=portier\r\n"
     << "c=IN IP4 " << local.address << "\r\n"
     << "t=0 0\r\n";
}

}  // namespace

std::string build_answer(const SessionDescription &offer, const MediaPlan &plan, const LocalMedia &local) {
   std::ostringstream o;
   write_header(o, local);
   for (std::size_t i = 0; i < offer.media.size(); ++i) {
      const SdpMedia &m = offer.media[i];
      if (i != plan.media_index) {
         o << "m=" << m.media << " 0 " << m.proto << ' ' << (m.formats.empty() ? "0" : m.formats.front()) << "\r\n";
         continue;
      }
      const bool alaw = plan.codec == Codec::pcma;
      o << "m=audio " << local.port << " RTP/AVP " << plan.payload_type;
      if (plan.dtmf_payload_type) o << ' ' << *plan.dtmf_payload_type;
      o << "\r\n"
        << "a=rtpmap:" << plan.payload_type << (alaw ? " PCMA/8000" : " PCMU/8000") << "\r\n";
      if (plan.dtmf_payload_type)
         o << "a=rtpmap:" << *plan.dtmf_payload_type << " telephone-event/8000\r\n"
           << "a=fmtp:" << *plan.dtmf_payload_type << " 0-15\r\n";
      o << "a=ptime:20\r\n"
        << "a=" << direction_name(plan.answer_direction) << "\r\n";
   }
   return o.str();
}

std::string build_offer(const LocalMedia &local, Direction direction) {
   std::ostringstream o;
   write_header(o, local);
   const int te = local.dtmf_payload_type;
   o << "m=audio " << local.port << " RTP/AVP 8 0 " << te << "\r\n"
     << "a=rtpmap:8 PCMA/8000\r\n"
     << "a=rtpmap:0 PCMU/8000\r\n"
     << "a=rtpmap:" << te << " telephone-event/8000\r\n"
     << "a=fmtp:" << te << " 0-15\r\n"
     << "a=ptime:20\r\n"
     << "a=" << direction_name(direction) << "\r\n";
   return o.str();
}

}  // namespace portier::media
