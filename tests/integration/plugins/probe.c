/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A test plugin that makes the kernel's behaviour observable. Its settings are a flat JSON object
 * read with strstr (the kernel tests control them exactly):
 *   "trace": "<file>"        appends "start <id>" / "stop <id>" lines to the file
 *   "tick_ms": N             a periodic timer that posts one core event per tick
 *   "fail_start": true       start() fails with "refused to start on request"
 *   "limited_at_ms": N       reports LIMITED "link down" N ms after start, RUNNING N ms later
 *   "flood": N               posts N events inside start() and traces how many were refused
 *   "batch": N               posts N events of types 100, 101, ... inside start() as one unit
 *                            through portier.host.events/1, then a unit of two whose second
 *                            record is malformed; traces "batch <status> <status>"
 *   "restart": true          reconfigure() asks for a restart (PORTIER_ERR_UNSUPPORTED)
 *   "reject": true           validate_config() refuses with "settings.reject: refused on request"
 *   "submit": "<type>"       (client kind) 1 ms after start, submits {"type":"<type>"} through
 *                            portier.host.client/1 ("garbage" submits text that is no JSON);
 *                            deliver() traces "deliver <request id> <json>"
 *   "secret": "<name>"       start() reads that secret (first into a 4-byte buffer) and traces
 *                            "secret <status of the short read> <needed size> <value>"
 * Built several times with different PROBE_ID / PROBE_KIND; PROBE_SINGLE_INSTANCE makes it declare
 * the single-instance feature. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <portier/portier.h>

#ifndef PROBE_ID
#define PROBE_ID "probe"
#endif
#ifndef PROBE_KIND
#define PROBE_KIND "service"
#endif

struct portier_instance {
   const portier_host *host;
   char trace[512];
   char secret[64];
   char submit[64];
   uint64_t submit_timer;
   long tick_ms;
   long limited_at_ms;
   long flood;
   long batch;
   int fail_start;
   uint64_t tick_timer;
   uint64_t limit_timer;
   int limit_phase;
};

static long number_setting(const char *json, size_t size, const char *key, long fallback)
{
   char needle[64];
   char buf[4096];
   const char *at;
   if (size >= sizeof buf) return fallback;
   memcpy(buf, json, size);
   buf[size] = '\0';
   snprintf(needle, sizeof needle, "\"%s\":", key);
   at = strstr(buf, needle);
   return at == NULL ? fallback : strtol(at + strlen(needle), NULL, 10);
}

static int flag_setting(const char *json, size_t size, const char *key)
{
   char needle[64];
   char buf[4096];
   if (size >= sizeof buf) return 0;
   memcpy(buf, json, size);
   buf[size] = '\0';
   snprintf(needle, sizeof needle, "\"%s\":true", key);
   return strstr(buf, needle) != NULL;
}

static void string_setting(const char *json, size_t size, const char *key, char *out, size_t cap)
{
   char needle[64];
   char buf[4096];
   const char *at;
   size_t n = 0;
   out[0] = '\0';
   if (size >= sizeof buf) return;
   memcpy(buf, json, size);
   buf[size] = '\0';
   snprintf(needle, sizeof needle, "\"%s\":\"", key);
   at = strstr(buf, needle);
   if (at == NULL) return;
   at += strlen(needle);
   while (at[n] != '\0' && at[n] != '"' && n + 1 < cap) {
      out[n] = at[n];
      ++n;
   }
   out[n] = '\0';
}

static void trace(struct portier_instance *p, const char *what)
{
   FILE *f;
   if (p->trace[0] == '\0') return;
   f = fopen(p->trace, "a");
   if (f == NULL) return;
   fprintf(f, "%s %s\n", what, PROBE_ID);
   fclose(f);
}

static void say(struct portier_instance *p, int32_t level, const char *text)
{
   portier_str s;
   s.data = text;
   s.size = strlen(text);
   p->host->log(p->host->ctx, level, s);
}

static void PORTIER_ABI on_tick(void *user)
{
   struct portier_instance *p = (struct portier_instance *)user;
   portier_event_header ev = PORTIER_EVENT_HEADER_INIT(portier_event_header, PORTIER_SPACE_CORE, 1);
   ev.time_us = p->host->now_us(p->host->ctx);
   p->host->post_event(p->host->ctx, &ev);
}

static void post_batches(struct portier_instance *p)
{
   enum { kMax = 300 };
   portier_event_header records[kMax];
   const portier_event_header *pointers[kMax];
   const portier_host_events_v1 *events =
      (const portier_host_events_v1 *)p->host->get_service(p->host->ctx, PORTIER_HOST_EVENTS_1);
   long i, n = p->batch < kMax ? p->batch : kMax;
   portier_status whole, broken;
   char line[96];
   if (events == NULL) {
      trace(p, "batch unserved");
      return;
   }
   for (i = 0; i < n; ++i) {
      portier_event_header ev = PORTIER_EVENT_HEADER_INIT(portier_event_header, PORTIER_SPACE_CORE, (uint16_t)(100 + i));
      records[i] = ev;
      pointers[i] = &records[i];
   }
   whole = events->post_events(p->host->ctx, pointers, (uint32_t)n);
   records[1].reserved = 1; /* malformed: nothing of this unit may be queued */
   broken = events->post_events(p->host->ctx, pointers, 2);
   snprintf(line, sizeof line, "batch %s %s", portier_status_name(whole), portier_status_name(broken));
   trace(p, line);
}

static void PORTIER_ABI on_limit(void *user)
{
   struct portier_instance *p = (struct portier_instance *)user;
   portier_str reason;
   if (p->limit_phase == 0) {
      reason.data = "link down";
      reason.size = 9;
      p->host->report_state(p->host->ctx, PORTIER_STATE_LIMITED, reason);
      p->limit_phase = 1;
   } else {
      reason.data = "";
      reason.size = 0;
      p->host->report_state(p->host->ctx, PORTIER_STATE_RUNNING, reason);
      p->host->timer_cancel(p->host->ctx, p->limit_timer);
      p->limit_timer = 0;
   }
}

static void PORTIER_ABI on_submit(void *user)
{
   struct portier_instance *p = (struct portier_instance *)user;
   const portier_host_client_v1 *client =
      (const portier_host_client_v1 *)p->host->get_service(p->host->ctx, PORTIER_HOST_CLIENT_1);
   char json[128];
   char line[160];
   portier_error err = PORTIER_ERROR_INIT;
   portier_str text;
   portier_status st;
   if (client == NULL) {
      trace(p, "no client service");
      return;
   }
   if (strcmp(p->submit, "garbage") == 0) {
      snprintf(json, sizeof json, "not json");
   } else {
      snprintf(json, sizeof json, "{\"type\":\"%s\"}", p->submit);
   }
   text.data = json;
   text.size = strlen(json);
   st = client->submit(p->host->ctx, 7, text, &err);
   snprintf(line, sizeof line, "submit %s", portier_status_name(st));
   trace(p, line);
}

static void PORTIER_ABI probe_deliver(portier_instance *p, uint64_t request_id, portier_str json)
{
   char line[4096];
   snprintf(line, sizeof line, "deliver %llu %.*s", (unsigned long long)request_id, (int)json.size, json.data);
   trace(p, line);
}

static const portier_client_v1 kClientTable = { sizeof(portier_client_v1), probe_deliver };

static portier_status PORTIER_ABI probe_validate(portier_str config, portier_error *err)
{
   if (config.size == 0 || config.data[0] != '{') {
      if (err != NULL) portier_copy_str(err->message, sizeof err->message, "settings: expected a JSON object");
      return PORTIER_ERR_CONFIG;
   }
   if (flag_setting(config.data, config.size, "reject")) {
      if (err != NULL) portier_copy_str(err->message, sizeof err->message, "settings.reject: refused on request");
      return PORTIER_ERR_CONFIG;
   }
   return PORTIER_OK;
}

static portier_status PORTIER_ABI probe_create(const portier_host *host, portier_str config,
                                               portier_instance **out, portier_error *err)
{
   struct portier_instance *p = (struct portier_instance *)calloc(1, sizeof *p);
   (void)err;
   if (p == NULL) return PORTIER_ERR_NO_MEMORY;
   p->host = host;
   string_setting(config.data, config.size, "trace", p->trace, sizeof p->trace);
   string_setting(config.data, config.size, "secret", p->secret, sizeof p->secret);
   string_setting(config.data, config.size, "submit", p->submit, sizeof p->submit);
   p->tick_ms = number_setting(config.data, config.size, "tick_ms", 0);
   p->limited_at_ms = number_setting(config.data, config.size, "limited_at_ms", 0);
   p->flood = number_setting(config.data, config.size, "flood", 0);
   p->batch = number_setting(config.data, config.size, "batch", 0);
   p->fail_start = flag_setting(config.data, config.size, "fail_start");
   *out = p;
   return PORTIER_OK;
}

static portier_status PORTIER_ABI probe_start(portier_instance *p, portier_error *err)
{
   trace(p, "start");
   if (p->fail_start) {
      if (err != NULL) portier_copy_str(err->message, sizeof err->message, "refused to start on request");
      return PORTIER_ERR_UNAVAILABLE;
   }
   if (p->secret[0] != '\0') {
      char small[4];
      char value[256];
      char line[400];
      size_t size = sizeof small;
      const portier_status short_read = p->host->secret_get(p->host->ctx, p->secret, small, &size);
      size_t needed = size;
      size = sizeof value;
      if (p->host->secret_get(p->host->ctx, p->secret, value, &size) != PORTIER_OK) {
         strcpy(value, "<none>");
      }
      snprintf(line, sizeof line, "secret %s %zu %s", portier_status_name(short_read), needed, value);
      trace(p, line);
   }
   if (p->submit[0] != '\0') {
      p->host->timer_start(p->host->ctx, 1000, 0, on_submit, p, &p->submit_timer);
   }
   if (p->tick_ms > 0) {
      p->host->timer_start(p->host->ctx, p->tick_ms * 1000, p->tick_ms * 1000, on_tick, p, &p->tick_timer);
   }
   if (p->limited_at_ms > 0) {
      p->host->timer_start(p->host->ctx, p->limited_at_ms * 1000, p->limited_at_ms * 1000, on_limit, p,
                           &p->limit_timer);
   }
   if (p->flood > 0) {
      long i, refused = 0;
      char line[64];
      for (i = 0; i < p->flood; ++i) {
         portier_event_header ev = PORTIER_EVENT_HEADER_INIT(portier_event_header, PORTIER_SPACE_CORE, 2);
         if (p->host->post_event(p->host->ctx, &ev) == PORTIER_ERR_BUSY) ++refused;
      }
      snprintf(line, sizeof line, "refused %ld", refused);
      trace(p, line);
   }
   if (p->batch > 0) post_batches(p);
   say(p, PORTIER_LOG_INFO, "probe started");
   return PORTIER_OK;
}

static portier_status PORTIER_ABI probe_reconfigure(portier_instance *p, portier_str config, portier_error *err)
{
   (void)err;
   if (flag_setting(config.data, config.size, "restart")) {
      return PORTIER_ERR_UNSUPPORTED;
   }
   string_setting(config.data, config.size, "trace", p->trace, sizeof p->trace);
   trace(p, "reconfigure");
   return PORTIER_OK;
}

static void PORTIER_ABI probe_stop(portier_instance *p)
{
   trace(p, "stop");
}

static void PORTIER_ABI probe_destroy(portier_instance *p)
{
   free(p);
}

static const void *PORTIER_ABI probe_get_interface(portier_instance *p, const char *iid)
{
   (void)p;
   if (strcmp(PROBE_KIND, PORTIER_KIND_CLIENT) == 0 && iid != NULL && strcmp(iid, PORTIER_IF_CLIENT_1) == 0) {
      return &kClientTable;
   }
   return NULL;
}

#ifdef PROBE_SINGLE_INSTANCE
static const char *const kFeatures[] = {PORTIER_FEATURE_SINGLE_INSTANCE, NULL};
#define PROBE_FEATURES kFeatures
#else
#define PROBE_FEATURES NULL
#endif

static const portier_plugin kDescriptor = {
   PORTIER_PLUGIN_INIT,
   PROBE_ID,
   PROBE_KIND,
   "Kernel test probe",
   "1.0.0",
   "Portier tests",
   "",
   "",
   "GPL-3.0-or-later",
   "Makes the kernel's behaviour observable to its tests.",
   PROBE_FEATURES,
   NULL,
   probe_validate,
   probe_create,
   probe_start,
   probe_reconfigure,
   probe_stop,
   probe_destroy,
   probe_get_interface,
};

PORTIER_EXPORT const portier_plugin *PORTIER_ABI portier_plugin_entry(uint32_t abi_major)
{
   return abi_major == PORTIER_ABI_MAJOR ? &kDescriptor : NULL;
}
