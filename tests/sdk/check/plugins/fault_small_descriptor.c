/* SPDX-License-Identifier: MIT */
/* Planted fault: struct_size is 48 bytes, smaller than any v1 descriptor. The core must refuse
 * it and read nothing past those 48 bytes. */
#include <portier/portier.h>

#include "test_plugin.h"

static const portier_plugin kDescriptor = {
   48u,
   (uint16_t)PORTIER_ABI_MAJOR,
   (uint16_t)PORTIER_ABI_MINOR,
   "test.fault-small-descriptor",
   PORTIER_KIND_SERVICE,
   "Planted fault: test.fault-small-descriptor",
   "1.0.0",
   "Portier",
   "",
   "",
   "MIT",
   "Declares a 48-byte descriptor.",
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
