/* SPDX-License-Identifier: MIT */
/* Portier SDK, kind `trunk`: the provider service, a SIP trunk endpoint and media server.
 *
 * The trunk answers the service numbers, keeps callers waiting with announcements and music,
 * places the second leg of every transfer and connects the two legs. The engine drives it through
 * "portier.trunk/1"; the trunk reports calls, media and channel use as events in
 * PORTIER_SPACE_TRUNK.
 *
 * Call ids: the trunk names the calls it receives; the engine names the legs it places
 * (place_call's `call_id`), unique among the trunk's live calls. Commands return PORTIER_PENDING
 * and complete with PORTIER_TRUNK_EV_RESULT carrying the correlation. Strings are NUL-terminated
 * and borrowed for the call; numbers are E.164 with '+'. */
#ifndef PORTIER_KIND_TRUNK_H
#define PORTIER_KIND_TRUNK_H

#include "../base.h"
#include "../event.h"
#include "../plugin.h"
#include "../status.h"

#ifdef __cplusplus
extern "C" {
#endif

static const char PORTIER_IF_TRUNK_1[] = "portier.trunk/1";

/* Event types in PORTIER_SPACE_TRUNK. */
enum {
   PORTIER_TRUNK_EV_RESULT = 1,     /* portier_trunk_result_event */
   PORTIER_TRUNK_EV_INCOMING = 2,   /* portier_trunk_incoming_event: a new call offered */
   PORTIER_TRUNK_EV_PROGRESS = 3,   /* portier_trunk_call_event: a placed leg rings (early media) */
   PORTIER_TRUNK_EV_ANSWERED = 4,   /* portier_trunk_call_event: a placed leg was answered */
   PORTIER_TRUNK_EV_ENDED = 5,      /* portier_trunk_call_event: a call ended or a leg failed */
   PORTIER_TRUNK_EV_MEDIA_DONE = 6, /* portier_trunk_call_event: a non-looping play finished */
   PORTIER_TRUNK_EV_DTMF = 7,       /* portier_trunk_call_event: `value` holds the digit */
   PORTIER_TRUNK_EV_HOLD = 8,       /* portier_trunk_call_event: the far end held (value 1) or resumed (0) */
   PORTIER_TRUNK_EV_CONNECTED = 9,  /* portier_trunk_call_event: call_id joined to other_call_id */
   PORTIER_TRUNK_EV_CHANNELS = 10,  /* portier_trunk_channels_event */
   PORTIER_TRUNK_EV_CHANNEL_SPLIT = 11 /* portier_trunk_channel_split_event (added after 1.0) */
};

/* play() flags. */
enum {
   PORTIER_TRUNK_PLAY_LOOP = 1u << 0,   /* repeat until stopped or replaced */
   PORTIER_TRUNK_PLAY_APPEND = 1u << 1  /* start after what is playing now (chain), not instead */
};

/* place_call() early-media handling. */
enum {
   PORTIER_TRUNK_EARLY_MEDIA_PASS = 0,     /* the caller hears the target's early media */
   PORTIER_TRUNK_EARLY_MEDIA_RINGBACK = 1  /* the caller hears the trunk's own ringback tone */
};

typedef struct portier_trunk_result_event {
   portier_event_header header;
   portier_status status;
   int32_t detail;                    /* SIP status code, or 0 */
   char call_id[PORTIER_ID_SIZE];
   char message[PORTIER_NAME_SIZE];
} portier_trunk_result_event;

typedef struct portier_trunk_incoming_event {
   portier_event_header header;
   uint32_t reserved;                          /* zero */
   int32_t diversion_reason;                   /* PORTIER_PBX_FORWARD_* style cause, or 0 */
   char call_id[PORTIER_ID_SIZE];
   char caller[PORTIER_NUMBER_SIZE];           /* E.164, or "" when withheld */
   char called[PORTIER_NUMBER_SIZE];           /* E.164: the pilot, personal line, callback ... */
   char diverted_from[PORTIER_NUMBER_SIZE];    /* the last diverting number, or "" */
   char original_called[PORTIER_NUMBER_SIZE];  /* the first number dialled before any diversion */
   char caller_name[PORTIER_NAME_SIZE];        /* display name, or "" */
} portier_trunk_incoming_event;

typedef struct portier_trunk_call_event {
   portier_event_header header;
   int32_t value;                       /* per type: SIP status for ENDED, digit for DTMF, ... */
   uint32_t reserved;                   /* zero */
   char call_id[PORTIER_ID_SIZE];
   char other_call_id[PORTIER_ID_SIZE]; /* CONNECTED: the other leg; else "" */
   char media_id[PORTIER_ID_SIZE];      /* MEDIA_DONE: what finished; else "" */
} portier_trunk_call_event;

typedef struct portier_trunk_channels_event {
   portier_event_header header;
   uint32_t in_use;      /* channels carrying a call now */
   uint32_t total;       /* channels the trunk is configured for */
} portier_trunk_channels_event;

/* CHANNEL_SPLIT (added after 1.0): the same channel use with the trunk's own split into processing
 * channels (incoming calls to service numbers) and operational ones (legs, request and loop
 * calls). A trunk that knows its split sends CHANNEL_SPLIT first and then CHANNELS, both on every
 * change: an older core ignores the unknown type and splits CHANNELS' total by its channel-ratio
 * setting, a newer one takes the trunk's split and ignores CHANNELS from then on. (A new type,
 * not members appended to portier_trunk_channels_event: event records never grow in 1.x.)
 * processing_in_use may exceed processing_total while the engine decides about a call offered
 * with every processing channel taken. */
typedef struct portier_trunk_channel_split_event {
   portier_event_header header;
   uint32_t in_use;             /* all channels carrying a call now */
   uint32_t total;              /* all channels the trunk is configured for */
   uint32_t processing_in_use;  /* calls to service numbers (pilots, personal lines, callback) */
   uint32_t processing_total;   /* the processing share of `total` */
} portier_trunk_channel_split_event;

/* Commands: see the file comment for ids, correlation and strings. Each returns PORTIER_PENDING
 * or fails at once: PORTIER_ERR_NOT_FOUND (unknown call or media id), PORTIER_ERR_STATE (the
 * call is not in a state for it), PORTIER_ERR_UNAVAILABLE (not registered), PORTIER_ERR_INVALID. */
typedef struct portier_trunk_v1 {
   uint32_t struct_size;

   /* Signals ringing to the caller of an incoming call. [engine, started] */
   portier_status (PORTIER_ABI *ring)(portier_instance *inst, const char *call_id,
                                      uint64_t correlation, portier_error *err);
   /* Answers an incoming call; media starts flowing. [engine, started] */
   portier_status (PORTIER_ABI *answer)(portier_instance *inst, const char *call_id,
                                        uint64_t correlation, portier_error *err);
   /* Refuses an unanswered incoming call with SIP status `sip_status` (4xx-6xx). [engine, started] */
   portier_status (PORTIER_ABI *reject)(portier_instance *inst, const char *call_id, int32_t sip_status,
                                        uint64_t correlation, portier_error *err);
   /* Ends a call in any state. Only this call: a call relayed to it stays up, no longer relayed,
    * so the engine can play to it or connect it again. [engine, started] */
   portier_status (PORTIER_ABI *hangup)(portier_instance *inst, const char *call_id,
                                        uint64_t correlation, portier_error *err);

   /* Plays the registered media `media_id` to the call; PORTIER_TRUNK_PLAY_* flags.
    * [engine, started] */
   portier_status (PORTIER_ABI *play)(portier_instance *inst, const char *call_id, const char *media_id,
                                      uint32_t flags, uint64_t correlation, portier_error *err);
   /* Stops all media to the call. [engine, started] */
   portier_status (PORTIER_ABI *stop_media)(portier_instance *inst, const char *call_id,
                                            uint64_t correlation, portier_error *err);
   /* Registers a WAV file under `media_id` (replacing an earlier one of that id). The file is
    * read on the plugin's thread; the result reports what could not be read.
    * [engine, started] */
   portier_status (PORTIER_ABI *load_media)(portier_instance *inst, const char *media_id, const char *path,
                                            uint64_t correlation, portier_error *err);

   /* Places a leg named `call_id` to `target` showing `caller`, charged to `charge_number`
    * (sent as X-Siemens-CDR; "" for none), with PORTIER_TRUNK_EARLY_MEDIA_* handling for the
    * call `for_call_id` waiting on it ("" for none). PROGRESS, ANSWERED or ENDED follow.
    * [engine, started] */
   portier_status (PORTIER_ABI *place_call)(portier_instance *inst, const char *call_id, const char *target,
                                            const char *caller, const char *charge_number,
                                            const char *for_call_id, int32_t early_media,
                                            uint64_t correlation, portier_error *err);
   /* Connects two answered calls. The trunk prefers handing the media off (REFER with Replaces)
    * and relays RTP itself otherwise; CONNECTED follows, and the calls then belong to the PBX or
    * to the trunk's relay until either side ends; when a far end leaves a relayed pair, the trunk
    * ends the other call too (ENDED for both). [engine, started] */
   portier_status (PORTIER_ABI *connect)(portier_instance *inst, const char *call_id,
                                         const char *other_call_id, uint64_t correlation,
                                         portier_error *err);

   /* Appended after 1.0: check PORTIER_HAS(table, portier_trunk_v1, redirect) first; an older
    * trunk has no redirect (the engine then rejects with 486 instead).
    * Refuses an unanswered incoming call with 302 Moved Temporarily whose Contact is `target`
    * (E.164) at the provider (the PBX the trunk is registered at), so the PBX routes the caller
    * there; the call ends (ENDED with 302). Errors as for reject, and PORTIER_ERR_INVALID for a
    * target that is not an E.164 number. [engine, started] */
   portier_status (PORTIER_ABI *redirect)(portier_instance *inst, const char *call_id, const char *target,
                                          uint64_t correlation, portier_error *err);
} portier_trunk_v1;

#ifdef __cplusplus
}
#endif

#endif /* PORTIER_KIND_TRUNK_H */
