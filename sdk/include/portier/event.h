/* SPDX-License-Identifier: MIT */
/* Portier SDK: the common header of hot-path event records.
 *
 * Events from pbx, trunk, presence and calendar plugins are flat records: a portier_event_header
 * followed by fixed-size fields, with strings inline in NUL-terminated arrays and no pointers.
 * The host copies exactly `struct_size` bytes, so a record can be queued, logged, replayed in
 * tests and shipped across a process boundary without knowing its type. Events flow from plugins
 * to the engine only; the engine drives plugins through their interface tables. */
#ifndef PORTIER_EVENT_H
#define PORTIER_EVENT_H

#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Event spaces: one per kind header. Each space numbers its own types from 1. */
enum {
   PORTIER_SPACE_CORE = 0,
   PORTIER_SPACE_PBX = 1,
   PORTIER_SPACE_TRUNK = 2,
   PORTIER_SPACE_PRESENCE = 3,
   PORTIER_SPACE_CALENDAR = 4,
   PORTIER_SPACE_DIRECTORY = 5
};

/* Header flags. */
enum {
   PORTIER_EVENT_TRUNCATED = 1u << 0 /* a string field was cut to fit its array */
};

/* The largest record the host accepts from post_event; larger records get PORTIER_ERR_INVALID. */
enum { PORTIER_EVENT_MAX_SIZE = 4096 };

typedef struct portier_event_header {
   uint32_t struct_size;    /* the whole record, header included; the host copies exactly this */
   uint16_t space;          /* PORTIER_SPACE_* */
   uint16_t type;           /* per space; a receiver ignores types it does not know */
   uint32_t flags;          /* PORTIER_EVENT_* */
   uint32_t reserved;       /* zero */
   int64_t time_us;         /* host clock (portier_host.now_us) when the plugin observed it */
   uint64_t correlation;    /* the command id this answers, or 0 for unsolicited events */
} portier_event_header;

/* Fills a header at the start of a record of type T: PORTIER_EVENT_HEADER_INIT(T, space, type). */
#define PORTIER_EVENT_HEADER_INIT(T, sp, ty) \
   { (uint32_t)sizeof(T), (uint16_t)(sp), (uint16_t)(ty), 0u, 0u, 0, 0u }

/* Copies the NUL-terminated `src` into the array `dst` of `cap` bytes, cutting at a UTF-8
 * character boundary if needed. Returns true if the whole string fit. `src` may be NULL (stored
 * as ""). Senders OR PORTIER_EVENT_TRUNCATED into the header flags when this returns false.
 * [any] */
static inline bool portier_copy_str(char *dst, size_t cap, const char *src)
{
   size_t n = 0;
   if (cap == 0) {
      return src == NULL || src[0] == '\0';
   }
   if (src == NULL) {
      dst[0] = '\0';
      return true;
   }
   while (src[n] != '\0' && n + 1 < cap) {
      ++n;
   }
   if (src[n] == '\0') {
      size_t i;
      for (i = 0; i < n; ++i) {
         dst[i] = src[i];
      }
      dst[n] = '\0';
      return true;
   }
   /* cut: step back over UTF-8 continuation bytes so no character is split */
   while (n > 0 && (((unsigned char)src[n]) & 0xC0u) == 0x80u) {
      --n;
   }
   {
      size_t i;
      for (i = 0; i < n; ++i) {
         dst[i] = src[i];
      }
   }
   dst[n] = '\0';
   return false;
}

#ifdef __cplusplus
}
#endif

#endif /* PORTIER_EVENT_H */
