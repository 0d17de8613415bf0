// SPDX-License-Identifier: GPL-3.0-or-later
// presence.uc's keys: extensions through the JID template, e-mail addresses both ways, JIDs
// compared in lower case.
#include <string>

#include <catch2/catch.hpp>

#include <portier/kind/presence.h>

#include "jid_keys.h"
#include "uc_settings.h"

using namespace portier::uc;

namespace {

UcSettings with_template(const std::string &tpl, EmailJid email = EmailJid::address) {
   UcSettings s;
   s.domain = "UC.Example.com";
   s.jid_template = tpl;
   s.email_jid = email;
   return s;
}

std::string jid(const UcSettings &s, std::int32_t type, const std::string &key) {
   std::string why;
   std::string out = jid_for_key(s, type, key, why);
   INFO(why);
   return out;
}

}  // namespace

TEST_CASE("an extension becomes a JID through the template") {
   CHECK(jid(with_template("{extension}@{domain}"), PORTIER_PRESENCE_KEY_EXTENSION, "4711") == "4711@uc.example.com");
   CHECK(jid(with_template("ext{extension}@uc.corp"), PORTIER_PRESENCE_KEY_EXTENSION, "+4989700") ==
         "ext+4989700@uc.corp");
}

TEST_CASE("an e-mail key is the JID itself or its local part at the domain") {
   CHECK(jid(with_template("{extension}@{domain}"), PORTIER_PRESENCE_KEY_EMAIL, "Anna.Berg@Example.com") ==
         "anna.berg@example.com");
   CHECK(jid(with_template("{extension}@{domain}", EmailJid::local), PORTIER_PRESENCE_KEY_EMAIL,
             "Anna.Berg@Example.com") == "anna.berg@uc.example.com");
}

TEST_CASE("malformed keys and SIP URIs are refused with a reason") {
   const UcSettings s = with_template("{extension}@{domain}");
   std::string why;
   CHECK(jid_for_key(s, PORTIER_PRESENCE_KEY_EXTENSION, "47 11", why).empty());
   CHECK(why.find("not an extension") != std::string::npos);
   CHECK(jid_for_key(s, PORTIER_PRESENCE_KEY_EXTENSION, "", why).empty());
   CHECK(jid_for_key(s, PORTIER_PRESENCE_KEY_EXTENSION, "47/11", why).empty());
   CHECK(jid_for_key(s, PORTIER_PRESENCE_KEY_EMAIL, "no-at-sign", why).empty());
   CHECK(jid_for_key(s, PORTIER_PRESENCE_KEY_EMAIL, "a@b@c", why).empty());
   CHECK(jid_for_key(s, PORTIER_PRESENCE_KEY_SIP_URI, "sip:4711@pbx", why).empty());
   CHECK(why.find("key type 3") != std::string::npos);
}

TEST_CASE("templates must hold {extension} once and name a bare JID") {
   CHECK(template_problem("{extension}@{domain}").empty());
   CHECK(template_problem("u{extension}@uc.example.com").empty());
   CHECK_FALSE(template_problem("{domain}").empty());
   CHECK_FALSE(template_problem("{extension}{extension}@d").empty());
   CHECK_FALSE(template_problem("{extension}@{host}").empty());
   CHECK_FALSE(template_problem("{extension}").empty());
   CHECK_FALSE(template_problem("{extension}@d/phone").empty());
   CHECK_FALSE(template_problem("{extension}@a@b").empty());
}

TEST_CASE("stanza addresses are reduced to lower-case bare JIDs") {
   CHECK(bare_jid("Anna@UC.example.com/Desk") == "anna@uc.example.com");
   CHECK(bare_jid("bert@uc") == "bert@uc");
   CHECK(resource_of("anna@uc/Desk") == "Desk");
   CHECK(resource_of("anna@uc").empty());
}
