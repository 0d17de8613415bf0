// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstring>
#include <string>

#include <catch2/catch.hpp>

#include <portier/kind/pbx.h>

#include "kernel/device_board.h"

using portier::kernel::DeviceBoard;

namespace {

portier_pbx_device_event device_event(const char *device, std::int32_t state, const char *forward_to = "") {
   portier_pbx_device_event ev = {};
   ev.header = PORTIER_EVENT_HEADER_INIT(portier_pbx_device_event, PORTIER_SPACE_PBX, PORTIER_PBX_EV_DEVICE);
   ev.state = state;
   portier_copy_str(ev.device, sizeof ev.device, device);
   portier_copy_str(ev.forward_to, sizeof ev.forward_to, forward_to);
   return ev;
}

}  // namespace

TEST_CASE("the board keeps the last state of each device per pbx plugin", "[lamps]") {
   DeviceBoard board;
   CHECK(board.apply("pbx.osv", device_event("+49897007200", PORTIER_PBX_DEVICE_IDLE).header, "T1"));
   CHECK(board.apply("pbx.osv", device_event("+49897007200", PORTIER_PBX_DEVICE_BUSY).header, "T2"));
   CHECK(board.apply("pbx.os4k", device_event("+49897007200", PORTIER_PBX_DEVICE_RINGING).header, "T3"));
   const auto lamps = board.lamps();
   REQUIRE(lamps.size() == 2);
   CHECK(lamps[0].plugin == "pbx.os4k");
   CHECK(lamps[0].state == PORTIER_PBX_DEVICE_RINGING);
   CHECK(lamps[1].plugin == "pbx.osv");
   CHECK(lamps[1].device == "+49897007200");
   CHECK(lamps[1].state == PORTIER_PBX_DEVICE_BUSY);
   CHECK(lamps[1].since == "T2");
}

TEST_CASE("a repeated state keeps the time the lamp changed", "[lamps]") {
   DeviceBoard board;
   board.apply("pbx.osv", device_event("200", PORTIER_PBX_DEVICE_BUSY).header, "T1");
   CHECK_FALSE(board.apply("pbx.osv", device_event("200", PORTIER_PBX_DEVICE_BUSY).header, "T2"));
   CHECK(board.lamps().at(0).since == "T1");
}

TEST_CASE("a forwarded lamp carries its destination, and a new destination keeps its age", "[lamps]") {
   DeviceBoard board;
   board.apply("pbx.osv", device_event("200", PORTIER_PBX_DEVICE_FORWARDED, "+4930901820").header, "T1");
   CHECK(board.apply("pbx.osv", device_event("200", PORTIER_PBX_DEVICE_FORWARDED, "100").header, "T2"));
   const auto lamp = board.lamps().at(0);
   CHECK(lamp.forward_to == "100");
   CHECK(lamp.since == "T1");
}

TEST_CASE("events other than device events and short records leave the board alone", "[lamps]") {
   DeviceBoard board;
   auto call = device_event("200", PORTIER_PBX_DEVICE_BUSY);
   call.header.type = PORTIER_PBX_EV_CALL;
   CHECK_FALSE(board.apply("pbx.osv", call.header, "T1"));
   auto other_space = device_event("200", PORTIER_PBX_DEVICE_BUSY);
   other_space.header.space = PORTIER_SPACE_PRESENCE;
   CHECK_FALSE(board.apply("pbx.osv", other_space.header, "T1"));
   auto short_record = device_event("200", PORTIER_PBX_DEVICE_BUSY);
   short_record.header.struct_size = sizeof(portier_event_header) + 8;
   CHECK_FALSE(board.apply("pbx.osv", short_record.header, "T1"));
   CHECK_FALSE(board.apply("pbx.osv", device_event("", PORTIER_PBX_DEVICE_BUSY).header, "T1"));
   CHECK(board.size() == 0);
}

TEST_CASE("a device name without its NUL is cut at the end of its field", "[lamps]") {
   DeviceBoard board;
   auto ev = device_event("", PORTIER_PBX_DEVICE_IDLE);
   std::memset(ev.device, 'x', sizeof ev.device);
   REQUIRE(board.apply("pbx.osv", ev.header, "T1"));
   CHECK(board.lamps().at(0).device == std::string(sizeof ev.device, 'x'));
}

TEST_CASE("the board is bounded: new devices beyond its capacity are counted, not kept", "[lamps]") {
   DeviceBoard board(2);
   board.apply("pbx.osv", device_event("1", PORTIER_PBX_DEVICE_IDLE).header, "T");
   board.apply("pbx.osv", device_event("2", PORTIER_PBX_DEVICE_IDLE).header, "T");
   CHECK_FALSE(board.apply("pbx.osv", device_event("3", PORTIER_PBX_DEVICE_IDLE).header, "T"));
   CHECK(board.apply("pbx.osv", device_event("2", PORTIER_PBX_DEVICE_BUSY).header, "T"));  // known: updated
   CHECK(board.size() == 2);
   CHECK(board.dropped() == 1);
}

TEST_CASE("a stopped plugin's lamps are forgotten, other plugins' stay", "[lamps]") {
   DeviceBoard board;
   board.apply("pbx.osv", device_event("1", PORTIER_PBX_DEVICE_IDLE).header, "T");
   board.apply("pbx.os4k", device_event("1", PORTIER_PBX_DEVICE_IDLE).header, "T");
   board.forget("pbx.osv");
   REQUIRE(board.size() == 1);
   CHECK(board.lamps().at(0).plugin == "pbx.os4k");
}

TEST_CASE("lamp states read as words, unknown values as unknown", "[lamps]") {
   CHECK(portier::kernel::lamp_state_name(PORTIER_PBX_DEVICE_IDLE) == "idle");
   CHECK(portier::kernel::lamp_state_name(PORTIER_PBX_DEVICE_DND) == "dnd");
   CHECK(portier::kernel::lamp_state_name(PORTIER_PBX_DEVICE_OUT_OF_SERVICE) == "out_of_service");
   CHECK(portier::kernel::lamp_state_name(42) == "unknown");
   CHECK(portier::kernel::lamp_state_name(-1) == "unknown");
}
