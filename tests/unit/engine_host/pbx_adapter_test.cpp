// SPDX-License-Identifier: GPL-3.0-or-later
// The pbx adapter over a fake "portier.pbx/1" table: what it sends for CFU on and off, and which
// failures reach its failure sink.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "engine/host/pbx_adapter.h"

namespace portier::engine::test {
namespace {

struct ForwardingCall {
   std::string device;
   std::int32_t type = 0;
   bool on = false;
   std::string number;  // "(null)" when none was passed
   std::uint64_t correlation = 0;
};

// One fake table at a time; the instance pointer leads back to the recorder.
struct FakePbxTable {
   std::vector<ForwardingCall> calls;
   portier_status answer = PORTIER_PENDING;
   portier_pbx_v1 table{};

   FakePbxTable() {
      table.struct_size = sizeof table;
      table.set_forwarding = &set_forwarding;
   }
   portier_instance *instance() { return reinterpret_cast<portier_instance *>(this); }

   static portier_status PORTIER_ABI set_forwarding(portier_instance *inst, const char *device, std::int32_t type,
                                                    bool on, const char *number, std::uint64_t correlation,
                                                    portier_error *err) {
      auto *self = reinterpret_cast<FakePbxTable *>(inst);
      self->calls.push_back(ForwardingCall{device, type, on, number ? number : "(null)", correlation});
      if (self->answer != PORTIER_PENDING) portier_copy_str(err->message, sizeof err->message, "link down");
      return self->answer;
   }
};

portier_pbx_result_event result_for(std::uint64_t correlation, portier_status status) {
   portier_pbx_result_event r{};
   r.header = PORTIER_EVENT_HEADER_INIT(portier_pbx_result_event, PORTIER_SPACE_PBX, PORTIER_PBX_EV_RESULT);
   r.header.correlation = correlation;
   r.status = status;
   r.detail = status == PORTIER_OK ? 0 : 12;
   portier_copy_str(r.message, sizeof r.message, status == PORTIER_OK ? "" : "invalid forwarding destination");
   return r;
}

}  // namespace

TEST_CASE("CFU on and off reach the pbx plugin as unconditional forwarding, each with its own correlation",
          "[engine_host][pbx]") {
   FakePbxTable pbx;
   std::vector<PbxFailure> failures;
   PbxAdapter adapter([&](const PbxFailure &f) { failures.push_back(f); });
   adapter.attach(PbxTable{pbx.instance(), &pbx.table, "pbx.fake"});
   adapter.set_forwarding("+4930501", "+4930610");
   adapter.clear_forwarding("+4930501");
   REQUIRE(pbx.calls.size() == 2);
   CHECK(pbx.calls[0].device == "+4930501");
   CHECK(pbx.calls[0].type == PORTIER_PBX_FORWARD_UNCONDITIONAL);
   CHECK(pbx.calls[0].on);
   CHECK(pbx.calls[0].number == "+4930610");
   CHECK(pbx.calls[1].type == PORTIER_PBX_FORWARD_UNCONDITIONAL);
   CHECK_FALSE(pbx.calls[1].on);
   CHECK(pbx.calls[1].number == "(null)");
   CHECK(pbx.calls[0].correlation != 0);
   CHECK(pbx.calls[0].correlation != pbx.calls[1].correlation);
   CHECK(adapter.pending() == 2);

   adapter.on_result(result_for(pbx.calls[0].correlation, PORTIER_OK));
   CHECK(adapter.pending() == 1);
   CHECK(failures.empty());
}

TEST_CASE("a forwarding the pbx plugin carries out is reported as done, once, with its device and direction",
          "[engine_host][pbx]") {
   FakePbxTable pbx;
   std::vector<PbxFailure> failures;
   std::vector<PbxFailure> done;
   PbxAdapter adapter([&](const PbxFailure &f) { failures.push_back(f); },
                      [&](const PbxFailure &d) { done.push_back(d); });
   adapter.attach(PbxTable{pbx.instance(), &pbx.table, "pbx.fake"});
   adapter.clear_forwarding("+4930501");
   CHECK(done.empty());  // sent is not done
   adapter.on_result(result_for(pbx.calls[0].correlation, PORTIER_OK));
   REQUIRE(done.size() == 1);
   CHECK(done[0].device == "+4930501");
   CHECK_FALSE(done[0].on);
   adapter.on_result(result_for(pbx.calls[0].correlation, PORTIER_OK));  // settled already
   CHECK(done.size() == 1);
   CHECK(failures.empty());
}

TEST_CASE("a forwarding the pbx plugin fails in its RESULT is reported with the device and the PBX's reason",
          "[engine_host][pbx]") {
   FakePbxTable pbx;
   std::vector<PbxFailure> failures;
   PbxAdapter adapter([&](const PbxFailure &f) { failures.push_back(f); });
   adapter.attach(PbxTable{pbx.instance(), &pbx.table, "pbx.fake"});
   adapter.set_forwarding("+4930501", "+4930610");
   adapter.on_result(result_for(pbx.calls[0].correlation + 100, PORTIER_ERR_INVALID));  // not ours
   CHECK(failures.empty());
   adapter.on_result(result_for(pbx.calls[0].correlation, PORTIER_ERR_INVALID));
   REQUIRE(failures.size() == 1);
   CHECK(failures[0].on);
   CHECK(failures[0].detail == 12);
   CHECK(describe(failures[0]) ==
         "+4930501: CFU to +4930610 failed: " + std::string(portier_status_name(PORTIER_ERR_INVALID)) +
             " (12) invalid forwarding destination");
   adapter.on_result(result_for(pbx.calls[0].correlation, PORTIER_ERR_INVALID));  // settled already
   CHECK(failures.size() == 1);
}

TEST_CASE("a forwarding the pbx plugin refuses at once, or with no pbx plugin running, is reported",
          "[engine_host][pbx]") {
   FakePbxTable pbx;
   pbx.answer = PORTIER_ERR_UNAVAILABLE;
   std::vector<PbxFailure> failures;
   PbxAdapter adapter([&](const PbxFailure &f) { failures.push_back(f); });
   adapter.clear_forwarding("+4930501");
   REQUIRE(failures.size() == 1);
   CHECK(failures[0].status == PORTIER_ERR_UNAVAILABLE);
   CHECK(describe(failures[0]).rfind("+4930501: CFU off failed: ", 0) == 0);

   adapter.attach(PbxTable{pbx.instance(), &pbx.table, "pbx.fake"});
   adapter.clear_forwarding("+4930501");
   REQUIRE(failures.size() == 2);
   CHECK(failures[1].message == "link down");
   CHECK(adapter.pending() == 0);

   pbx.table.set_forwarding = nullptr;  // a plugin without the feature
   adapter.set_forwarding("+4930501", "+4930610");
   REQUIRE(failures.size() == 3);
   CHECK(failures[2].status == PORTIER_ERR_UNSUPPORTED);
}

}  // namespace portier::engine::test
