/* SPDX-License-Identifier: MIT */
/* Planted fault: a null dereference in start(). The kit must report the crash and go on. */
#include <portier/portier.h>

#include "test_plugin.h"

static portier_status PORTIER_ABI crash_start(portier_instance *inst, portier_error *err)
{
   volatile int *volatile nowhere = NULL; /* volatile: the store stays, the pointer is opaque */
   (void)inst;
   (void)err;
   *nowhere = 42;
   return PORTIER_OK;
}

static const portier_plugin kDescriptor = {
   (uint32_t)sizeof(portier_plugin),
   (uint16_t)PORTIER_ABI_MAJOR,
   (uint16_t)PORTIER_ABI_MINOR,
   "test.fault-crash-in-start",
   PORTIER_KIND_SERVICE,
   "Planted fault: test.fault-crash-in-start",
   "1.0.0",
   "Portier",
   "",
   "",
   "MIT",
   "Crashes in start.",
   NULL,
   NULL,
   tp_validate_config,
   tp_create,
   crash_start,
   tp_reconfigure,
   tp_stop,
   tp_destroy,
   tp_get_interface,
};

PORTIER_EXPORT const portier_plugin *PORTIER_ABI portier_plugin_entry(uint32_t abi_major)
{
   return abi_major == 1 ? &kDescriptor : NULL;
}
