/* SPDX-License-Identifier: MIT */
/* Planted fault: the descriptor says ABI major 2, yet the entry answers for major 1. The core
 * must refuse it: "built for ABI major 2, this core speaks major 1". */
#include <portier/portier.h>

#include "test_plugin.h"

static const portier_plugin kDescriptor = {
   (uint32_t)sizeof(portier_plugin),
   (uint16_t)2,
   (uint16_t)PORTIER_ABI_MINOR,
   "test.fault-abi-major-2",
   PORTIER_KIND_SERVICE,
   "Planted fault: test.fault-abi-major-2",
   "1.0.0",
   "Portier",
   "",
   "",
   "MIT",
   "Claims ABI major 2.",
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
