/* SPDX-License-Identifier: MIT */
/* The clean reference plugin: a `service` that uses a timer, run_on_engine, post_event and
 * report_state by the rules. portier-plugin-check must pass it on every check. */
#include <stdlib.h>

#include <portier/portier.h>

#include "test_plugin.h"

typedef struct clean_state {
   uint64_t timer;
   bool timer_running;
   int ticks;
} clean_state;

/* The instance of test_plugin.h carries only the host; the clean plugin needs a little more,
 * kept beside it in one allocation. */
typedef struct clean_instance {
   portier_instance base; /* first, so the pointers convert */
   clean_state state;
} clean_instance;

static void PORTIER_ABI on_engine(void *user)
{
   clean_instance *c = (clean_instance *)user;
   const portier_host *h = c->base.host;
   portier_event_header ev = PORTIER_EVENT_HEADER_INIT(portier_event_header, PORTIER_SPACE_CORE, 0);
   ev.time_us = h->now_us(h->ctx);
   (void)h->post_event(h->ctx, &ev); /* a header-only record: an event carrying nothing */
   (void)h->report_state(h->ctx, PORTIER_STATE_RUNNING, (portier_str){"", 0});
}

static void PORTIER_ABI on_tick(void *user)
{
   clean_instance *c = (clean_instance *)user;
   const portier_host *h = c->base.host;
   if (c->state.ticks++ == 0) {
      (void)h->run_on_engine(h->ctx, on_engine, c);
   }
}

static portier_status PORTIER_ABI clean_create(const portier_host *host, portier_str config,
                                               portier_instance **out, portier_error *err)
{
   clean_instance *c;
   static const portier_str created = PORTIER_STR_LIT("check_clean: created");
   if (tp_validate_config(config, err) != PORTIER_OK) {
      return PORTIER_ERR_CONFIG;
   }
   c = (clean_instance *)calloc(1, sizeof *c);
   if (c == NULL) {
      return tp_fail(err, PORTIER_ERR_NO_MEMORY, "out of memory");
   }
   c->base.host = host;
   host->log(host->ctx, PORTIER_LOG_INFO, created);
   *out = &c->base;
   return PORTIER_OK;
}

static portier_status PORTIER_ABI clean_start(portier_instance *inst, portier_error *err)
{
   clean_instance *c = (clean_instance *)inst;
   const portier_host *h = c->base.host;
   const portier_status s = h->timer_start(h->ctx, 5000, 20000, on_tick, c, &c->state.timer);
   if (s != PORTIER_OK) {
      return tp_fail(err, PORTIER_ERR_UNAVAILABLE, "check_clean: the host refused a timer");
   }
   c->state.timer_running = true;
   return PORTIER_OK;
}

static void PORTIER_ABI clean_stop(portier_instance *inst)
{
   clean_instance *c = (clean_instance *)inst;
   const portier_host *h = c->base.host;
   if (c->state.timer_running) {
      h->timer_cancel(h->ctx, c->state.timer);
      c->state.timer_running = false;
   }
}

static void PORTIER_ABI clean_destroy(portier_instance *inst)
{
   free((clean_instance *)inst);
}

static const char *const kFeatures[] = {"timer", NULL};

static const portier_plugin kDescriptor = {
   PORTIER_PLUGIN_INIT,
   "test.check-clean",
   PORTIER_KIND_SERVICE,
   "Conformance kit reference plugin",
   "1.0.0",
   "Portier",
   "",
   "",
   "MIT",
   "Passes every check of portier-plugin-check.",
   kFeatures,
   NULL,
   tp_validate_config,
   clean_create,
   clean_start,
   tp_reconfigure,
   clean_stop,
   clean_destroy,
   tp_get_interface,
};

PORTIER_EXPORT const portier_plugin *PORTIER_ABI portier_plugin_entry(uint32_t abi_major)
{
   return abi_major == PORTIER_ABI_MAJOR ? &kDescriptor : NULL;
}
