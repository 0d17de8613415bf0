/* SPDX-License-Identifier: MIT */
/* Portier SDK, kind `pbx`: the PBX's CTI link.
 *
 * The engine drives a pbx plugin through the table "portier.pbx/1": monitoring devices (busy
 * lamps, attendant phones), call control on attendant devices, forwarding and do-not-disturb of
 * office users. Every command returns PORTIER_PENDING and completes with a
 * PORTIER_PBX_EV_RESULT event whose header carries the command's `correlation`; device and call
 * changes arrive as unsolicited events (correlation 0). Strings passed in are NUL-terminated,
 * borrowed for the call. Numbers are E.164 with '+' where the PBX gives them so.
 *
 * The optional table "portier.pbx.sync/1" offers the PBX's extension list. */
#ifndef PORTIER_KIND_PBX_H
#define PORTIER_KIND_PBX_H

#include "../base.h"
#include "../event.h"
#include "../plugin.h"
#include "../status.h"

#ifdef __cplusplus
extern "C" {
#endif

static const char PORTIER_IF_PBX_1[] = "portier.pbx/1";
static const char PORTIER_IF_PBX_SYNC_1[] = "portier.pbx.sync/1";

/* Device states (portier_pbx_device_event.state). */
enum {
   PORTIER_PBX_DEVICE_UNKNOWN = 0,
   PORTIER_PBX_DEVICE_IDLE = 1,
   PORTIER_PBX_DEVICE_RINGING = 2,
   PORTIER_PBX_DEVICE_BUSY = 3,
   PORTIER_PBX_DEVICE_HELD = 4,
   PORTIER_PBX_DEVICE_DND = 5,
   PORTIER_PBX_DEVICE_FORWARDED = 6,
   PORTIER_PBX_DEVICE_OUT_OF_SERVICE = 7
};

/* Forwarding types. */
enum {
   PORTIER_PBX_FORWARD_UNCONDITIONAL = 1, /* CFU */
   PORTIER_PBX_FORWARD_BUSY = 2,          /* CFB */
   PORTIER_PBX_FORWARD_NO_ANSWER = 3      /* CFNR */
};

/* Call event kinds (portier_pbx_call_event.call_event). */
enum {
   PORTIER_PBX_CALL_DELIVERED = 1,
   PORTIER_PBX_CALL_ESTABLISHED = 2,
   PORTIER_PBX_CALL_CLEARED = 3,
   PORTIER_PBX_CALL_DIVERTED = 4,
   PORTIER_PBX_CALL_TRANSFERRED = 5,
   PORTIER_PBX_CALL_HELD = 6,
   PORTIER_PBX_CALL_RETRIEVED = 7,
   PORTIER_PBX_CALL_ORIGINATED = 8,
   PORTIER_PBX_CALL_SERVICE_INITIATED = 9,
   PORTIER_PBX_CALL_FAILED = 10,
   PORTIER_PBX_CALL_CONFERENCED = 11
};

/* Event types in PORTIER_SPACE_PBX. */
enum {
   PORTIER_PBX_EV_RESULT = 1,        /* portier_pbx_result_event */
   PORTIER_PBX_EV_DEVICE = 2,        /* portier_pbx_device_event */
   PORTIER_PBX_EV_CALL = 3,          /* portier_pbx_call_event */
   PORTIER_PBX_EV_FEATURES = 4,      /* portier_pbx_features_event */
   PORTIER_PBX_EV_SYNC_READY = 5     /* portier_pbx_result_event: extension list fetched */
};

/* Completion of a command; header.correlation is the command's id. */
typedef struct portier_pbx_result_event {
   portier_event_header header;
   portier_status status;                /* PORTIER_OK or a failure */
   int32_t detail;                       /* the PBX's error value (CSTA error code), or 0 */
   char device[PORTIER_ID_SIZE];         /* the device the command was for */
   char call_id[PORTIER_ID_SIZE];        /* a call the command created (make call, consult), or "" */
   char message[PORTIER_NAME_SIZE];      /* why it failed, or "" */
} portier_pbx_result_event;

/* A monitored device's state changed, or a snapshot answered. */
typedef struct portier_pbx_device_event {
   portier_event_header header;
   int32_t state;                        /* PORTIER_PBX_DEVICE_* */
   uint32_t reserved;                    /* zero */
   char device[PORTIER_ID_SIZE];
   char forward_to[PORTIER_NUMBER_SIZE]; /* for FORWARDED: the destination, else "" */
} portier_pbx_device_event;

/* Something happened to a call at a monitored device. */
typedef struct portier_pbx_call_event {
   portier_event_header header;
   int32_t call_event;                   /* PORTIER_PBX_CALL_* */
   int32_t cause;                        /* the PBX's event cause, or 0 */
   char device[PORTIER_ID_SIZE];         /* the monitored device the event was reported for */
   char call_id[PORTIER_ID_SIZE];        /* the PBX's call id at that device */
   char secondary_call_id[PORTIER_ID_SIZE]; /* the other call of a transfer or conference, or "" */
   char calling[PORTIER_NUMBER_SIZE];    /* calling party */
   char called[PORTIER_NUMBER_SIZE];     /* called party as dialled */
   char connected[PORTIER_NUMBER_SIZE];  /* the party now connected (alerting, answering, new), or "" */
   char redirecting[PORTIER_NUMBER_SIZE];/* the device that diverted the call, or "" */
} portier_pbx_call_event;

/* Forwarding and do-not-disturb of a device, as set on the PBX. */
typedef struct portier_pbx_features_event {
   portier_event_header header;
   bool dnd;
   bool forward_unconditional;
   bool forward_busy;
   bool forward_no_answer;
   uint32_t reserved;                           /* zero */
   char device[PORTIER_ID_SIZE];
   char forward_unconditional_to[PORTIER_NUMBER_SIZE];
   char forward_busy_to[PORTIER_NUMBER_SIZE];
   char forward_no_answer_to[PORTIER_NUMBER_SIZE];
} portier_pbx_features_event;

/* Every command below: `inst` is the plugin instance; strings are borrowed for the call;
 * `correlation` is the engine's command id, never 0, echoed in the completing event.
 * Returns PORTIER_PENDING when accepted (the result follows as PORTIER_PBX_EV_RESULT, plus the
 * state events the PBX reports), or a failure at once with `err` filled:
 * PORTIER_ERR_UNAVAILABLE when the link is down, PORTIER_ERR_INVALID for a malformed argument,
 * PORTIER_ERR_UNSUPPORTED when this PBX model lacks the feature, PORTIER_ERR_BUSY when the
 * plugin's command queue is full. */
typedef struct portier_pbx_v1 {
   uint32_t struct_size;

   /* Starts monitoring `device`; its state arrives as PORTIER_PBX_EV_DEVICE events, and after a
    * reconnect the plugin re-establishes the monitor and reports a fresh state by itself.
    * [engine, started] */
   portier_status (PORTIER_ABI *monitor_start)(portier_instance *inst, const char *device,
                                               uint64_t correlation, portier_error *err);
   /* Stops monitoring `device`. [engine, started] */
   portier_status (PORTIER_ABI *monitor_stop)(portier_instance *inst, const char *device,
                                              uint64_t correlation, portier_error *err);
   /* Asks for the device's current state and calls (a DEVICE event, then CALL events).
    * [engine, started] */
   portier_status (PORTIER_ABI *snapshot)(portier_instance *inst, const char *device,
                                          uint64_t correlation, portier_error *err);

   /* Calls `number` from `device`; the new call id comes in the result. [engine, started] */
   portier_status (PORTIER_ABI *make_call)(portier_instance *inst, const char *device,
                                           const char *number, uint64_t correlation, portier_error *err);
   /* Answers the ringing call `call_id` at `device`. [engine, started] */
   portier_status (PORTIER_ABI *answer)(portier_instance *inst, const char *device, const char *call_id,
                                        uint64_t correlation, portier_error *err);
   /* Clears `device`'s connection to `call_id`. [engine, started] */
   portier_status (PORTIER_ABI *clear)(portier_instance *inst, const char *device, const char *call_id,
                                       uint64_t correlation, portier_error *err);
   /* Holds `call_id` at `device`. [engine, started] */
   portier_status (PORTIER_ABI *hold)(portier_instance *inst, const char *device, const char *call_id,
                                      uint64_t correlation, portier_error *err);
   /* Retrieves the held `call_id` at `device`. [engine, started] */
   portier_status (PORTIER_ABI *retrieve)(portier_instance *inst, const char *device, const char *call_id,
                                          uint64_t correlation, portier_error *err);
   /* Holds `held_call_id` and calls `number` from `device`; the new call id comes in the result.
    * [engine, started] */
   portier_status (PORTIER_ABI *consult)(portier_instance *inst, const char *device,
                                         const char *held_call_id, const char *number,
                                         uint64_t correlation, portier_error *err);
   /* Connects the held and the active call of `device` and drops `device` from both.
    * [engine, started] */
   portier_status (PORTIER_ABI *transfer)(portier_instance *inst, const char *device,
                                          const char *held_call_id, const char *active_call_id,
                                          uint64_t correlation, portier_error *err);
   /* Moves `call_id` from `device` to `number` without consultation. [engine, started] */
   portier_status (PORTIER_ABI *single_step_transfer)(portier_instance *inst, const char *device,
                                                      const char *call_id, const char *number,
                                                      uint64_t correlation, portier_error *err);
   /* Sends the call ringing at `device` on to `number`. [engine, started] */
   portier_status (PORTIER_ABI *deflect)(portier_instance *inst, const char *device, const char *call_id,
                                         const char *number, uint64_t correlation, portier_error *err);

   /* Switches forwarding of `type` (PORTIER_PBX_FORWARD_*) at `device` on to `number`, or off
    * when `on` is false (`number` may then be NULL). A PORTIER_PBX_EV_FEATURES event follows.
    * [engine, started] */
   portier_status (PORTIER_ABI *set_forwarding)(portier_instance *inst, const char *device, int32_t type,
                                                bool on, const char *number, uint64_t correlation,
                                                portier_error *err);
   /* Switches do-not-disturb at `device`. A PORTIER_PBX_EV_FEATURES event follows.
    * [engine, started] */
   portier_status (PORTIER_ABI *set_dnd)(portier_instance *inst, const char *device, bool on,
                                         uint64_t correlation, portier_error *err);
   /* Reads forwarding and do-not-disturb of `device`: a PORTIER_PBX_EV_FEATURES event with the
    * same correlation, then the result. [engine, started] */
   portier_status (PORTIER_ABI *get_features)(portier_instance *inst, const char *device,
                                              uint64_t correlation, portier_error *err);
} portier_pbx_v1;

/* One extension of the PBX, handed to the engine's sink. Strings are borrowed for the sink call. */
typedef struct portier_pbx_extension {
   uint32_t struct_size;
   uint32_t reserved;            /* zero */
   const char *number;           /* the extension as the PBX knows it; never NULL */
   const char *e164;             /* the full number, or "" */
   const char *display_name;     /* or "" */
   const char *first_name;       /* or "" */
   const char *last_name;        /* or "" */
   const char *department;       /* or "" */
   const char *email;            /* or "" */
} portier_pbx_extension;

/* Receives extensions one at a time. Return false to stop the iteration. [engine] */
typedef bool (PORTIER_ABI *portier_pbx_extension_sink)(void *user, const portier_pbx_extension *ext);

/* The PBX's extension list, fetched in two steps so the engine never waits on I/O: fetch()
 * starts the download on the plugin's thread and a PORTIER_PBX_EV_SYNC_READY event reports it
 * done (with the correlation); read() then hands the fetched list to the sink on the engine
 * thread. */
typedef struct portier_pbx_sync_v1 {
   uint32_t struct_size;

   /* Starts fetching the extension list. Returns PORTIER_PENDING, or a failure with `err`.
    * [engine, started] */
   portier_status (PORTIER_ABI *fetch)(portier_instance *inst, uint64_t correlation, portier_error *err);

   /* Hands the list of the completed fetch `correlation` to `sink`, then forgets it.
    * Errors: PORTIER_OK; PORTIER_ERR_NOT_FOUND for an unknown or already read correlation.
    * [engine, started] */
   portier_status (PORTIER_ABI *read)(portier_instance *inst, uint64_t correlation,
                                      portier_pbx_extension_sink sink, void *user, portier_error *err);
} portier_pbx_sync_v1;

#ifdef __cplusplus
}
#endif

#endif /* PORTIER_KIND_PBX_H */
