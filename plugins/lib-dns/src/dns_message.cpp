// SPDX-License-Identifier: GPL-3.0-or-later
#include <portier/dns/dns_message.h>

#include <cctype>

namespace portier::dns {
namespace {

constexpr std::size_t kHeaderSize = 12;
constexpr std::size_t kMaxName = 253;
constexpr std::size_t kMaxLabel = 63;
constexpr int kMaxPointers = 16;
constexpr std::uint16_t kClassIn = 1;
constexpr std::size_t kMaxRecords = 256;  // per section; more would not fit 4096 bytes anyway

void put16(std::string &out, std::uint16_t v) {
   out.push_back(static_cast<char>(v >> 8));
   out.push_back(static_cast<char>(v & 0xff));
}

// Reads big-endian fields and names; the first failure sticks, with its offset.
struct Cursor {
   std::string_view bytes;
   std::size_t pos = 0;
   std::string error;
   std::size_t error_at = 0;

   bool fail(std::string why, std::size_t at) {
      if (error.empty()) {
         error = std::move(why);
         error_at = at;
      }
      return false;
   }
   std::uint8_t byte(std::size_t at) const { return static_cast<std::uint8_t>(bytes[at]); }
   bool u16(std::uint16_t &v) {
      if (pos + 2 > bytes.size()) return fail("message ends inside a field", pos);
      v = static_cast<std::uint16_t>(byte(pos) << 8 | byte(pos + 1));
      pos += 2;
      return true;
   }
   bool u32(std::uint32_t &v) {
      std::uint16_t hi = 0, lo = 0;
      if (!u16(hi) || !u16(lo)) return false;
      v = static_cast<std::uint32_t>(hi) << 16 | lo;
      return true;
   }
   // A possibly compressed name at pos; pos moves past its encoding in place.
   bool name(std::string &out) {
      out.clear();
      std::size_t at = pos;
      bool jumped = false;
      int pointers = 0;
      for (;;) {
         if (at >= bytes.size()) return fail("message ends inside a name", at);
         const std::uint8_t len = byte(at);
         if ((len & 0xc0) == 0xc0) {
            if (at + 1 >= bytes.size()) return fail("message ends inside a name pointer", at);
            const std::size_t target = static_cast<std::size_t>(len & 0x3f) << 8 | byte(at + 1);
            if (target >= at) return fail("name pointer does not point backwards", at);
            if (++pointers > kMaxPointers) return fail("too many name pointers", at);
            if (!jumped) pos = at + 2;
            jumped = true;
            at = target;
            continue;
         }
         if ((len & 0xc0) != 0) return fail("unknown label type", at);
         if (len == 0) {
            if (!jumped) pos = at + 1;
            break;
         }
         if (at + 1 + len > bytes.size()) return fail("message ends inside a label", at);
         if (!out.empty()) out.push_back('.');
         out.append(bytes.substr(at + 1, len));
         if (out.size() > kMaxName) return fail("name longer than 253 bytes", at);
         at += 1 + len;
      }
      out = normal_dns_name(out);
      return true;
   }
};

bool read_record(Cursor &c, DnsAnswer &answer, bool answer_section) {
   std::string owner;
   std::uint16_t type = 0, klass = 0, length = 0;
   std::uint32_t ttl = 0;
   if (!c.name(owner) || !c.u16(type) || !c.u16(klass) || !c.u32(ttl) || !c.u16(length)) return false;
   const std::size_t start = c.pos;
   if (start + length > c.bytes.size()) return c.fail("record data runs past the message", start);
   if (klass == kClassIn && type == kDnsTypeSrv && answer_section) {
      SrvRecord srv;
      if (!c.u16(srv.priority) || !c.u16(srv.weight) || !c.u16(srv.port) || !c.name(srv.target)) return false;
      if (c.pos != start + length) return c.fail("SRV record length does not match its data", start);
      if (srv.target.empty()) srv.target = ".";
      answer.srv.push_back(std::move(srv));
   } else if (klass == kClassIn && type == kDnsTypeA) {
      if (length != 4) return c.fail("A record is not 4 bytes", start);
      answer.addresses.push_back({owner, std::to_string(c.byte(start)) + "." + std::to_string(c.byte(start + 1)) +
                                             "." + std::to_string(c.byte(start + 2)) + "." +
                                             std::to_string(c.byte(start + 3))});
   }
   c.pos = start + length;
   return true;
}

}  // namespace

std::string normal_dns_name(std::string_view name) {
   std::string out(name);
   while (!out.empty() && out.back() == '.') out.pop_back();
   for (char &ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
   return out;
}

std::optional<std::string> build_dns_query(std::uint16_t id, std::string_view name, std::uint16_t type) {
   const std::string normal = normal_dns_name(name);
   if (normal.empty() || normal.size() > kMaxName) return std::nullopt;
   std::string out;
   put16(out, id);
   put16(out, 0x0100);  // standard query, recursion desired
   put16(out, 1);       // one question
   put16(out, 0);
   put16(out, 0);
   put16(out, 0);
   std::size_t begin = 0;
   while (begin <= normal.size()) {
      std::size_t end = normal.find('.', begin);
      if (end == std::string::npos) end = normal.size();
      const std::size_t len = end - begin;
      if (len == 0 || len > kMaxLabel) return std::nullopt;
      out.push_back(static_cast<char>(len));
      out.append(normal, begin, len);
      begin = end + 1;
   }
   out.push_back('\0');
   put16(out, type);
   put16(out, kClassIn);
   return out;
}

DnsParse parse_dns_response(std::string_view bytes) {
   DnsParse result;
   if (bytes.size() > kMaxDnsMessage) {
      result.error = "message larger than " + std::to_string(kMaxDnsMessage) + " bytes";
      return result;
   }
   if (bytes.size() < kHeaderSize) {
      result.error = "message shorter than a DNS header";
      return result;
   }
   Cursor c;
   c.bytes = bytes;
   DnsAnswer answer;
   std::uint16_t flags = 0, questions = 0, answers = 0, authority = 0, additional = 0;
   c.u16(answer.id);
   c.u16(flags);
   c.u16(questions);
   c.u16(answers);
   c.u16(authority);
   c.u16(additional);
   if ((flags & 0x8000) == 0) {
      result.error = "not a response";
      return result;
   }
   answer.truncated = (flags & 0x0200) != 0;
   answer.rcode = flags & 0x000f;
   bool ok = true;
   if (questions != 1) ok = c.fail("expected one question, got " + std::to_string(questions), 4);
   std::uint16_t qclass = 0;
   ok = ok && c.name(answer.question) && c.u16(answer.question_type) && c.u16(qclass);
   if (ok && (answers > kMaxRecords || authority > kMaxRecords || additional > kMaxRecords)) {
      ok = c.fail("too many records", 6);
   }
   for (std::uint16_t i = 0; ok && i < answers; ++i) ok = read_record(c, answer, true);
   for (std::uint16_t i = 0; ok && i < authority; ++i) ok = read_record(c, answer, false);
   // A truncated message may end inside the additional section; what came is still usable.
   for (std::uint16_t i = 0; ok && i < additional && !(answer.truncated && c.pos >= bytes.size()); ++i) {
      ok = read_record(c, answer, false);
   }
   if (!ok) {
      result.error = c.error;
      result.offset = c.error_at;
      return result;
   }
   result.answer = std::move(answer);
   return result;
}

}  // namespace portier::dns
