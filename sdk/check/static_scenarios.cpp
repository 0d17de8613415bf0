// SPDX-License-Identifier: MIT
// Scenarios that run no plugin code beyond the pure entry: the ELF file, the entry function's
// negotiation and purity, and the descriptor's load-time checks.
#include <dlfcn.h>

#include <cstring>

#include <portier/version.h>

#include "descriptor_checks.h"
#include "elf_checks.h"
#include "plugin_session.h"
#include "scenarios.h"

namespace portier::check {
namespace {

// A descriptor string for the report: at most 256 bytes, stopping at the NUL.
std::string bounded_copy(const char *s)
{
   std::string out;
   for (size_t i = 0; s != nullptr && i < 256 && s[i] != '\0'; ++i) {
      out += s[i];
   }
   return out;
}

bool has_mandatory_functions(const portier_plugin &d)
{
   return d.validate_config && d.create && d.start && d.stop && d.destroy && d.get_interface;
}

}  // namespace

void scenario_elf(ScenarioLog &log, const CheckOptions &opt)
{
   for (const auto &line : check_elf(opt.plugin_path)) {
      switch (line.result) {
      case Result::Pass: log.pass_as(line.name, line.detail); break;
      case Result::Fail: log.fail_as(line.name, line.detail); break;
      case Result::Warn: log.warn_as(line.name, line.detail); break;
      }
   }
}

void scenario_entry(ScenarioLog &log, const CheckOptions &opt)
{
   log.progress("during dlopen()");
   void *handle = ::dlopen(opt.plugin_path.c_str(), RTLD_NOW | RTLD_LOCAL);
   if (handle == nullptr) {
      const char *why = ::dlerror();
      log.fail_as("entry.dlopen", std::string("dlopen(RTLD_NOW | RTLD_LOCAL) failed: ") +
                                     (why ? why : "unknown error"));
      return;
   }
   auto entry = reinterpret_cast<portier_plugin_entry_fn>(::dlsym(handle, PORTIER_ENTRY_SYMBOL));
   if (entry == nullptr) {
      log.fail_as("entry.dlopen", "loaded, but portier_plugin_entry is not found");
      return;
   }
   log.pass_as("entry.dlopen");

   log.progress("during portier_plugin_entry(1)");
   const portier_plugin *first = entry(1);
   if (first == nullptr) {
      log.fail_as("entry.major_1", "portier_plugin_entry(1) returned NULL");
      return;
   }
   log.pass_as("entry.major_1");
   const size_t n = first->struct_size < sizeof(portier_plugin) ? first->struct_size : sizeof(portier_plugin);
   std::vector<unsigned char> before(n);
   std::memcpy(before.data(), first, n);

   log.progress("during portier_plugin_entry(0)");
   if (const portier_plugin *p = entry(0); p != nullptr) {
      log.fail_as("entry.major_0", "portier_plugin_entry(0) returned a descriptor; it must return NULL");
   } else {
      log.pass_as("entry.major_0");
   }
   log.progress("during portier_plugin_entry(2)");
   if (const portier_plugin *p = entry(2); p != nullptr) {
      log.fail_as("entry.major_2",
                  "portier_plugin_entry(2) returned a descriptor, but this binary implements major 1 "
                  "only; it must return NULL for a major it does not implement");
   } else {
      log.pass_as("entry.major_2");
   }
   log.progress("during portier_plugin_entry(1), second call");
   const portier_plugin *second = entry(1);
   if (second != first) {
      log.fail_as("entry.pure", "two calls of portier_plugin_entry(1) returned different pointers");
   } else if (std::memcmp(before.data(), second, n) != 0) {
      log.fail_as("entry.pure", "the descriptor's bytes changed between calls of portier_plugin_entry");
   } else {
      log.pass_as("entry.pure");
   }
}

void scenario_descriptor(ScenarioLog &log, const CheckOptions &opt)
{
   const auto plugin = load_plugin(log, opt.plugin_path);
   if (!plugin) {
      return;
   }
   const portier_plugin *raw = plugin->raw;
   const portier_plugin &d = plugin->d;
   DescriptorInfo info;
   info.known = true;
   info.struct_size = raw->struct_size;
   info.abi_major = d.abi_major;
   info.abi_minor = d.abi_minor;
   info.id = bounded_copy(d.id);
   info.kind = bounded_copy(d.kind);
   info.name = bounded_copy(d.name);
   info.version = bounded_copy(d.version);
   const bool usable = raw->struct_size >= kDescriptorSize_1_0 && d.abi_major == PORTIER_ABI_MAJOR &&
                       has_mandatory_functions(d);
   log.descriptor(info, usable);

   log.progress("during the descriptor checks");
   for (const auto &finding : check_descriptor(raw, opt.served)) {
      log.fail(finding);
   }
   log.finish();
}

}  // namespace portier::check
