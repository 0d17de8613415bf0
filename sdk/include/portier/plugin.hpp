// SPDX-License-Identifier: MIT
// Portier C++ wrapper: a plugin class becomes a portier_plugin descriptor. Header-only, C++17;
// not part of the ABI.
//
//   class Hello : public portier::Plugin<Hello> {
//   public:
//      static portier::Result<void> validate(std::string_view json);    // optional
//      Hello(portier::Host host, std::string_view json);                 // or a static create()
//      portier::Result<void> start();                                    // optional
//      portier::Result<void> reconfigure(std::string_view json);         // optional
//      void stop();                                                      // optional
//      const void *get_interface(std::string_view iid);                  // optional
//   };
//   PORTIER_PLUGIN(Hello, "hello", PORTIER_KIND_SERVICE, "Hello example", "1.0.0")
//
// The members must be public. The trampolines are noexcept: a failed Result is copied into the
// caller's portier_error; a portier::Exception keeps its status; std::bad_alloc becomes
// PORTIER_ERR_NO_MEMORY; any other exception becomes PORTIER_ERR_INTERNAL with the message
// "exception in <function>: <what()>".
#ifndef PORTIER_PLUGIN_HPP
#define PORTIER_PLUGIN_HPP

#include <cstddef>
#include <cstdint>
#include <exception>
#include <initializer_list>
#include <memory>
#include <new>
#include <string_view>
#include <type_traits>
#include <utility>

#include "host.hpp"
#include "plugin.h"
#include "result.hpp"
#include "settings.hpp"
#include "text.hpp"
#include "version.h"

namespace portier {

// The descriptor's metadata (plugin.h's portier_plugin). All strings are static data (string
// literals); features and required_services are NULL-terminated static arrays or nullptr.
// Declare it constexpr; C++20 code can use designated initializers.
struct PluginInfo {
   const char *id = "";
   const char *kind = "";
   const char *name = "";
   const char *version = "";
   const char *vendor = "";
   const char *url = "";
   const char *support_url = "";
   const char *license = "";
   const char *description = "";
   const char *const *features = nullptr;
   const char *const *required_services = nullptr;
};

namespace detail {

// Appends the pieces to err->message (NUL-terminated, cut at a UTF-8 boundary) without
// allocating, so it is safe inside a catch handler. Does nothing when err is NULL or too small.
inline void write_error(portier_error *err, std::int32_t detail,
                        std::initializer_list<std::string_view> pieces) noexcept {
   // PORTIER_HAS(err, portier_error, message), spelled without its C cast for -Wold-style-cast
   if (err == nullptr || err->struct_size < offsetof(portier_error, message) + sizeof err->message) return;
   err->detail = detail;
   std::size_t used = 0;
   err->message[0] = '\0';
   for (std::string_view piece : pieces) {
      if (!copy(err->message + used, sizeof err->message - used, piece)) return;
      used += piece.size();
   }
}

template <class D, class = void>
struct has_validate : std::false_type {};
template <class D>
struct has_validate<D, std::void_t<decltype(D::validate(std::string_view()))>> : std::true_type {};

template <class D, class = void>
struct has_static_create : std::false_type {};
template <class D>
struct has_static_create<D, std::void_t<decltype(D::create(Host(), std::string_view()))>>
    : std::true_type {};

template <class D, class = void>
struct has_start : std::false_type {};
template <class D>
struct has_start<D, std::void_t<decltype(std::declval<D &>().start())>> : std::true_type {};

template <class D, class = void>
struct has_reconfigure : std::false_type {};
template <class D>
struct has_reconfigure<D, std::void_t<decltype(std::declval<D &>().reconfigure(std::string_view()))>>
    : std::true_type {};

template <class D, class = void>
struct has_stop : std::false_type {};
template <class D>
struct has_stop<D, std::void_t<decltype(std::declval<D &>().stop())>> : std::true_type {};

template <class D, class = void>
struct has_get_interface : std::false_type {};
template <class D>
struct has_get_interface<D, std::void_t<decltype(std::declval<D &>().get_interface(std::string_view()))>>
    : std::true_type {};

// Calls f() (returning Result<void> or void) and turns its outcome into a status, filling err.
template <class F>
portier_status guard(std::string_view what, portier_error *err, F &&f) noexcept {
   try {
      Result<void> r = [&]() -> Result<void> {
         if constexpr (std::is_void_v<decltype(f())>) {
            f();
            return ok();
         } else {
            return f();
         }
      }();
      if (r.ok()) return PORTIER_OK;
      const portier_status s = r.status() < 0 ? r.status() : PORTIER_ERR_INTERNAL;
      write_error(err, r.detail(),
                  {r.message().empty() ? std::string_view(portier_status_name(s)) : r.message()});
      return s;
   } catch (const Exception &e) {
      const portier_status s = e.error().status < 0 ? e.error().status : PORTIER_ERR_INTERNAL;
      write_error(err, e.error().detail, {e.error().message});
      return s;
   } catch (const std::bad_alloc &) {
      write_error(err, 0, {"out of memory in ", what});
      return PORTIER_ERR_NO_MEMORY;
   } catch (const std::exception &e) {
      write_error(err, 0, {"exception in ", what, ": ", e.what()});
      return PORTIER_ERR_INTERNAL;
   } catch (...) {
      write_error(err, 0, {"exception in ", what, ": unknown exception"});
      return PORTIER_ERR_INTERNAL;
   }
}

}  // namespace detail

// CRTP base of a plugin class: owns nothing but the Host it was created with, and provides the
// noexcept PORTIER_ABI trampolines the descriptor points at. No virtual functions.
template <class Derived>
class Plugin {
public:
   // The host of this instance; empty inside Derived's constructor (use its Host argument there).
   // [any]
   const Host &host() const noexcept { return host_; }

   // The descriptor for `info` with this class's trampolines; constexpr, so a namespace-scope
   // constexpr descriptor is constant-initialized (nothing runs at load time).
   static constexpr portier_plugin descriptor(const PluginInfo &info) noexcept {
      return portier_plugin{static_cast<std::uint32_t>(sizeof(portier_plugin)),
                            static_cast<std::uint16_t>(PORTIER_ABI_MAJOR),
                            static_cast<std::uint16_t>(PORTIER_ABI_MINOR),
                            info.id,
                            info.kind,
                            info.name,
                            info.version,
                            info.vendor,
                            info.url,
                            info.support_url,
                            info.license,
                            info.description,
                            info.features,
                            info.required_services,
                            &abi_validate_config,
                            &abi_create,
                            &abi_start,
                            &abi_reconfigure,
                            &abi_stop,
                            &abi_destroy,
                            &abi_get_interface};
   }

   // --- The trampolines (plugin.h's function pointers). Public for tests. ---

   // Derived::validate(json); absent: accepts only an empty settings object. A failure becomes
   // PORTIER_ERR_CONFIG (exceptions stay PORTIER_ERR_INTERNAL). [any]
   static portier_status PORTIER_ABI abi_validate_config(portier_str json, portier_error *err) noexcept {
      const portier_status s = detail::guard("validate_config", err, [&]() -> Result<void> {
         if constexpr (detail::has_validate<Derived>::value) {
            return Derived::validate(to_view(json));
         } else {
            Settings settings(to_view(json));
            return settings.finish();
         }
      });
      return s == PORTIER_ERR_INTERNAL || s == PORTIER_ERR_NO_MEMORY || portier_status_ok(s)
                 ? s
                 : PORTIER_ERR_CONFIG;
   }

   // Derived::create(host, json) -> Result<std::unique_ptr<Derived>> if declared, else
   // new Derived(host, json). [engine]
   static portier_status PORTIER_ABI abi_create(const portier_host *host, portier_str json,
                                                portier_instance **out, portier_error *err) noexcept {
      static_assert(std::is_base_of_v<Plugin<Derived>, Derived>,
                    "Derived must derive publicly from portier::Plugin<Derived>");
      if (out == nullptr) {
         detail::write_error(err, 0, {"create: out is NULL"});
         return PORTIER_ERR_INVALID;
      }
      Derived *made = nullptr;
      const portier_status s = detail::guard("create", err, [&]() -> Result<void> {
         std::unique_ptr<Derived> p;
         if constexpr (detail::has_static_create<Derived>::value) {
            auto r = Derived::create(Host(host), to_view(json));
            if (!r.ok()) return r.error();
            p = std::move(r).value();
            if (!p) return portier::error(PORTIER_ERR_INTERNAL, "create returned no instance");
         } else {
            p = std::make_unique<Derived>(Host(host), to_view(json));
         }
         static_cast<Plugin &>(*p).host_ = Host(host);
         made = p.release();
         return ok();
      });
      if (s == PORTIER_OK) *out = reinterpret_cast<portier_instance *>(made);
      return s;
   }

   // Derived::start() (Result<void> or void); absent: OK. [engine, created]
   static portier_status PORTIER_ABI abi_start(portier_instance *inst, portier_error *err) noexcept {
      if (inst == nullptr) return null_instance("start", err);
      return detail::guard("start", err, [&]() -> Result<void> {
         if constexpr (detail::has_start<Derived>::value) {
            return call(self(inst), [](Derived &d) { return d.start(); });
         } else {
            return ok();
         }
      });
   }

   // Derived::reconfigure(json) (Result<void> or void); absent: PORTIER_ERR_UNSUPPORTED, which
   // tells the host to restart the instance with the new settings. [engine, started]
   static portier_status PORTIER_ABI abi_reconfigure(portier_instance *inst, portier_str json,
                                                     portier_error *err) noexcept {
      if (inst == nullptr) return null_instance("reconfigure", err);
      return detail::guard("reconfigure", err, [&]() -> Result<void> {
         if constexpr (detail::has_reconfigure<Derived>::value) {
            const std::string_view text = to_view(json);
            return call(self(inst), [text](Derived &d) { return d.reconfigure(text); });
         } else {
            return portier::error(PORTIER_ERR_UNSUPPORTED, "reconfigure: not supported; restart");
         }
      });
   }

   // Derived::stop(); an exception is logged, since stop cannot fail. [engine, started]
   static void PORTIER_ABI abi_stop(portier_instance *inst) noexcept {
      if constexpr (detail::has_stop<Derived>::value) {
         if (inst == nullptr) return;
         Derived &d = self(inst);
         auto fn = [&d] { d.stop(); };
         d.host_.call_guarded("stop", fn);
      } else {
         (void)inst;
      }
   }

   // Deletes the instance; an exception from its destructor is logged. [engine, created]
   static void PORTIER_ABI abi_destroy(portier_instance *inst) noexcept {
      if (inst == nullptr) return;
      Derived *d = &self(inst);
      const Host host = d->host_;
      auto fn = [d] { delete d; };
      host.call_guarded("destroy", fn);
   }

   // Derived::get_interface(iid); absent: NULL. An exception is logged and gives NULL. [any]
   static const void *PORTIER_ABI abi_get_interface(portier_instance *inst, const char *iid) noexcept {
      if constexpr (detail::has_get_interface<Derived>::value) {
         if (inst == nullptr || iid == nullptr) return nullptr;
         Derived &d = self(inst);
         const void *table = nullptr;
         auto fn = [&] { table = d.get_interface(std::string_view(iid)); };
         return d.host_.call_guarded("get_interface", fn) ? table : nullptr;
      } else {
         (void)inst;
         (void)iid;
         return nullptr;
      }
   }

private:
   static Derived &self(portier_instance *inst) noexcept { return *reinterpret_cast<Derived *>(inst); }

   template <class F>
   static Result<void> call(Derived &d, F f) {
      if constexpr (std::is_void_v<decltype(f(d))>) {
         f(d);
         return ok();
      } else {
         return f(d);
      }
   }

   static portier_status null_instance(std::string_view what, portier_error *err) noexcept {
      detail::write_error(err, 0, {what, ": instance is NULL"});
      return PORTIER_ERR_INVALID;
   }

   Host host_;
};

}  // namespace portier

// Defines the plugin's descriptor and its one exported symbol, portier_plugin_entry, which
// returns the descriptor for ABI major 1 and NULL for any other. Use once per plugin, at global
// scope, after the class, without a trailing semicolon. The descriptor is constexpr: nothing runs at load time.
//   PORTIER_PLUGIN_EX(Hello, portier::PluginInfo{"hello", PORTIER_KIND_SERVICE, "Hello", "1.0.0",
//                                                 "", "", "", "MIT", "Says hello."})
#define PORTIER_PLUGIN_EX(Derived, ...)                                                          \
   namespace {                                                                                  \
   constexpr ::portier::PluginInfo portier_plugin_info_ = __VA_ARGS__;                          \
   constexpr ::portier_plugin portier_plugin_descriptor_ =                                      \
       ::portier::Plugin<Derived>::descriptor(portier_plugin_info_);                            \
   }                                                                                            \
   extern "C" PORTIER_EXPORT const ::portier_plugin *PORTIER_ABI portier_plugin_entry(          \
       std::uint32_t abi_major) {                                                               \
      return abi_major == PORTIER_ABI_MAJOR ? &portier_plugin_descriptor_ : nullptr;            \
   }

// The short form: id, kind (PORTIER_KIND_*), human name and the plugin's version.
#define PORTIER_PLUGIN(Derived, id, kind, name, version) \
   PORTIER_PLUGIN_EX(Derived, ::portier::PluginInfo{id, kind, name, version, "", "", "", "", "", nullptr, nullptr})

#endif  // PORTIER_PLUGIN_HPP
