/* SPDX-License-Identifier: MIT */
/* Planted fault: start() launches a thread that keeps calling report_state, and stop() does not
 * join it. The kit must report calls from a foreign thread after stop() returned. */
#include <pthread.h>
#include <time.h>

#include <portier/portier.h>

#include "test_plugin.h"

/* The thread gets the host table itself, not the instance, so it never touches freed memory;
 * what it does wrong is only that it outlives stop(). */
static void *stray_thread(void *arg)
{
   const portier_host *host = (const portier_host *)arg;
   const struct timespec pause = {0, 2 * 1000 * 1000};
   int i;
   for (i = 0; i < 5000; ++i) { /* at most about 10 s */
      (void)host->report_state(host->ctx, PORTIER_STATE_RUNNING, (portier_str){"", 0});
      nanosleep(&pause, NULL);
   }
   return NULL;
}

static portier_status PORTIER_ABI stray_start(portier_instance *inst, portier_error *err)
{
   pthread_t thread;
   if (pthread_create(&thread, NULL, stray_thread, (void *)inst->host) != 0) {
      return tp_fail(err, PORTIER_ERR_INTERNAL, "pthread_create failed");
   }
   pthread_detach(thread); /* the fault: stop() will not join it */
   return PORTIER_OK;
}

static const portier_plugin kDescriptor = {
   (uint32_t)sizeof(portier_plugin),
   (uint16_t)PORTIER_ABI_MAJOR,
   (uint16_t)PORTIER_ABI_MINOR,
   "test.fault-off-thread",
   PORTIER_KIND_SERVICE,
   "Planted fault: test.fault-off-thread",
   "1.0.0",
   "Portier",
   "",
   "",
   "MIT",
   "Leaves a thread running after stop.",
   NULL,
   NULL,
   tp_validate_config,
   tp_create,
   stray_start,
   tp_reconfigure,
   tp_stop,
   tp_destroy,
   tp_get_interface,
};

PORTIER_EXPORT const portier_plugin *PORTIER_ABI portier_plugin_entry(uint32_t abi_major)
{
   return abi_major == 1 ? &kDescriptor : NULL;
}
