/* SPDX-License-Identifier: MIT */
/* Shared parts of the planted-fault plugins: a well-behaved plugin that takes no settings.
 * Each fault plugin includes this, reuses what it does not break and plants one fault. */
#ifndef PORTIER_TEST_PLUGIN_H
#define PORTIER_TEST_PLUGIN_H

#include <stdlib.h>

#include <portier/portier.h>

static inline bool tp_is_space(char c)
{
   return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* These plugins take no settings, so the only valid configuration is an empty object. */
static inline bool tp_is_empty_object(portier_str s)
{
   size_t i = 0;
   if (s.data == NULL) {
      return false;
   }
   while (i < s.size && tp_is_space(s.data[i])) ++i;
   if (i == s.size || s.data[i] != '{') return false;
   ++i;
   while (i < s.size && tp_is_space(s.data[i])) ++i;
   if (i == s.size || s.data[i] != '}') return false;
   ++i;
   while (i < s.size && tp_is_space(s.data[i])) ++i;
   return i == s.size;
}

static inline portier_status tp_fail(portier_error *err, portier_status s, const char *message)
{
   if (err != NULL) {
      portier_copy_str(err->message, sizeof err->message, message);
   }
   return s;
}

static inline portier_status PORTIER_ABI tp_validate_config(portier_str config, portier_error *err)
{
   if (!tp_is_empty_object(config)) {
      return tp_fail(err, PORTIER_ERR_CONFIG, "settings: this plugin takes no settings; expected {}");
   }
   return PORTIER_OK;
}

struct portier_instance {
   const portier_host *host;
   const char *kept_config; /* fault_keeps_borrowed only */
};

static inline portier_status PORTIER_ABI tp_create(const portier_host *host, portier_str config,
                                                   portier_instance **out, portier_error *err)
{
   portier_instance *inst;
   if (tp_validate_config(config, err) != PORTIER_OK) {
      return PORTIER_ERR_CONFIG;
   }
   inst = (portier_instance *)calloc(1, sizeof *inst);
   if (inst == NULL) {
      return tp_fail(err, PORTIER_ERR_NO_MEMORY, "out of memory");
   }
   inst->host = host;
   *out = inst;
   return PORTIER_OK;
}

static inline portier_status PORTIER_ABI tp_start(portier_instance *inst, portier_error *err)
{
   (void)inst;
   (void)err;
   return PORTIER_OK;
}

static inline portier_status PORTIER_ABI tp_reconfigure(portier_instance *inst, portier_str config,
                                                        portier_error *err)
{
   (void)inst;
   return tp_validate_config(config, err);
}

static inline void PORTIER_ABI tp_stop(portier_instance *inst)
{
   (void)inst;
}

static inline void PORTIER_ABI tp_destroy(portier_instance *inst)
{
   free(inst);
}

static inline const void *PORTIER_ABI tp_get_interface(portier_instance *inst, const char *iid)
{
   (void)inst;
   (void)iid;
   return NULL;
}

#endif /* PORTIER_TEST_PLUGIN_H */
