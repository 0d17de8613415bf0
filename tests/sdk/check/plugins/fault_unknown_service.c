/* SPDX-License-Identifier: MIT */
/* Planted fault: requires the host service "portier.host.nope/1", which no core serves. The core
 * must refuse it, naming the id. */
#include <portier/portier.h>

#include "test_plugin.h"

static const char *const kRequired[] = {"portier.host.nope/1", NULL};

static const portier_plugin kDescriptor = {
   (uint32_t)sizeof(portier_plugin),
   (uint16_t)PORTIER_ABI_MAJOR,
   (uint16_t)PORTIER_ABI_MINOR,
   "test.fault-unknown-service",
   PORTIER_KIND_SERVICE,
   "Planted fault: test.fault-unknown-service",
   "1.0.0",
   "Portier",
   "",
   "",
   "MIT",
   "Requires a service no core serves.",
   NULL,
   kRequired,
   tp_validate_config,
   tp_create,
   tp_start,
   tp_reconfigure,
   tp_stop,
   tp_destroy,
   tp_get_interface,
};

PORTIER_EXPORT const portier_plugin *PORTIER_ABI portier_plugin_entry(uint32_t abi_major)
{
   return abi_major == 1 ? &kDescriptor : NULL;
}
