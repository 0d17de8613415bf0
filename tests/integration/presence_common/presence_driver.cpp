// SPDX-License-Identifier: GPL-3.0-or-later
// Drives one built presence plugin through its C ABI for the presence integration tests
// (presence_uc, presence_teams, presence_unify_office, presence_skype, presence_circuit); the
// Python side is plugin_driver.py next to it, and the test scripts assert.
// Commands on stdin, one a line (the main thread is the engine thread):
//   create <settings JSON>          validate, create and start
//   sub|unsub ext|email|sip KEY...  portier.presence/1 subscribe / unsubscribe
//   quit                            stop, destroy, exit
// The secret NAME the plugin asks for is the environment variable PORTIER_SECRET_NAME.
// Everything the plugin says goes to stdout, one tab-separated line each:
//   event TYPE KEY AVAILABILITY ACTIVITY CONFIRMED_US ACTIVITY_TEXT NOTE
//   state STATE REASON | log LEVEL MESSAGE | done COMMAND STATUS MESSAGE
// The host clock is the real-time clock in microseconds, so the script can time each event.
#include <dlfcn.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <portier/kind/presence.h>
#include <portier/portier.h>

namespace {

std::mutex g_out;
std::thread::id g_engine;

void say(const std::string &line) {
   const std::lock_guard<std::mutex> lock(g_out);
   std::fwrite(line.data(), 1, line.size(), stdout);
   std::fputc('\n', stdout);
   std::fflush(stdout);
}

// Tabs and newlines would break the line format.
std::string flat(std::string text) {
   for (char &c : text) {
      if (c == '\t' || c == '\n' || c == '\r') c = ' ';
   }
   return text;
}

std::string view(portier_str s) { return s.data == nullptr ? std::string() : std::string(s.data, s.size); }

void PORTIER_ABI host_log(portier_host_ctx *, std::int32_t level, portier_str msg) {
   say("log\t" + std::to_string(level) + "\t" + flat(view(msg)));
}

std::int64_t PORTIER_ABI host_now(portier_host_ctx *) {
   return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
       .count();
}

portier_status PORTIER_ABI host_post(portier_host_ctx *, const portier_event_header *ev) {
   if (ev == nullptr || ev->space != PORTIER_SPACE_PRESENCE || ev->type != PORTIER_PRESENCE_EV_STATE ||
       ev->struct_size != sizeof(portier_presence_event)) {
      say("log\t4\tdriver: unexpected event record");
      return PORTIER_ERR_INVALID;
   }
   portier_presence_event p;
   std::memcpy(&p, ev, sizeof p);
   say("event\t" + std::to_string(p.key_type) + "\t" + flat(p.key) + "\t" + std::to_string(p.availability) + "\t" +
       std::to_string(p.activity) + "\t" + std::to_string(p.confirmed_us) + "\t" + flat(p.activity_text) + "\t" +
       flat(p.note));
   return PORTIER_OK;
}

portier_status PORTIER_ABI host_report(portier_host_ctx *, std::int32_t state, portier_str reason) {
   say("state\t" + std::to_string(state) + "\t" + flat(view(reason)));
   return PORTIER_OK;
}

bool PORTIER_ABI host_engine_thread(portier_host_ctx *) { return std::this_thread::get_id() == g_engine; }

portier_status PORTIER_ABI host_secret(portier_host_ctx *, const char *name, char *buf, std::size_t *size) {
   if (name == nullptr) return PORTIER_ERR_NOT_FOUND;
   const std::string variable = std::string("PORTIER_SECRET_") + name;
   const char *value = std::getenv(variable.c_str());
   if (value == nullptr) return PORTIER_ERR_NOT_FOUND;
   const std::size_t needed = std::strlen(value) + 1;
   if (*size < needed) {
      *size = needed;
      return PORTIER_ERR_TOO_SMALL;
   }
   std::memcpy(buf, value, needed);
   *size = needed;
   return PORTIER_OK;
}

}  // namespace

int main(int argc, char **argv) {
   if (argc != 2) {
      std::fprintf(stderr, "usage: %s PLUGIN.so\n", argv[0]);
      return 2;
   }
   g_engine = std::this_thread::get_id();
   void *library = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
   if (library == nullptr) {
      std::fprintf(stderr, "dlopen: %s\n", dlerror());
      return 1;
   }
   auto entry = reinterpret_cast<portier_plugin_entry_fn>(dlsym(library, PORTIER_ENTRY_SYMBOL));
   const portier_plugin *plugin = entry == nullptr ? nullptr : entry(PORTIER_ABI_MAJOR);
   if (plugin == nullptr) return 1;

   portier_host host{};
   host.struct_size = sizeof host;
   host.abi_major = PORTIER_ABI_MAJOR;
   host.abi_minor = PORTIER_ABI_MINOR;
   host.core_version = "1.0.0";
   host.log = &host_log;
   host.now_us = &host_now;
   host.post_event = &host_post;
   host.report_state = &host_report;
   host.is_engine_thread = &host_engine_thread;
   host.secret_get = &host_secret;

   portier_instance *inst = nullptr;
   const portier_presence_v1 *presence = nullptr;
   std::string line;
   while (std::getline(std::cin, line)) {
      portier_error err = PORTIER_ERROR_INIT;
      std::istringstream words(line);
      std::string command;
      words >> command;
      portier_status status = PORTIER_OK;
      if (command == "create" && inst == nullptr) {
         const std::string json = line.substr(7);
         const portier_str text{json.data(), json.size()};
         status = plugin->validate_config(text, &err);
         if (status == PORTIER_OK) status = plugin->create(&host, text, &inst, &err);
         if (status == PORTIER_OK) status = plugin->start(inst, &err);
         if (status == PORTIER_OK) {
            presence = static_cast<const portier_presence_v1 *>(plugin->get_interface(inst, PORTIER_IF_PRESENCE_1));
            if (presence == nullptr) status = PORTIER_ERR_UNSUPPORTED;
         }
      } else if ((command == "sub" || command == "unsub") && presence != nullptr) {
         std::string kind;
         words >> kind;
         const std::int32_t type = kind == "ext" ? PORTIER_PRESENCE_KEY_EXTENSION
                                   : kind == "email" ? PORTIER_PRESENCE_KEY_EMAIL
                                                     : PORTIER_PRESENCE_KEY_SIP_URI;
         std::vector<std::string> keys;
         for (std::string k; words >> k;) keys.push_back(k);
         std::vector<const char *> pointers;
         for (const std::string &k : keys) pointers.push_back(k.c_str());
         status = (command == "sub" ? presence->subscribe : presence->unsubscribe)(inst, type, pointers.data(),
                                                                                   pointers.size(), &err);
      } else if (command == "quit") {
         break;
      } else {
         status = PORTIER_ERR_INVALID;
      }
      say("done\t" + command + "\t" + std::to_string(status) + "\t" + flat(err.message));
   }
   if (inst != nullptr) {
      plugin->stop(inst);
      plugin->destroy(inst);
   }
   say("done\tquit\t0\t");
   dlclose(library);
   return 0;
}
