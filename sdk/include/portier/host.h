/* SPDX-License-Identifier: MIT */
/* Portier SDK: the services the host hands to each plugin instance.
 *
 * The table reaches the plugin through create() and stays valid until destroy() returns. Every
 * function is [any] (callable from any thread, concurrently) unless its comment says otherwise.
 * Functions appended after 1.0 are checked with PORTIER_HAS(host, portier_host, fn) before use. */
#ifndef PORTIER_HOST_H
#define PORTIER_HOST_H

#include "base.h"
#include "event.h"
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The host's per-instance context; opaque to the plugin, passed back on every call. */
typedef struct portier_host_ctx portier_host_ctx;

/* Log levels. PLUGIN_MISBEHAVING is what the host logs when a plugin breaks the contract;
 * HOST_MISBEHAVING is what a plugin logs when the host does. */
enum {
   PORTIER_LOG_DEBUG = 0,
   PORTIER_LOG_INFO = 1,
   PORTIER_LOG_WARNING = 2,
   PORTIER_LOG_ERROR = 3,
   PORTIER_LOG_HOST_MISBEHAVING = 4,
   PORTIER_LOG_PLUGIN_MISBEHAVING = 5
};

/* States a plugin reports about itself with report_state. The host adds FAILED (a load check,
 * create or start failed) and shows all of them in `portier status`. */
enum {
   PORTIER_STATE_RUNNING = 0,  /* working normally */
   PORTIER_STATE_LIMITED = 1,  /* working, degraded: a node lost, rate-limited, unregistered */
   PORTIER_STATE_STOPPED = 2,  /* not working: link down; the plugin is trying to recover */
   PORTIER_STATE_FAILED = 3    /* host only: refused or crashed; the plugin cannot report it */
};

/* A callback the host runs on the engine thread. `user` is the plugin's, passed back as is. */
typedef void (PORTIER_ABI *portier_engine_fn)(void *user);

typedef struct portier_host {
   uint32_t struct_size;        /* sizeof(portier_host) as the host was built */
   uint16_t abi_major;          /* PORTIER_ABI_MAJOR of the host */
   uint16_t abi_minor;          /* PORTIER_ABI_MINOR of the host */
   portier_host_ctx *ctx;       /* pass back as the first argument of every function below */
   const char *core_version;    /* the core's release, "1.0.0"; static */

   /* Writes one log line attributed to this plugin. `msg` is borrowed; no trailing newline
    * needed. Never fails; callable even after stop() (but not after destroy()).
    * [any] */
   void (PORTIER_ABI *log)(portier_host_ctx *ctx, int32_t level, portier_str msg);

   /* The host clock in microseconds. Monotonic; simulated in tests, so plugins read time only
    * here and never from the system.
    * [any] */
   int64_t (PORTIER_ABI *now_us)(portier_host_ctx *ctx);

   /* Copies the record `ev` (ev->struct_size bytes, at most PORTIER_EVENT_MAX_SIZE) and queues it
    * for the engine. `ev` is borrowed for the call.
    * Errors: PORTIER_OK; PORTIER_ERR_BUSY when the bounded engine queue is full (drop or retry
    *         later); PORTIER_ERR_INVALID for a malformed header; PORTIER_ERR_STATE after stop().
    * [any] */
   portier_status (PORTIER_ABI *post_event)(portier_host_ctx *ctx, const portier_event_header *ev);

   /* Reports the plugin's own state (RUNNING, LIMITED or STOPPED) with a reason shown in
    * `portier status`. `reason` is borrowed; "" when running.
    * Errors: PORTIER_OK; PORTIER_ERR_INVALID for FAILED or an unknown state.
    * [any] */
   portier_status (PORTIER_ABI *report_state)(portier_host_ctx *ctx, int32_t state, portier_str reason);

   /* Asks the host to call fn(user) once on the engine thread, after this call returned (never
    * synchronously, even from the engine thread). Calls are run in the order they were asked.
    * Errors: PORTIER_OK; PORTIER_ERR_BUSY when the engine queue is full; PORTIER_ERR_STATE after
    *         stop() (callbacks still queued at stop() are discarded, not run).
    * [any] */
   portier_status (PORTIER_ABI *run_on_engine)(portier_host_ctx *ctx, portier_engine_fn fn, void *user);

   /* Starts a timer on the host clock: fn(user) runs on the engine thread after `delay_us`, then
    * every `period_us` if that is > 0. Writes the timer's id (never 0) to *id.
    * Errors: PORTIER_OK; PORTIER_ERR_INVALID for a negative delay or period, or NULL fn or id;
    *         PORTIER_ERR_BUSY when the instance already holds as many live timers as the host
    *         allows (4096 in this core); PORTIER_ERR_STATE after stop().
    * [any] */
   portier_status (PORTIER_ABI *timer_start)(portier_host_ctx *ctx, int64_t delay_us, int64_t period_us,
                                             portier_engine_fn fn, void *user, uint64_t *id);

   /* Cancels a timer. After it returns on the engine thread the callback will not run again;
    * from another thread a run already under way may still finish. Unknown ids are ignored.
    * [any] */
   void (PORTIER_ABI *timer_cancel)(portier_host_ctx *ctx, uint64_t id);

   /* Copies the secret `name` (from the configuration's secret references) into `buf`, NUL-
    * terminated. *size is the capacity on entry and the needed size, NUL included, on return.
    * Errors: PORTIER_OK; PORTIER_ERR_TOO_SMALL (buf untouched, *size set); PORTIER_ERR_NOT_FOUND.
    * [any] */
   portier_status (PORTIER_ABI *secret_get)(portier_host_ctx *ctx, const char *name, char *buf,
                                            size_t *size);

   /* True when called on the engine thread. For assertions in debug builds.
    * [any] */
   bool (PORTIER_ABI *is_engine_thread)(portier_host_ctx *ctx);

   /* Returns the table of optional host service `sid` ("portier.host.client/1"), or NULL if this
    * core does not serve it. Owned by the host, valid until destroy() returns.
    * [any] */
   const void *(PORTIER_ABI *get_service)(portier_host_ctx *ctx, const char *sid);
} portier_host;

static const char PORTIER_HOST_EVENTS_1[] = "portier.host.events/1";

/* The most records one post_events() call takes. */
#define PORTIER_EVENT_BATCH_MAX 4096u

/* Served by the host under PORTIER_HOST_EVENTS_1 (get_service): many event records posted as one
 * unit. A plugin whose I/O thread turns one network read into many records posts them together,
 * so the engine thread wakes once per read instead of once per record. */
typedef struct portier_host_events_v1 {
   uint32_t struct_size;

   /* Copies the `count` records `records[0..count)` (each borrowed for the call, checked as
    * post_event checks one; time_us 0 is set to now_us()) and queues them for the engine as one
    * unit, delivered in this order before anything posted later. All or nothing: on an error no
    * record is queued.
    * Errors: PORTIER_OK (also for count 0); PORTIER_ERR_INVALID (NULL records, count above
    *         PORTIER_EVENT_BATCH_MAX, or a malformed record; the log names its index);
    *         PORTIER_ERR_BUSY (engine queue full); PORTIER_ERR_STATE (before start, after stop).
    * [any] */
   portier_status (PORTIER_ABI *post_events)(portier_host_ctx *ctx, const portier_event_header *const *records,
                                             uint32_t count);
} portier_host_events_v1;

#ifdef __cplusplus
}
#endif

#endif /* PORTIER_HOST_H */
