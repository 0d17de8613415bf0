/* SPDX-License-Identifier: MIT */
/* Planted fault: keeps the borrowed config_json pointer from create() and reads it in start().
 * The kit must report "kept a borrowed pointer". */
#include <portier/portier.h>

#include "test_plugin.h"

static portier_status PORTIER_ABI keep_create(const portier_host *host, portier_str config,
                                              portier_instance **out, portier_error *err)
{
   const portier_status s = tp_create(host, config, out, err);
   if (s == PORTIER_OK) {
      (*out)->kept_config = config.data; /* the fault: a borrowed pointer kept past the call */
   }
   return s;
}

static portier_status PORTIER_ABI keep_start(portier_instance *inst, portier_error *err)
{
   volatile char first = inst->kept_config[0]; /* reads memory the host took back */
   (void)first;
   (void)err;
   return PORTIER_OK;
}

static const portier_plugin kDescriptor = {
   (uint32_t)sizeof(portier_plugin),
   (uint16_t)PORTIER_ABI_MAJOR,
   (uint16_t)PORTIER_ABI_MINOR,
   "test.fault-keeps-borrowed",
   PORTIER_KIND_SERVICE,
   "Planted fault: test.fault-keeps-borrowed",
   "1.0.0",
   "Portier",
   "",
   "",
   "MIT",
   "Keeps a borrowed pointer.",
   NULL,
   NULL,
   tp_validate_config,
   keep_create,
   keep_start,
   tp_reconfigure,
   tp_stop,
   tp_destroy,
   tp_get_interface,
};

PORTIER_EXPORT const portier_plugin *PORTIER_ABI portier_plugin_entry(uint32_t abi_major)
{
   return abi_major == 1 ? &kDescriptor : NULL;
}
