// SPDX-License-Identifier: GPL-3.0-or-later
// A pbx plugin's extension list as phone-book rows (kernel/directory_pbx_source.h), with a fake
// portier.pbx.sync/1 table: each extension's fields, SYNC_READY restated as READY, and reads
// that fail.
#include <cstring>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "kernel/directory_pbx_source.h"

using namespace portier::kernel;
using portier::directory::Contact;
using portier::directory::NumberType;

namespace {

struct FakeExtension {
   std::string number, e164, display, first, last, department, email;
};

// The pbx plugin's fetched list and what read() answers.
struct FakePbx {
   std::vector<FakeExtension> list;
   portier_status read_status = PORTIER_OK;
   std::uint64_t read_correlation = 0;
};

portier_status PORTIER_ABI fake_fetch(portier_instance *, std::uint64_t, portier_error *) { return PORTIER_PENDING; }

portier_status PORTIER_ABI fake_read(portier_instance *inst, std::uint64_t correlation, portier_pbx_extension_sink sink,
                                     void *user, portier_error *err) {
   auto &pbx = *reinterpret_cast<FakePbx *>(inst);
   pbx.read_correlation = correlation;
   if (pbx.read_status != PORTIER_OK) {
      portier_copy_str(err->message, sizeof err->message, "no list for this correlation");
      return pbx.read_status;
   }
   for (const FakeExtension &e : pbx.list) {
      const portier_pbx_extension ext{sizeof(portier_pbx_extension), 0, e.number.c_str(), e.e164.c_str(),
                                      e.display.c_str(), e.first.c_str(), e.last.c_str(), e.department.c_str(),
                                      e.email.c_str()};
      if (!sink(user, &ext)) break;
   }
   return PORTIER_OK;
}

const portier_pbx_sync_v1 kFakeSync{sizeof(portier_pbx_sync_v1), fake_fetch, fake_read};

portier_pbx_result_event sync_ready(std::uint64_t correlation, portier_status status, const char *message) {
   portier_pbx_result_event ev{};
   ev.header.struct_size = sizeof ev;
   ev.header.space = PORTIER_SPACE_PBX;
   ev.header.type = PORTIER_PBX_EV_SYNC_READY;
   ev.header.correlation = correlation;
   ev.status = status;
   portier_copy_str(ev.message, sizeof ev.message, message);
   return ev;
}

std::vector<Contact> read_all(FakePbx &pbx, std::string &why) {
   std::vector<Contact> rows;
   why = read_pbx_extensions(kFakeSync, reinterpret_cast<portier_instance *>(&pbx), 17, "pbx.osv", rows);
   return rows;
}

}  // namespace

TEST_CASE("an extension becomes a row keyed by its number, with the E.164 number as office phone") {
   FakePbx pbx;
   pbx.list = {{"4930555510", "+4930555510", "Muster, Anna", "Anna", "Muster", "Sales", "anna@example.com"}};
   std::string why;
   const std::vector<Contact> rows = read_all(pbx, why);
   CHECK(why.empty());
   CHECK(pbx.read_correlation == 17);
   REQUIRE(rows.size() == 1);
   const Contact &c = rows[0];
   CHECK(c.source == "pbx.osv");
   CHECK(c.source_id == "4930555510");
   CHECK(c.extension == "4930555510");
   CHECK(c.name.display == "Muster, Anna");
   CHECK(c.name.given == "Anna");
   CHECK(c.name.family == "Muster");
   CHECK(c.department == "Sales");
   CHECK(c.emails == std::vector<std::string>{"anna@example.com"});
   REQUIRE(c.numbers.size() == 1);
   CHECK(c.numbers[0].type == NumberType::office);
   CHECK(c.numbers[0].given == "+4930555510");
   CHECK(c.numbers[0].e164.empty());  // apply_source checks and normalises it
}

TEST_CASE("an extension without an E.164 number has the extension as its phone, and no e-mail") {
   FakePbx pbx;
   pbx.list = {{"7001", "", "Lab, Phone", "", "", "", ""}};
   std::string why;
   const std::vector<Contact> rows = read_all(pbx, why);
   REQUIRE(rows.size() == 1);
   CHECK(rows[0].numbers.size() == 1);
   CHECK(rows[0].numbers[0].given == "7001");
   CHECK(rows[0].emails.empty());
   CHECK(rows[0].name.given.empty());
}

TEST_CASE("an extension with an empty number is skipped: it could not be keyed") {
   FakePbx pbx;
   pbx.list = {{"", "+4930555599", "Nobody", "", "", "", ""}, {"7002", "", "Mueller, Eva", "Eva", "Mueller", "", ""}};
   std::string why;
   const std::vector<Contact> rows = read_all(pbx, why);
   REQUIRE(rows.size() == 1);
   CHECK(rows[0].source_id == "7002");
}

TEST_CASE("a read the pbx plugin refuses is a failure with its message") {
   FakePbx pbx;
   pbx.read_status = PORTIER_ERR_NOT_FOUND;
   std::string why;
   read_all(pbx, why);
   CHECK(why == "read failed: no list for this correlation");
}

TEST_CASE("SYNC_READY is restated as a directory READY with its correlation, status and message") {
   const auto failed = sync_ready(9, PORTIER_ERR_INVALID, "MP2 line 8: the file ends inside record CS_SIP");
   const auto ready = ready_of_pbx_sync(failed.header);
   REQUIRE(ready.has_value());
   CHECK(ready->header.space == PORTIER_SPACE_DIRECTORY);
   CHECK(ready->header.type == PORTIER_DIRECTORY_EV_READY);
   CHECK(ready->header.struct_size == sizeof(portier_directory_event));
   CHECK(ready->header.correlation == 9);
   CHECK(ready->status == PORTIER_ERR_INVALID);
   CHECK(std::string(ready->message) == "MP2 line 8: the file ends inside record CS_SIP");
   CHECK(ready->records == 0);
}

TEST_CASE("other pbx events and short SYNC_READY records are not a READY") {
   auto result = sync_ready(3, PORTIER_OK, "");
   result.header.type = PORTIER_PBX_EV_RESULT;
   CHECK_FALSE(ready_of_pbx_sync(result.header).has_value());
   auto shorty = sync_ready(3, PORTIER_OK, "");
   shorty.header.struct_size = sizeof(portier_event_header);
   CHECK_FALSE(ready_of_pbx_sync(shorty.header).has_value());
}

TEST_CASE("a sync table without read, or none at all, is not usable") {
   CHECK(usable_pbx_sync(&kFakeSync) == &kFakeSync);
   CHECK(usable_pbx_sync(nullptr) == nullptr);
   const portier_pbx_sync_v1 no_read{sizeof(portier_pbx_sync_v1), fake_fetch, nullptr};
   CHECK(usable_pbx_sync(&no_read) == nullptr);
   const portier_pbx_sync_v1 too_short{static_cast<std::uint32_t>(sizeof(std::uint32_t)), fake_fetch, fake_read};
   CHECK(usable_pbx_sync(&too_short) == nullptr);
}
