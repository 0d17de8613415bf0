/* SPDX-License-Identifier: MIT */
/* Portier SDK, kind `client`: front ends for attendants and administrators.
 *
 * The client boundary is JSON text (UTF-8, every message an object with a "type"). The engine
 * delivers answers and events through "portier.client/1"; the client submits commands through
 * the host service "portier.host.client/1" from its own threads. Transport failures (malformed
 * JSON, full queue) are statuses; application failures ("extension busy") travel as answers with
 * an error payload. */
#ifndef PORTIER_KIND_CLIENT_H
#define PORTIER_KIND_CLIENT_H

#include "../base.h"
#include "../host.h"
#include "../plugin.h"
#include "../status.h"

#ifdef __cplusplus
extern "C" {
#endif

static const char PORTIER_IF_CLIENT_1[] = "portier.client/1";
static const char PORTIER_HOST_CLIENT_1[] = "portier.host.client/1";

typedef struct portier_client_v1 {
   uint32_t struct_size;

   /* Delivers one JSON message: the answer to `request_id`, or an event (request_id 0). `json`
    * is borrowed for the call; the plugin copies what it sends on. Must return quickly.
    * [engine, started] */
   void (PORTIER_ABI *deliver)(portier_instance *inst, uint64_t request_id, portier_str json);
} portier_client_v1;

/* Served by the host under PORTIER_HOST_CLIENT_1 (get_service). */
typedef struct portier_host_client_v1 {
   uint32_t struct_size;

   /* Queues the JSON command `json` (borrowed) for the engine. The answer arrives through
    * deliver() with the same `request_id` (the plugin's own, never 0).
    * Errors: PORTIER_PENDING; PORTIER_ERR_INVALID (not a JSON object with "type", err says
    *         where); PORTIER_ERR_BUSY (queue full); PORTIER_ERR_STATE (before start, after stop).
    * [any] */
   portier_status (PORTIER_ABI *submit)(portier_host_ctx *ctx, uint64_t request_id, portier_str json,
                                        portier_error *err);
} portier_host_client_v1;

#ifdef __cplusplus
}
#endif

#endif /* PORTIER_KIND_CLIENT_H */
