// SPDX-License-Identifier: GPL-3.0-or-later
#include "csta_stream.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>

#include "portier/csta/framing.h"
#include "portier/csta/server_builders.h"

namespace portier::bench {

namespace {

std::string read_file(const std::string &path) {
   std::ifstream in(path, std::ios::binary);
   if (!in) {
      std::fprintf(stderr, "cannot read fixture %s\n", path.c_str());
      std::exit(1);
   }
   return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Replaces every occurrence of `from` by `to` (same length, so frame lengths stay right).
void replace_all(std::string &text, const std::string &from, const std::string &to) {
   for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
      text.replace(at, from.size(), to);
   }
}

// The call's end, in the shape of the recorded events (the captures hold none): written by our
// simulator's builder, as an OSV sends it.
std::string cleared_event(const std::string &call_id, const std::string &cross_ref) {
   csta::CallEvent e;
   e.kind = csta::CallEventKind::connection_cleared;
   e.cross_ref_id = cross_ref;
   e.connection = csta::connection(call_id, "+4989700712345");
   e.subject = e.connection.device;
   e.local_connection_info = "null";
   e.cause = "normalClearing";
   return csta::build(e);
}

}  // namespace

std::string cross_ref_of(int index) {
   char text[16];
   std::snprintf(text, sizeof text, "%010d", 1100000000 + index);
   return text;
}

RecordedStream make_stream(const std::string &dir, std::size_t frames, int monitors) {
   struct Template { std::string xml, call_id, cross_ref; };
   const auto header = csta::kHeaderSize;
   const std::vector<Template> templates{
      {read_file(dir + "/service-initiated-event.frame").substr(header), "FF000100000000002D65C85C1C750000", "1169730059"},
      {read_file(dir + "/originated-event.frame").substr(header), "FF000100000000002D65C85C1C750000", "1169730059"},
      {read_file(dir + "/delivered-event-entering-distribution.xml"), "FF00010000000000EC6114647E570000", "1173673890"},
      {read_file(dir + "/transfered-event-single-step.xml"), "FF00010000000000CFB6706408000000", "1184300014"},
      {read_file(dir + "/call-information-event.xml"), "FF00010000000000E2E00E6416060000", "1166743342"},
      {cleared_event("FF00010000000000AAAAAAAAAAAA0000", "1199999999"), "FF00010000000000AAAAAAAAAAAA0000", "1199999999"},
   };
   RecordedStream stream;
   stream.bodies.reserve(frames);
   char call_id[33];
   const std::size_t per_call = kFramesPerCall;
   if (templates.size() != per_call) std::abort();
   for (std::size_t i = 0; i < frames; ++i) {
      const auto &t = templates[i % per_call];
      std::string xml = t.xml;
      // one call's events, in order, on one monitored device; the next call on the next device
      const std::size_t call = i / per_call;
      std::snprintf(call_id, sizeof call_id, "FF0001%026zX", call);
      replace_all(xml, t.call_id, call_id);
      replace_all(xml, t.cross_ref, cross_ref_of(static_cast<int>(call % static_cast<std::size_t>(monitors))));
      stream.bytes += *csta::encode_frame(csta::kEventInvokeId, xml);
      stream.bodies.push_back(std::move(xml));
   }
   return stream;
}

}  // namespace portier::bench
