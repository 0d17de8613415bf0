// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/plugin_library.h"

#include <map>
#include <mutex>
#include <system_error>

#include <dlfcn.h>

#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>

#include <portier/kind/client.h>

#include "descriptor_checks.h"

namespace portier::kernel {
namespace fs = std::filesystem;

namespace {

// Libraries are never unloaded while the process runs: a plugin's code may still be referenced
// by a thread-local destructor, an atexit handler or a descriptor pointer (sdk-abi.md 3.13).
std::mutex g_libraries_mutex;
std::map<fs::path, boost::dll::shared_library> &mapped_libraries()
{
   static auto *libraries = new std::map<fs::path, boost::dll::shared_library>();
   return *libraries;
}

std::string join_paths(const std::vector<fs::path> &paths)
{
   std::string out;
   for (const auto &p : paths) {
      if (!out.empty()) out += ", ";
      out += p.string();
   }
   return out;
}

}  // namespace

const std::vector<std::string> &served_host_services()
{
   static const std::vector<std::string> services{PORTIER_HOST_CLIENT_1, PORTIER_HOST_EVENTS_1};
   return services;
}

fs::path default_plugin_dir()
{
   std::error_code ec;
   const fs::path exe = boost::dll::program_location(ec);
   if (ec) {
      return fs::path("/usr/local/lib/portier/plugins");
   }
   return (exe.parent_path() / ".." / "lib" / "portier" / "plugins").lexically_normal();
}

std::variant<fs::path, std::string> resolve_plugin_file(const std::string &file,
                                                        const fs::path &base_dir,
                                                        const std::vector<fs::path> &search_path)
{
   std::error_code ec;
   if (file.find('/') != std::string::npos) {
      fs::path p = fs::path(file).is_absolute() ? fs::path(file) : base_dir / file;
      p = p.lexically_normal();
      if (fs::is_regular_file(p, ec)) {
         return p;
      }
      return "file '" + p.string() + "' not found";
   }
   std::vector<fs::path> dirs = search_path;
   dirs.push_back(default_plugin_dir());
   for (const auto &dir : dirs) {
      for (const std::string &name : {file, file + ".so"}) {
         const fs::path p = (dir / name).lexically_normal();
         if (fs::is_regular_file(p, ec)) {
            return p;
         }
      }
   }
   return "file '" + file + "' not found (searched: " + join_paths(dirs) + ")";
}

std::variant<PluginLibrary, std::string> load_plugin_library(const fs::path &path,
                                                             const std::string &expected_id)
{
   const portier_plugin *(*entry)(std::uint32_t) = nullptr;
   {
      std::lock_guard lock(g_libraries_mutex);
      auto &libraries = mapped_libraries();
      auto it = libraries.find(path);
      if (it == libraries.end()) {
         boost::dll::shared_library lib;
         std::error_code ec;
         lib.load(path, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local, ec);
         if (ec) {
            const char *why = dlerror();
            return "cannot load '" + path.string() + "': " + (why != nullptr ? why : ec.message());
         }
         it = libraries.emplace(path, std::move(lib)).first;
      }
      if (!it->second.has(PORTIER_ENTRY_SYMBOL)) {
         return "'" + path.string() + "' exports no " PORTIER_ENTRY_SYMBOL "; not a Portier plugin";
      }
      entry = &it->second.get<const portier_plugin *(std::uint32_t)>(PORTIER_ENTRY_SYMBOL);
   }

   const portier_plugin *raw = entry(PORTIER_ABI_MAJOR);
   if (raw == nullptr) {
      // The entry is pure by contract, so asking about other majors is harmless and tells why.
      for (std::uint32_t major = PORTIER_ABI_MAJOR + 1; major <= PORTIER_ABI_MAJOR + 8; ++major) {
         if (entry(major) != nullptr) {
            return "built for ABI major " + std::to_string(major) + ", this core speaks major " +
                   std::to_string(PORTIER_ABI_MAJOR);
         }
      }
      return "the library implements no ABI major this core speaks (" +
             std::to_string(PORTIER_ABI_MAJOR) + ")";
   }
   const std::vector<std::string> problems = check::check_descriptor(raw, served_host_services());
   if (!problems.empty()) {
      std::string reason;
      for (const auto &p : problems) {
         if (!reason.empty()) reason += "; ";
         reason += p;
      }
      return reason;
   }
   PluginLibrary lib;
   lib.path = path;
   lib.raw = raw;
   lib.descriptor = check::copy_descriptor(raw);
   if (expected_id != lib.descriptor.id) {
      return std::string("the library declares id '") + lib.descriptor.id +
             "', but the configuration names it '" + expected_id + "'";
   }
   return lib;
}

}  // namespace portier::kernel
