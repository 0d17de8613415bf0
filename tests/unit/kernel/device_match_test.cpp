// SPDX-License-Identifier: GPL-3.0-or-later
// A contact's extension found among a pbx plugin's devices however the PBX keys them, and the
// forwarding board fed from FEATURES events.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <portier/kind/pbx.h>

#include "kernel/device_board.h"
#include "kernel/device_match.h"
#include "kernel/forwarding_board.h"
#include "kernel/forwarding_commands.h"

using portier::kernel::DeviceBoard;
using portier::kernel::device_of_contact;
using portier::kernel::ForwardingBoard;

namespace {

void lamp(DeviceBoard &board, const char *plugin, const char *device) {
   portier_pbx_device_event ev = {};
   ev.header = PORTIER_EVENT_HEADER_INIT(portier_pbx_device_event, PORTIER_SPACE_PBX, PORTIER_PBX_EV_DEVICE);
   ev.state = PORTIER_PBX_DEVICE_IDLE;
   portier_copy_str(ev.device, sizeof ev.device, device);
   board.apply(plugin, ev.header, "T");
}

portier_pbx_features_event features(const char *device, const char *unconditional, const char *busy) {
   portier_pbx_features_event ev = {};
   ev.header = PORTIER_EVENT_HEADER_INIT(portier_pbx_features_event, PORTIER_SPACE_PBX, PORTIER_PBX_EV_FEATURES);
   portier_copy_str(ev.device, sizeof ev.device, device);
   ev.forward_unconditional = unconditional[0] != '\0';
   portier_copy_str(ev.forward_unconditional_to, sizeof ev.forward_unconditional_to, unconditional);
   ev.forward_busy = busy[0] != '\0';
   portier_copy_str(ev.forward_busy_to, sizeof ev.forward_busy_to, busy);
   return ev;
}

// Munich, +49 89 7007-xxxx, four-digit extensions.
portier::numbers::NumberPlan munich() {
   portier::numbers::NumberPlan plan;
   plan.country_code = "49";
   plan.area_code = "89";
   plan.trunk_code = "0";
   plan.max_extension_length = 4;
   plan.trunks.push_back({"7007", "", ""});
   return plan;
}

}  // namespace

TEST_CASE("a digit extension finds the device the PBX keys by E.164, through the number plan", "[forwarding]") {
   DeviceBoard board;
   lamp(board, "pbx.osv", "+498970077201");
   lamp(board, "pbx.osv", "+498970087201");  // ends the same: only the plan tells them apart
   const auto plan = munich();
   CHECK(device_of_contact(board, "pbx.osv", "7201", {}, &plan) == "+498970077201");
   CHECK_FALSE(device_of_contact(board, "pbx.os4k", "7201", {}, &plan));
   CHECK_FALSE(device_of_contact(board, "pbx.osv", "7202", {}, &plan));
}

TEST_CASE("an E.164 extension finds the device the PBX keys by digits", "[forwarding]") {
   DeviceBoard board;
   lamp(board, "pbx.osv", "7201");
   const auto plan = munich();
   CHECK(device_of_contact(board, "pbx.osv", "+498970077201", {}, &plan) == "7201");
   CHECK(device_of_contact(board, "pbx.osv", "7201", {}, nullptr) == "7201");
}

TEST_CASE("without a number plan a contact's E.164 phone or the one device ending in the extension matches", "[forwarding]") {
   DeviceBoard board;
   lamp(board, "pbx.osv", "+49897007201");
   lamp(board, "pbx.osv", "+49897007202");
   CHECK(device_of_contact(board, "pbx.osv", "", {"+491701110001", "+49897007202"}, nullptr) == "+49897007202");
   CHECK(device_of_contact(board, "pbx.osv", "7201", {}, nullptr) == "+49897007201");
   CHECK_FALSE(device_of_contact(board, "pbx.osv", "", {}, nullptr));
}

TEST_CASE("an extension that ends two devices matches neither, and a short one matches none by its end", "[forwarding]") {
   DeviceBoard board;
   lamp(board, "pbx.osv", "+49897007201");
   lamp(board, "pbx.osv", "+49301117201");
   CHECK_FALSE(device_of_contact(board, "pbx.osv", "7201", {}, nullptr));
   CHECK_FALSE(device_of_contact(board, "pbx.osv", "01", {}, nullptr));
}

TEST_CASE("the forwarding board keeps each kind's destination, off as empty, per plugin", "[forwarding]") {
   ForwardingBoard board;
   CHECK(board.apply("pbx.osv", features("+49897007201", "+49897007100", "").header));
   const auto *f = board.find("pbx.osv", "+49897007201");
   REQUIRE(f != nullptr);
   CHECK(f->unconditional == "+49897007100");
   CHECK(f->busy.empty());
   CHECK(f->no_answer.empty());
   CHECK_FALSE(board.apply("pbx.osv", features("+49897007201", "+49897007100", "").header));  // nothing new
   CHECK(board.apply("pbx.osv", features("+49897007201", "", "+49897007101").header));
   CHECK(board.find("pbx.osv", "+49897007201")->unconditional.empty());
   CHECK(board.find("pbx.osv", "+49897007201")->busy == "+49897007101");
   CHECK(board.find("pbx.os4k", "+49897007201") == nullptr);
   board.forget("pbx.osv");
   CHECK(board.find("pbx.osv", "+49897007201") == nullptr);
}

TEST_CASE("the forwarding board ignores other events and a features record that is too short", "[forwarding]") {
   ForwardingBoard board;
   auto ev = features("+49897007201", "+49897007100", "");
   ev.header.struct_size = sizeof(portier_event_header);
   CHECK_FALSE(board.apply("pbx.osv", ev.header));
   portier_pbx_device_event device = {};
   device.header = PORTIER_EVENT_HEADER_INIT(portier_pbx_device_event, PORTIER_SPACE_PBX, PORTIER_PBX_EV_DEVICE);
   CHECK_FALSE(board.apply("pbx.osv", device.header));
}

TEST_CASE("forwarding kinds map to the SDK's types and nothing else does", "[forwarding]") {
   CHECK(portier::kernel::forwarding_type_of("unconditional") == PORTIER_PBX_FORWARD_UNCONDITIONAL);
   CHECK(portier::kernel::forwarding_type_of("busy") == PORTIER_PBX_FORWARD_BUSY);
   CHECK(portier::kernel::forwarding_type_of("no_answer") == PORTIER_PBX_FORWARD_NO_ANSWER);
   CHECK(portier::kernel::forwarding_type_of("sideways") == 0);
}
