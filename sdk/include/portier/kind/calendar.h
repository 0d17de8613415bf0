/* SPDX-License-Identifier: MIT */
/* Portier SDK, kind `calendar`: appointments and absence of people, by e-mail.
 *
 * Queries run in two steps so the engine never waits on a remote server: query() starts the
 * lookup and returns PORTIER_PENDING; PORTIER_CALENDAR_EV_READY reports it done with the
 * correlation; read() then hands the appointments to a sink on the engine thread. A plugin that
 * learns of changes on its own posts PORTIER_CALENDAR_EV_CHANGED for the mailbox. */
#ifndef PORTIER_KIND_CALENDAR_H
#define PORTIER_KIND_CALENDAR_H

#include "../base.h"
#include "../event.h"
#include "../plugin.h"
#include "../status.h"

#ifdef __cplusplus
extern "C" {
#endif

static const char PORTIER_IF_CALENDAR_1[] = "portier.calendar/1";

/* How an appointment shows the person. */
enum {
   PORTIER_SHOW_AS_UNKNOWN = 0,
   PORTIER_SHOW_AS_FREE = 1,
   PORTIER_SHOW_AS_TENTATIVE = 2,
   PORTIER_SHOW_AS_BUSY = 3,
   PORTIER_SHOW_AS_OUT_OF_OFFICE = 4,
   PORTIER_SHOW_AS_WORKING_ELSEWHERE = 5
};

/* Event types in PORTIER_SPACE_CALENDAR. */
enum {
   PORTIER_CALENDAR_EV_READY = 1,   /* portier_calendar_event: a query finished (status set) */
   PORTIER_CALENDAR_EV_CHANGED = 2  /* portier_calendar_event: the mailbox changed; query again */
};

typedef struct portier_calendar_event {
   portier_event_header header;
   portier_status status;           /* READY: PORTIER_OK or why the query failed */
   int32_t detail;                  /* HTTP status or 0 */
   char email[PORTIER_ADDRESS_SIZE];
   char message[PORTIER_NAME_SIZE]; /* why it failed, or "" */
} portier_calendar_event;

/* One appointment, handed to the engine's sink; strings borrowed for the sink call. */
typedef struct portier_appointment {
   uint32_t struct_size;
   int32_t show_as;           /* PORTIER_SHOW_AS_* */
   int64_t start_us;          /* Unix time, microseconds, UTC */
   int64_t end_us;            /* Unix time, microseconds, UTC; > start_us */
   bool all_day;
   bool is_private;           /* the subject is hidden: `subject` is "" */
   uint16_t reserved;         /* zero */
   uint32_t reserved2;        /* zero */
   const char *email;         /* the mailbox; never NULL */
   const char *subject;       /* or "" */
   const char *location;      /* or "" */
} portier_appointment;

/* Receives appointments one at a time. Return false to stop. [engine] */
typedef bool (PORTIER_ABI *portier_appointment_sink)(void *user, const portier_appointment *a);

typedef struct portier_calendar_v1 {
   uint32_t struct_size;

   /* Starts reading `email`'s appointments overlapping [from_us, to_us) (Unix microseconds).
    * Returns PORTIER_PENDING, or PORTIER_ERR_INVALID (bad range or address), PORTIER_ERR_BUSY.
    * [engine, started] */
   portier_status (PORTIER_ABI *query)(portier_instance *inst, const char *email, int64_t from_us,
                                       int64_t to_us, uint64_t correlation, portier_error *err);
   /* Hands the appointments of the finished query `correlation` to `sink`, then forgets them.
    * Errors: PORTIER_OK; PORTIER_ERR_NOT_FOUND for an unknown or already read correlation.
    * [engine, started] */
   portier_status (PORTIER_ABI *read)(portier_instance *inst, uint64_t correlation,
                                      portier_appointment_sink sink, void *user, portier_error *err);
   /* Asks for CHANGED events for these mailboxes (replacing the previous set); a plugin without
    * change notifications returns PORTIER_ERR_UNSUPPORTED and the engine polls.
    * [engine, started] */
   portier_status (PORTIER_ABI *watch)(portier_instance *inst, const char *const *emails, size_t count,
                                       portier_error *err);
} portier_calendar_v1;

#ifdef __cplusplus
}
#endif

#endif /* PORTIER_KIND_CALENDAR_H */
