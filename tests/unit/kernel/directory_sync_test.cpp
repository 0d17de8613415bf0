// SPDX-License-Identifier: GPL-3.0-or-later
// The phone book's sync jobs with fake directory plugin tables on a simulated clock: a run's
// report, failed runs that change nothing, rejects, the READY timeout, one run per source,
// sources that never touch each other, tenant scope, the client commands' JSON, runs applied
// on the directory worker while the engine thread searches, and the contacts' presence keys read
// on the worker and handed to live state as changes.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "directory/book_stamp.h"
#include "directory/name_sets.h"
#include "directory/search.h"
#include "kernel/clock.h"
#include "kernel/contact_states.h"
#include "kernel/directory_commands.h"
#include "kernel/directory_sync.h"
#include "kernel/engine_loop.h"
#include "temp_dir.h"

using namespace portier::kernel;
using Names = std::vector<std::string>;

namespace {

struct FakeRecord {
   std::string key, given, family, phone, extension;
};

struct FakeReject {
   std::uint32_t line;
   std::string key, reason;
};

// A directory plugin instance: records and rejects of the next import, what was asked.
struct FakeSource {
   std::vector<FakeRecord> records;
   std::vector<FakeReject> rejects;
   portier_status begin_status = PORTIER_PENDING;
   std::vector<std::uint64_t> begun;  // correlations
   int reads = 0;
};

FakeSource &fake(portier_instance *inst) { return *reinterpret_cast<FakeSource *>(inst); }

portier_status PORTIER_ABI fake_begin(portier_instance *inst, std::uint64_t correlation, portier_error *) {
   FakeSource &source = fake(inst);
   if (source.begin_status == PORTIER_PENDING) source.begun.push_back(correlation);
   return source.begin_status;
}

portier_status PORTIER_ABI fake_read(portier_instance *inst, std::uint64_t, portier_directory_sink sink, void *user,
                                     portier_error *) {
   FakeSource &source = fake(inst);
   ++source.reads;
   for (const FakeRecord &r : source.records) {
      portier_directory_phone phone{PORTIER_PHONE_OFFICE, 0, r.phone.c_str()};
      const char *email = "";
      portier_directory_record rec{};
      rec.struct_size = sizeof rec;
      rec.phone_count = r.phone.empty() ? 0 : 1;
      rec.source_key = r.key.c_str();
      rec.display_name = "";
      rec.first_name = r.given.c_str();
      rec.last_name = r.family.c_str();
      rec.company = rec.department = rec.location = rec.sip_uri = "";
      rec.email = email;
      rec.phones = &phone;
      rec.building = rec.cost_centre = rec.notes = "";
      rec.extension = r.extension.c_str();
      if (!sink(user, &rec)) break;
   }
   return PORTIER_OK;
}

portier_status PORTIER_ABI fake_read_rejects(portier_instance *inst, std::uint64_t, portier_directory_reject_sink sink,
                                             void *user, portier_error *) {
   for (const FakeReject &r : fake(inst).rejects) {
      portier_directory_reject rej{sizeof(portier_directory_reject), r.line, 0, r.key.c_str(), r.reason.c_str()};
      if (!sink(user, &rej)) break;
   }
   return PORTIER_OK;
}

const portier_directory_source_v1 kFakeTable{sizeof(portier_directory_source_v1), fake_begin, fake_read,
                                             fake_read_rejects};

portier_directory_event ready(std::uint64_t correlation, portier_status status = PORTIER_OK, const char *message = "") {
   portier_directory_event ev{};
   ev.header.struct_size = sizeof ev;
   ev.header.space = PORTIER_SPACE_DIRECTORY;
   ev.header.type = PORTIER_DIRECTORY_EV_READY;
   ev.header.correlation = correlation;
   ev.status = status;
   portier_copy_str(ev.message, sizeof ev.message, message);
   return ev;
}

DirectorySourceConfig source_config(std::string plugin, std::string tenant) {
   DirectorySourceConfig config;
   config.plugin = std::move(plugin);
   config.tenant = std::move(tenant);
   config.schedule.text = "manual";
   return config;
}

// Set once on one thread, waited for on another; a wait gives up after `limit` so a broken
// run fails the test instead of hanging it.
class Signal {
public:
   void set() {
      std::lock_guard lock(mutex_);
      set_ = true;
      changed_.notify_all();
   }
   bool wait(std::chrono::seconds limit = std::chrono::seconds(60)) {
      std::unique_lock lock(mutex_);
      return changed_.wait_for(lock, limit, [this]() { return set_; });
   }

private:
   std::mutex mutex_;
   std::condition_variable changed_;
   bool set_ = false;
};

// Two fake plugins, directory.a for tenant A and directory.b for tenant B, on a simulated clock;
// the book is a file, so the directory worker opens its own connection to it.
struct Rig {
   portier::kernel::test::TempDir dir;  // first: it outlives the book's connections
   SimulatedClock clock;
   EngineLoop loop{clock, 64};
   std::map<std::string, FakeSource> plugins{{"directory.a", {}}, {"directory.b", {}}};
   DirectoryConfig config;
   std::shared_ptr<portier::directory::DirectoryDb> db;
   std::unique_ptr<DirectorySync> sync;

   Rig() {
      loop.adopt_current_thread();
      config.configured = true;
      config.ready_timeout_s = 10;
      config.sources = {source_config("directory.a", "A"), source_config("directory.b", "B")};
      auto opened = portier::directory::DirectoryDb::open((dir.path() / "directory.db").string());
      REQUIRE(opened.ok());
      db = opened.value();
      make();
   }

   void make() {
      sync = std::make_unique<DirectorySync>(loop, config, db, std::nullopt, [this](std::string_view id) {
         auto it = plugins.find(std::string(id));
         return it == plugins.end()
                    ? std::optional<DirectoryPort>()
                    : std::optional<DirectoryPort>(DirectoryPort{&kFakeTable, reinterpret_cast<portier_instance *>(&it->second)});
      });
   }

   // Runs `plugin` now and answers READY with `status`; its records go to the worker.
   void start_run(const std::string &plugin, portier_status status = PORTIER_OK, const char *message = "") {
      std::string why;
      REQUIRE(sync->run_now(plugin, why) == SyncStart::started);
      const auto ev = ready(plugins[plugin].begun.back(), status, message);
      sync->on_event(plugin, ev.header);
   }

   // start_run(), then waits for the worker's report to arrive on the engine loop.
   void run(const std::string &plugin, portier_status status = PORTIER_OK, const char *message = "") {
      start_run(plugin, status, message);
      settle();
   }

   // A source whose records were read and are being applied: running, no READY awaited.
   bool applying() const {
      for (const SyncSource &s : sync->sources())
         if (s.running && s.correlation == 0) return true;
      return false;
   }

   // Runs the engine loop until no run is being applied; bounded, so a lost report fails.
   void settle() {
      for (int i = 0; i < 6000 && applying(); ++i) {
         loop.run_ready();
         if (applying()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      REQUIRE_FALSE(applying());
   }

   const SyncReport &last(const std::string &plugin) {
      for (const SyncSource &s : sync->sources())
         if (s.config.plugin == plugin) {
            REQUIRE(s.last.has_value());
            return *s.last;
         }
      FAIL("no source " << plugin);
      throw;
   }

   Names found(std::string_view query, std::string_view tenant) {
      auto page = portier::directory::search(*db, query, 50, "", tenant);
      REQUIRE(page.ok());
      Names names;
      for (const auto &r : page->results) names.push_back(r.display_name);
      return names;
   }

   nlohmann::json ask(nlohmann::json request) { return answer_directory(request, sync.get(), nullptr, nullptr); }
};

// A large source: `n` Zanders (source ids 100000 and up, so none is Hans Huber's "1").
std::vector<FakeRecord> zanders(int n) {
   std::vector<FakeRecord> records;
   records.reserve(static_cast<std::size_t>(n));
   for (int i = 0; i < n; ++i)
      records.push_back({std::to_string(100000 + i), "Zeno" + std::to_string(i), "Zander", "", std::to_string(i)});
   return records;
}

constexpr int kLargeRun = 200000;

// A test hook that holds the worker inside its run's transaction until portierd stops; bounded.
DirectoryApplyHook hold_until_stopped(Signal &writing) {
   return [&writing](const std::atomic<bool> &stopping) {
      writing.set();
      for (int i = 0; i < 60000 && !stopping.load(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
   };
}

}  // namespace

TEST_CASE("a sync run imports the source's records and reports the counts") {
   Rig rig;
   rig.plugins["directory.a"].records = {{"1", "Hans", "Huber", "+49 89 7007 1234", "1234"},
                                         {"2", "Ida", "Ilg", "", ""}};
   rig.run("directory.a");
   const SyncReport &report = rig.last("directory.a");
   CHECK(report.ok);
   CHECK(report.received == 2);
   CHECK(report.added == 2);
   CHECK(report.rejected == 0);
   CHECK_FALSE(report.finished.empty());
   CHECK(rig.found("huber", "A") == Names{"Huber, Hans"});
}

TEST_CASE("a failed READY leaves the previous contacts as they were") {
   Rig rig;
   rig.plugins["directory.a"].records = {{"1", "Hans", "Huber", "", ""}};
   rig.run("directory.a");
   rig.plugins["directory.a"].records = {{"2", "Ida", "Ilg", "", ""}};
   rig.run("directory.a", PORTIER_ERR_UNAVAILABLE, "cannot open /srv/people.csv");
   const SyncReport &report = rig.last("directory.a");
   CHECK_FALSE(report.ok);
   CHECK(report.error == "the source failed: cannot open /srv/people.csv");
   CHECK(rig.plugins["directory.a"].reads == 1);
   CHECK(rig.found("huber", "A") == Names{"Huber, Hans"});
   CHECK(rig.found("ilg", "A").empty());
}

TEST_CASE("the report lists the source's rejects and the phone book's, with position and reason") {
   Rig rig;
   rig.plugins["directory.a"].records = {{"1", "Hans", "Huber", "", ""}, {"2", "", "", "", ""}};
   rig.plugins["directory.a"].rejects = {{7, "9", "unbalanced quote"}};
   rig.run("directory.a");
   const SyncReport &report = rig.last("directory.a");
   CHECK(report.ok);
   CHECK(report.rejected == 2);
   REQUIRE(report.rejects.size() == 2);
   CHECK(report.rejects[0].position == 7);
   CHECK(report.rejects[0].source_id == "9");
   CHECK(report.rejects[0].reason == "unbalanced quote");
   CHECK(report.rejects[1].position == 2);
   CHECK(report.rejects[1].source_id == "2");
   CHECK(report.rejects[1].reason.starts_with("record 2: "));
   const auto answer = rig.ask({{"type", "directory_report"}, {"source", "directory.a"}});
   CHECK(answer["ok"] == true);
   CHECK(answer["report"]["rejected"] == 2);
   CHECK(answer["report"]["rejects"][0]["reason"] == "unbalanced quote");
}

TEST_CASE("a run without READY within the timeout fails, and a late READY is ignored") {
   Rig rig;
   rig.plugins["directory.a"].records = {{"1", "Hans", "Huber", "", ""}};
   std::string why;
   REQUIRE(rig.sync->run_now("directory.a", why) == SyncStart::started);
   rig.loop.advance(11'000'000);
   const SyncReport &report = rig.last("directory.a");
   CHECK_FALSE(report.ok);
   CHECK(report.error == "no READY within 10 s");
   const auto late = ready(rig.plugins["directory.a"].begun.back());
   rig.sync->on_event("directory.a", late.header);
   CHECK(rig.plugins["directory.a"].reads == 0);
   CHECK(rig.found("huber", "A").empty());
}

TEST_CASE("a source never runs twice at once") {
   Rig rig;
   std::string why;
   REQUIRE(rig.sync->run_now("directory.a", why) == SyncStart::started);
   CHECK(rig.sync->run_now("directory.a", why) == SyncStart::busy);
   CHECK(rig.plugins["directory.a"].begun.size() == 1);
   const auto answer = rig.ask({{"type", "directory_sync"}, {"source", "directory.a"}});
   CHECK(answer["error"] == "busy");
   CHECK(rig.ask({{"type", "directory_sync"}, {"source", "directory.zz"}})["error"] == "unknown_source");
}

TEST_CASE("one source's run never touches another source's contacts") {
   Rig rig;
   rig.config.sources = {source_config("directory.a", "*"), source_config("directory.b", "*")};
   rig.make();
   rig.plugins["directory.a"].records = {{"1", "Hans", "Huber", "", ""}};
   rig.plugins["directory.b"].records = {{"1", "Hugo", "Huber", "", ""}};
   rig.run("directory.a");
   rig.run("directory.b");
   rig.plugins["directory.a"].records = {};
   rig.run("directory.a");
   CHECK(rig.last("directory.a").deleted == 1);
   CHECK(rig.found("huber", "A") == Names{"Huber, Hugo"});
}

TEST_CASE("each source fills its own tenant's phone book") {
   Rig rig;
   rig.plugins["directory.a"].records = {{"1", "Hans", "Huber", "", ""}};
   rig.plugins["directory.b"].records = {{"1", "Hugo", "Huber", "", ""}};
   rig.run("directory.a");
   rig.run("directory.b");
   CHECK(rig.found("huber", "A") == Names{"Huber, Hans"});
   CHECK(rig.found("huber", "B") == Names{"Huber, Hugo"});
   const auto answer = rig.ask({{"type", "directory_search"}, {"tenant", "B"}, {"query", "hub"}, {"page_size", 5}});
   REQUIRE(answer["ok"] == true);
   REQUIRE(answer["contacts"].size() == 1);
   CHECK(answer["contacts"][0]["given_name"] == "Hugo");
   CHECK(answer["contacts"][0]["sources"] == nlohmann::json::array({"directory.b"}));
   const auto id = answer["contacts"][0]["id"].get<std::int64_t>();
   CHECK(rig.ask({{"type", "directory_contact"}, {"tenant", "A"}, {"id", id}})["error"] == "not_found");
   CHECK(rig.ask({{"type", "directory_contact"}, {"tenant", "B"}, {"id", id}})["contact"]["family_name"] == "Huber");
}

TEST_CASE("start-up runs the sources the phone book has never seen, and only those") {
   Rig rig;
   rig.sync->start();
   rig.loop.run_ready();
   CHECK(rig.plugins["directory.a"].begun.size() == 1);
   CHECK(rig.plugins["directory.b"].begun.size() == 1);
   const auto ev = ready(rig.plugins["directory.a"].begun.back());
   rig.sync->on_event("directory.a", ev.header);
   rig.settle();
   rig.loop.advance(11'000'000);  // directory.b times out: it has a (failed) report now too
   rig.make();                    // portierd restarts on the same book
   rig.sync->start();
   rig.loop.run_ready();
   CHECK(rig.plugins["directory.a"].begun.size() == 1);
   CHECK(rig.plugins["directory.b"].begun.size() == 1);
}

TEST_CASE("a source with an interval runs at each interval") {
   Rig rig;
   rig.config.sources[0].schedule.kind = DirectorySchedule::Kind::every;
   rig.config.sources[0].schedule.every_s = 60;
   rig.config.sources[0].schedule.text = "every 1m";
   rig.make();
   rig.sync->start();
   rig.loop.run_ready();
   REQUIRE(rig.plugins["directory.a"].begun.size() == 1);  // never seen
   auto ev = ready(rig.plugins["directory.a"].begun.back());
   rig.sync->on_event("directory.a", ev.header);
   rig.settle();
   rig.loop.advance(61'000'000);
   CHECK(rig.plugins["directory.a"].begun.size() == 2);
   const auto status = rig.ask({{"type", "directory_status"}});
   CHECK(status["sources"][0]["schedule"] == "every 1m");
   CHECK(status["sources"][0]["running"] == true);
   CHECK(status["sources"][0].contains("next_run"));
}

TEST_CASE("stopping with a run waiting for READY leaves no timer behind") {
   Rig rig;
   rig.config.sources[0].schedule.kind = DirectorySchedule::Kind::every;
   rig.config.sources[0].schedule.every_s = 60;
   rig.make();
   std::string why;
   REQUIRE(rig.sync->run_now("directory.a", why) == SyncStart::started);
   rig.sync->start();
   CHECK(rig.loop.timer_count() > 0);
   rig.sync.reset();
   CHECK(rig.loop.timer_count() == 0);
}

TEST_CASE("directory commands check their fields and say which is wrong") {
   Rig rig;
   CHECK(rig.ask({{"type", "directory_search"}, {"query", "x"}})["message"] == "directory_search: \"tenant\" is missing");
   CHECK(rig.ask({{"type", "directory_search"}, {"tenant", "A"}, {"query", "hu"}, {"page_size", 0}})["error"] ==
         "invalid");
   CHECK(rig.ask({{"type", "directory_search"}, {"tenant", "A"}, {"query", "hu"}, {"page_token", "zz"}})["error"] ==
         "invalid");
   CHECK(answer_directory({{"type", "directory_status"}}, nullptr, nullptr, nullptr)["error"] == "unavailable");
}

TEST_CASE("while a large run is applied, the engine thread's searches answer with the book as it was") {
   Rig rig;
   rig.plugins["directory.a"].records = {{"1", "Hans", "Huber", "", ""}};
   rig.run("directory.a");
   Signal writing;
   rig.sync->set_apply_hook(hold_until_stopped(writing));
   rig.plugins["directory.a"].records = zanders(kLargeRun);
   rig.start_run("directory.a");
   REQUIRE(writing.wait());
   CHECK(rig.found("huber", "A") == Names{"Huber, Hans"});
   CHECK(rig.found("zander", "A").empty());
   const auto search = rig.ask({{"type", "directory_search"}, {"tenant", "A"}, {"query", "hub"}, {"page_size", 5}});
   REQUIRE(search["ok"] == true);
   CHECK(search["contacts"].size() == 1);
   const auto id = search["contacts"][0]["id"].get<std::int64_t>();
   CHECK(rig.ask({{"type", "directory_contact"}, {"tenant", "A"}, {"id", id}})["contact"]["family_name"] == "Huber");
   CHECK(rig.ask({{"type", "directory_status"}})["sources"][0]["running"] == true);
   CHECK(rig.ask({{"type", "directory_sync"}, {"source", "directory.a"}})["error"] == "busy");
   rig.sync.reset();  // cancels the held run; a run's commit is the next case's
}

TEST_CASE("once a large run commits, searches find its contacts and no longer the ones it removed") {
   constexpr int kRows = kLargeRun / 2;  // applied to the end: half, to keep the case short
   Rig rig;
   rig.plugins["directory.a"].records = {{"1", "Hans", "Huber", "", ""}};
   rig.run("directory.a");
   rig.plugins["directory.a"].records = zanders(kRows);
   rig.plugins["directory.a"].records.back() = {"99", "Zita", "Zwiebel", "", ""};
   rig.run("directory.a");
   const SyncReport &report = rig.last("directory.a");
   CHECK(report.ok);
   CHECK(report.received == static_cast<std::size_t>(kRows));
   CHECK(report.added == static_cast<std::size_t>(kRows));
   CHECK(report.deleted == 1);
   CHECK(rig.found("huber", "A").empty());
   CHECK(rig.found("zwiebel", "A") == Names{"Zwiebel, Zita"});
   CHECK(rig.found("zander", "A").size() == 50);
   CHECK(rig.ask({{"type", "directory_status"}})["sources"][0]["running"] == false);
}

TEST_CASE("stopping during a run rolls it back and leaves the previous contacts and report") {
   Rig rig;
   rig.plugins["directory.a"].records = {{"1", "Hans", "Huber", "", ""}};
   rig.run("directory.a");
   Signal writing;
   rig.sync->set_apply_hook(hold_until_stopped(writing));
   rig.plugins["directory.a"].records = zanders(kLargeRun);
   rig.start_run("directory.a");
   REQUIRE(writing.wait());
   rig.sync.reset();  // the kernel stops: the worker is cancelled and joined
   CHECK(rig.found("huber", "A") == Names{"Huber, Hans"});
   CHECK(rig.found("zander", "A").empty());
   rig.make();  // portierd starts again on the same book
   rig.sync->start();
   const SyncReport &report = rig.last("directory.a");
   CHECK(report.ok);
   CHECK(report.added == 1);
   rig.plugins["directory.a"].records = {{"1", "Hans", "Huber", "", ""}, {"2", "Ida", "Ilg", "", ""}};
   rig.run("directory.a");  // the book took no harm: the next run writes
   CHECK(rig.last("directory.a").added == 1);
   CHECK(rig.found("ilg", "A") == Names{"Ilg, Ida"});
}

TEST_CASE("a run the worker cannot write fails, says why, and the book is unchanged") {
   Rig rig;
   auto memory = portier::directory::DirectoryDb::open(":memory:");
   REQUIRE(memory.ok());
   rig.db = memory.value();  // a second connection to a book in memory would open another book
   rig.make();
   rig.plugins["directory.a"].records = {{"1", "Hans", "Huber", "", ""}};
   rig.run("directory.a");
   const SyncReport &report = rig.last("directory.a");
   CHECK_FALSE(report.ok);
   CHECK(report.error.find("in memory") != std::string::npos);
   CHECK(rig.found("huber", "A").empty());
}

namespace {

// The keys a fake presence plugin was asked to watch, in order: "+key" / "-key".
std::vector<std::string> *g_presence_calls = nullptr;

portier_status PORTIER_ABI presence_change(bool add, std::int32_t type, const char *const *keys, std::size_t count,
                                           portier_error *) {
   if (type != PORTIER_PRESENCE_KEY_EXTENSION) return PORTIER_ERR_INVALID;
   for (std::size_t i = 0; i < count; ++i) g_presence_calls->push_back((add ? "+" : "-") + std::string(keys[i]));
   return PORTIER_OK;
}
portier_status PORTIER_ABI presence_subscribe(portier_instance *, std::int32_t type, const char *const *keys,
                                              std::size_t count, portier_error *err) {
   return presence_change(true, type, keys, count, err);
}
portier_status PORTIER_ABI presence_unsubscribe(portier_instance *, std::int32_t type, const char *const *keys,
                                                std::size_t count, portier_error *err) {
   return presence_change(false, type, keys, count, err);
}
const portier_presence_v1 kPresenceTable{static_cast<std::uint32_t>(sizeof(portier_presence_v1)), &presence_subscribe,
                                         &presence_unsubscribe};

// The directory rig with key tracking: every change the worker hands over, and on which thread
// each read of the keys ran.
struct KeysRig : Rig {
   std::vector<ContactKeysDelta> deltas;
   std::mutex threads_mutex;
   std::vector<std::thread::id> read_on;
   std::function<void(ContactKeysDelta &)> also;

   KeysRig() {
      sync->set_keys_hook([this]() {
         std::lock_guard lock(threads_mutex);
         read_on.push_back(std::this_thread::get_id());
      });
      sync->track_contact_keys([this](ContactKeysDelta delta) {
         if (also) also(delta);
         deltas.push_back(std::move(delta));
      });
   }

   // Runs the engine loop until `n` changes have arrived; bounded, so a lost one fails.
   void wait_deltas(std::size_t n) {
      for (int i = 0; i < 6000 && deltas.size() < n; ++i) {
         loop.run_ready();
         if (deltas.size() < n) std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      REQUIRE(deltas.size() == n);
   }

   std::vector<std::thread::id> reads() {
      std::lock_guard lock(threads_mutex);
      return read_on;
   }
};

std::vector<std::string> extensions_of(const std::vector<portier::directory::ContactKeys> &contacts) {
   std::vector<std::string> out;
   for (const auto &c : contacts) out.push_back(c.extension);
   return out;
}

}  // namespace

TEST_CASE("the contacts' keys are read on the directory worker, never on the engine thread") {
   KeysRig rig;
   rig.wait_deltas(1);  // the first read: the whole book, empty here
   CHECK(rig.deltas[0].whole);
   CHECK(rig.deltas[0].changed.empty());
   rig.plugins["directory.a"].records = {{"1", "Hans", "Huber", "", "100"}, {"2", "Ida", "Ilg", "", "101"},
                                         {"3", "Udo", "Ulm", "", ""}};
   rig.run("directory.a");
   rig.wait_deltas(2);
   CHECK_FALSE(rig.deltas[1].whole);
   CHECK(extensions_of(rig.deltas[1].changed) == Names{"100", "101"});  // Udo has no key
   const auto reads = rig.reads();
   REQUIRE(reads.size() == 2);
   for (const std::thread::id id : reads) CHECK(id != std::this_thread::get_id());
}

TEST_CASE("a run's change of keys names only the contacts it added, changed or removed") {
   KeysRig rig;
   rig.plugins["directory.a"].records = {{"1", "Hans", "Huber", "", "100"}, {"2", "Ida", "Ilg", "", "101"},
                                         {"3", "Eva", "Ernst", "", "103"}};
   rig.run("directory.a");
   rig.wait_deltas(2);
   rig.plugins["directory.a"].records = {{"1", "Hans", "Huber", "", "100"}, {"2", "Ida", "Ilg", "", "109"},
                                         {"4", "Olaf", "Orth", "", "104"}};
   rig.run("directory.a");
   rig.wait_deltas(3);
   const ContactKeysDelta &delta = rig.deltas[2];
   CHECK(extensions_of(delta.changed) == Names{"109", "104"});
   CHECK(delta.removed.size() == 1);
   rig.run("directory.b");  // no contact of B has keys, and A's are untouched: nothing to say
   rig.wait_deltas(4);
   CHECK(rig.deltas[3].changed.empty());
   CHECK(rig.deltas[3].removed.empty());
}

TEST_CASE("after a run the presence keys of added contacts are subscribed and those of removed ones unsubscribed") {
   KeysRig rig;
   std::vector<std::string> calls;
   g_presence_calls = &calls;
   PresenceConfig config;
   config.configured = true;
   config.plugin = "presence.uc";
   config.tenants = {"A"};
   ContactStateHooks hooks;
   hooks.presence_port = [] { return std::optional<PresencePort>(PresencePort{&kPresenceTable, nullptr, 1}); };
   ContactStates states(rig.loop, config, std::move(hooks));
   rig.also = [&states](ContactKeysDelta &delta) { states.apply_contacts(delta); };
   rig.plugins["directory.a"].records = {{"1", "Hans", "Huber", "", "100"}, {"2", "Ida", "Ilg", "", "101"}};
   rig.run("directory.a");
   rig.wait_deltas(2);
   states.tick();
   CHECK(calls == Names{"+100", "+101"});
   calls.clear();
   rig.plugins["directory.a"].records = {{"1", "Hans", "Huber", "", "100"}, {"3", "Eva", "Ernst", "", "102"}};
   rig.run("directory.a");
   rig.wait_deltas(3);
   states.tick();
   CHECK(calls == Names{"-101", "+102"});
   rig.also = nullptr;
   g_presence_calls = nullptr;
}

namespace {

// Runs the engine loop until the engine's connection holds a copy of the names in memory read at
// the book's stamp now; bounded, so a copy that never comes fails.
bool names_in_memory_current(Rig &rig) {
   for (int i = 0; i < 3000; ++i) {
      rig.loop.run_ready();
      const auto &sets = rig.db->name_sets();
      auto stamp = portier::directory::read_book_stamp(*rig.db);
      REQUIRE(stamp.ok());
      if (sets && sets->stamp == stamp.value()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
   }
   return false;
}

}  // namespace

TEST_CASE("the worker reads the names into memory at start-up and after each committed run, for the engine's searches") {
   Rig rig;
   rig.plugins["directory.a"].records = {{"1", "Hans", "Meier", "", ""}, {"2", "Anna", "Mayer", "", ""}};
   rig.run("directory.a");
   REQUIRE(names_in_memory_current(rig));
   const auto first = rig.db->name_sets();
   CHECK(first->ranks.size() == 2);
   CHECK(rig.found("han meier", "A") == Names{"Meier, Hans", "Mayer, Anna"});

   // The same records again write nothing: the book's stamp stays and the worker reads no copy.
   // (Had it read one, a two-row copy would have arrived within these 300 ms; a slower machine
   // could only hide a regression, never fail a correct build.)
   rig.run("directory.a");
   for (int i = 0; i < 30; ++i) {
      rig.loop.run_ready();
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
   }
   CHECK(rig.db->name_sets() == first);

   rig.plugins["directory.a"].records = {{"2", "Anna", "Mayer", "", ""}, {"3", "Hanna", "Maier", "", ""}};
   rig.run("directory.a");
   REQUIRE(names_in_memory_current(rig));
   CHECK(rig.db->name_sets()->stamp > first->stamp);
   CHECK(rig.found("han meier", "A") == Names{"Maier, Hanna", "Mayer, Anna"});
   // The engine handed the old copy to the worker to free: soon this test holds the last reference.
   for (int i = 0; i < 3000 && first.use_count() > 1; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
   CHECK(first.use_count() == 1);

   // A new start (portierd restarted on the same book) reads the names before any run.
   rig.sync.reset();
   rig.db->use_name_sets(nullptr);
   rig.make();
   rig.sync->start();
   REQUIRE(names_in_memory_current(rig));
   CHECK(rig.db->name_sets()->ranks.size() == 2);
}
