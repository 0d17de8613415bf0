/* SPDX-License-Identifier: MIT */
/* Planted fault: exports a second symbol. Built without the version script and with default
 * visibility, so fault_extra_export lands in .dynsym beside portier_plugin_entry. */
#include <portier/portier.h>

#include "test_plugin.h"

int fault_extra_export(void);

int fault_extra_export(void)
{
   return 42;
}

static const portier_plugin kDescriptor = {
   (uint32_t)sizeof(portier_plugin),
   (uint16_t)PORTIER_ABI_MAJOR,
   (uint16_t)PORTIER_ABI_MINOR,
   "test.fault-exports-extra",
   PORTIER_KIND_SERVICE,
   "Planted fault: test.fault-exports-extra",
   "1.0.0",
   "Portier",
   "",
   "",
   "MIT",
   "Exports a second symbol.",
   NULL,
   NULL,
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
