// SPDX-License-Identifier: MIT
// Portier SDK: the header-only C++17 wrapper over the C ABI. Include this one header.
//
// The wrapper is compiled into each plugin, so it is NOT part of the ABI: it may change between
// SDK releases while it speaks only the C ABI of portier.h. It never throws across the boundary.
//
//   result.hpp    portier::Result<T>, Error, error(), ok(), throw_on_error, Exception
//   text.hpp      string_view <-> portier_str, copy() into fixed arrays, view()
//   event.hpp     make_event<T>(space, type), set_text(), is_event_record_v
//   host.hpp      portier::Host (the services table), portier::Timer (RAII host timer)
//   json.hpp      portier::json::parse: a strict, bounded JSON reader with no dependencies
//   settings.hpp  portier::Settings: typed, range-checked settings with precise messages
//   plugin.hpp    portier::Plugin<Derived> (CRTP trampolines), PluginInfo, PORTIER_PLUGIN(_EX)
//
// Thread tags follow the C headers: [any] callable from any thread, [engine] only on the engine
// thread. Ownership: everything the wrapper hands out is a value or borrowed from the host.
#ifndef PORTIER_PORTIER_HPP
#define PORTIER_PORTIER_HPP

#include "portier.h"

#include "result.hpp"
#include "text.hpp"
#include "event.hpp"
#include "host.hpp"
#include "json.hpp"
#include "did_you_mean.hpp"
#include "settings.hpp"
#include "plugin.hpp"

#endif  // PORTIER_PORTIER_HPP
