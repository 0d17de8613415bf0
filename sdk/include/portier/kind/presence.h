/* SPDX-License-Identifier: MIT */
/* Portier SDK, kind `presence`: whether people are available, from a UC or cloud backend.
 *
 * The engine subscribes keys (e-mail, extension or SIP URI) in bulk through
 * "portier.presence/1"; the plugin reports each key's presence as PORTIER_PRESENCE_EV_STATE
 * events, first when known and then on every change, with the time its source last confirmed
 * it, so a console can show how fresh the information is. */
#ifndef PORTIER_KIND_PRESENCE_H
#define PORTIER_KIND_PRESENCE_H

#include "../base.h"
#include "../event.h"
#include "../plugin.h"
#include "../status.h"

#ifdef __cplusplus
extern "C" {
#endif

static const char PORTIER_IF_PRESENCE_1[] = "portier.presence/1";

/* What a key names. */
enum {
   PORTIER_PRESENCE_KEY_EMAIL = 1,
   PORTIER_PRESENCE_KEY_EXTENSION = 2,
   PORTIER_PRESENCE_KEY_SIP_URI = 3
};

/* Availability. */
enum {
   PORTIER_AVAILABILITY_UNKNOWN = 0,
   PORTIER_AVAILABILITY_AVAILABLE = 1,
   PORTIER_AVAILABILITY_BUSY = 2,
   PORTIER_AVAILABILITY_AWAY = 3,
   PORTIER_AVAILABILITY_DND = 4,
   PORTIER_AVAILABILITY_OFFLINE = 5
};

/* Activity: what the person is doing, where the backend says. */
enum {
   PORTIER_ACTIVITY_NONE = 0,
   PORTIER_ACTIVITY_IN_A_CALL = 1,
   PORTIER_ACTIVITY_IN_A_MEETING = 2,
   PORTIER_ACTIVITY_PRESENTING = 3,
   PORTIER_ACTIVITY_OUT_OF_OFFICE = 4,
   PORTIER_ACTIVITY_AWAY = 5,
   PORTIER_ACTIVITY_BE_RIGHT_BACK = 6,
   PORTIER_ACTIVITY_OFF_WORK = 7,
   PORTIER_ACTIVITY_FOCUSING = 8,
   PORTIER_ACTIVITY_OTHER = 9         /* see activity_text */
};

/* Event types in PORTIER_SPACE_PRESENCE. */
enum {
   PORTIER_PRESENCE_EV_STATE = 1      /* portier_presence_event */
};

typedef struct portier_presence_event {
   portier_event_header header;
   int32_t key_type;                      /* PORTIER_PRESENCE_KEY_* */
   int32_t availability;                  /* PORTIER_AVAILABILITY_* */
   int32_t activity;                      /* PORTIER_ACTIVITY_* */
   uint32_t reserved;                     /* zero */
   int64_t confirmed_us;                  /* host clock when the source last confirmed this */
   char key[PORTIER_ADDRESS_SIZE];
   char activity_text[PORTIER_NAME_SIZE]; /* the backend's own words, or "" */
   char note[PORTIER_NAME_SIZE];          /* a status note the person set, or "" */
} portier_presence_event;

typedef struct portier_presence_v1 {
   uint32_t struct_size;

   /* Adds `count` keys of `key_type` to the subscription; keys already subscribed are kept. The
    * plugin batches them as its backend allows. `keys` and its strings are borrowed.
    * Errors: PORTIER_OK; PORTIER_ERR_INVALID for an unsupported key type (err names it);
    *         PORTIER_ERR_BUSY when the plugin's queue is full.
    * [engine, started] */
   portier_status (PORTIER_ABI *subscribe)(portier_instance *inst, int32_t key_type,
                                           const char *const *keys, size_t count, portier_error *err);
   /* Removes keys from the subscription; unknown keys are ignored. [engine, started] */
   portier_status (PORTIER_ABI *unsubscribe)(portier_instance *inst, int32_t key_type,
                                             const char *const *keys, size_t count, portier_error *err);
} portier_presence_v1;

#ifdef __cplusplus
}
#endif

#endif /* PORTIER_KIND_PRESENCE_H */
