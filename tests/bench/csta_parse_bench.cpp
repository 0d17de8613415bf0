// SPDX-License-Identifier: GPL-3.0-or-later
// CSTA event throughput on one core: a recorded stream of 100,000 framed OSV events (made from
// the fixtures with varying call ids and monitors) through FrameReader + Parser + a lookup by
// monitorCrossRefID, beside a bare expat parse of the same XML bytes.
//   csta_parse_bench [FRAMES]
#include <expat.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <unordered_map>
#include <vector>

#include "portier/csta/framing.h"
#include "portier/csta/parser.h"

using namespace portier::csta;

namespace {

std::string read_file(const std::string &name) {
   std::ifstream in(std::string(PORTIER_CSTA_FIXTURES) + "/" + name, std::ios::binary);
   if (!in) {
      std::fprintf(stderr, "cannot read fixture %s\n", name.c_str());
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

constexpr int kMonitors = 1000;

std::string make_stream(std::size_t frames, std::vector<std::string> &bodies) {
   struct Template { std::string xml, call_id, cross_ref; };
   const std::vector<Template> templates{
      {read_file("service-initiated-event.frame").substr(kHeaderSize), "FF000100000000002D65C85C1C750000", "1169730059"},
      {read_file("originated-event.frame").substr(kHeaderSize), "FF000100000000002D65C85C1C750000", "1169730059"},
      {read_file("delivered-event-entering-distribution.xml"), "FF00010000000000EC6114647E570000", "1173673890"},
      {read_file("transfered-event-single-step.xml"), "FF00010000000000CFB6706408000000", "1184300014"},
      {read_file("call-information-event.xml"), "FF00010000000000E2E00E6416060000", "1166743342"},
   };
   std::string stream;
   char call_id[33];
   char cross_ref[11];
   for (std::size_t i = 0; i < frames; ++i) {
      const auto &t = templates[i % templates.size()];
      std::string xml = t.xml;
      std::snprintf(call_id, sizeof call_id, "FF0001%026zX", i / 3);
      std::snprintf(cross_ref, sizeof cross_ref, "%010d", 1100000000 + static_cast<int>(i % kMonitors));
      replace_all(xml, t.call_id, call_id);
      replace_all(xml, t.cross_ref, cross_ref);
      stream += *encode_frame(kEventInvokeId, xml);
      bodies.push_back(std::move(xml));
   }
   return stream;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
   return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char **argv) {
   const std::size_t frames = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 100000;
   std::vector<std::string> bodies;
   const std::string stream = make_stream(frames, bodies);
   std::unordered_map<std::string, std::size_t> monitors;  // cross ref -> events seen
   for (int i = 0; i < kMonitors; ++i) {
      char cross_ref[11];
      std::snprintf(cross_ref, sizeof cross_ref, "%010d", 1100000000 + i);
      monitors.emplace(cross_ref, 0);
   }

   // (a) framing + parse + correlation, fed in 64 KiB reads as a socket would deliver them.
   std::size_t events = 0;
   std::size_t correlated = 0;
   const auto start_ours = std::chrono::steady_clock::now();
   {
      FrameReader reader;
      Parser parser;
      constexpr std::size_t kRead = 64 * 1024;
      for (std::size_t at = 0; at < stream.size(); at += kRead) {
         reader.feed(std::string_view(stream).substr(at, kRead));
         while (auto frame = reader.pop()) {
            const auto result = parser.parse(frame->xml);
            if (!result) {
               std::fprintf(stderr, "parse error: %s\n", result.error.to_string().c_str());
               return 1;
            }
            ++events;
            if (const auto *event = std::get_if<CallEvent>(&*result.message)) {
               const auto it = monitors.find(event->cross_ref_id);
               if (it != monitors.end()) {
                  ++it->second;
                  ++correlated;
               }
            }
         }
      }
      if (reader.failed()) return 1;
   }
   const double ours = seconds_since(start_ours);

   // (b) bare expat over the same XML bytes, no-op handlers, one reused parser.
   std::size_t bare_events = 0;
   const auto start_bare = std::chrono::steady_clock::now();
   {
      XML_Parser parser = XML_ParserCreate(nullptr);
      for (const auto &xml : bodies) {
         XML_ParserReset(parser, nullptr);
         XML_SetElementHandler(parser, [](void *, const XML_Char *, const XML_Char **) {}, [](void *, const XML_Char *) {});
         XML_SetCharacterDataHandler(parser, [](void *, const XML_Char *, int) {});
         if (XML_Parse(parser, xml.data(), static_cast<int>(xml.size()), XML_TRUE) == XML_STATUS_OK) ++bare_events;
      }
      XML_ParserFree(parser);
   }
   const double bare = seconds_since(start_bare);

   const double ours_rate = static_cast<double>(events) / ours;
   const double bare_rate = static_cast<double>(bare_events) / bare;
   std::printf("csta_parse_bench: %zu frames, %.1f MB, %zu correlated\n", frames,
               static_cast<double>(stream.size()) / 1e6, correlated);
   std::printf("  framing+parse+correlate: %10.0f events/s (%.3f s)\n", ours_rate, ours);
   std::printf("  bare expat SAX parse:    %10.0f events/s (%.3f s)\n", bare_rate, bare);
   std::printf("  ratio: %.2f x bare parse (target >= 0.25); %s 200,000 events/s target\n",
               ours_rate / bare_rate, ours_rate >= 200000 ? "meets" : "MISSES");
   return events == frames && correlated == frames ? 0 : 1;
}
