// SPDX-License-Identifier: GPL-3.0-or-later
// presence.uc's watch list (its reconnect backoff is lib-http's RetryBackoff, tested there).
#include <catch2/catch.hpp>

#include <portier/kind/presence.h>

#include "watch_list.h"

using namespace portier::uc;

TEST_CASE("two keys of one person share a JID and are both reported") {
   WatchList w;
   CHECK(w.add(WatchedKey{PORTIER_PRESENCE_KEY_EXTENSION, "4711"}, "4711@uc"));
   CHECK_FALSE(w.add(WatchedKey{PORTIER_PRESENCE_KEY_EMAIL, "anna@uc"}, "4711@uc"));
   REQUIRE(w.keys_of("4711@uc") != nullptr);
   CHECK(w.keys_of("4711@uc")->size() == 2);
   CHECK(w.key_count() == 2);
   CHECK(w.jid_count() == 1);
}

TEST_CASE("subscribing a key twice keeps one entry") {
   WatchList w;
   w.add(WatchedKey{PORTIER_PRESENCE_KEY_EXTENSION, "4711"}, "4711@uc");
   w.add(WatchedKey{PORTIER_PRESENCE_KEY_EXTENSION, "4711"}, "4711@uc");
   CHECK(w.key_count() == 1);
   CHECK(w.keys_of("4711@uc")->size() == 1);
}

TEST_CASE("unsubscribing the last key of a JID forgets the JID, and unknown keys are ignored") {
   WatchList w;
   w.add(WatchedKey{PORTIER_PRESENCE_KEY_EXTENSION, "4711"}, "4711@uc");
   w.remove(WatchedKey{PORTIER_PRESENCE_KEY_EXTENSION, "9999"});
   CHECK(w.key_count() == 1);
   w.remove(WatchedKey{PORTIER_PRESENCE_KEY_EXTENSION, "4711"});
   CHECK(w.keys_of("4711@uc") == nullptr);
   CHECK(w.jid_count() == 0);
}
