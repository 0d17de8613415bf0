/* SPDX-License-Identifier: MIT */
/* Portier SDK, kind `directory`: a source that fills the phone book (CSV, LDAP, ...).
 *
 * An import runs in two steps so the engine never waits on I/O: begin_import() starts reading
 * the source on the plugin's thread and returns PORTIER_PENDING; PORTIER_DIRECTORY_EV_READY
 * reports it done with the correlation; read() then hands the records to a sink on the engine
 * thread, which replaces this source's part of the phone book with them. */
#ifndef PORTIER_KIND_DIRECTORY_H
#define PORTIER_KIND_DIRECTORY_H

#include "../base.h"
#include "../event.h"
#include "../plugin.h"
#include "../status.h"

#ifdef __cplusplus
extern "C" {
#endif

static const char PORTIER_IF_DIRECTORY_SOURCE_1[] = "portier.directory-source/1";

/* Phone number types of a record. */
enum {
   PORTIER_PHONE_OFFICE = 1,
   PORTIER_PHONE_MOBILE = 2,
   PORTIER_PHONE_HOME = 3,
   PORTIER_PHONE_FAX = 4,
   PORTIER_PHONE_OTHER = 5,
   PORTIER_PHONE_PRIVATE = 6        /* a private line the company pays for; after 1.0 */
};

/* Event types in PORTIER_SPACE_DIRECTORY. */
enum {
   PORTIER_DIRECTORY_EV_READY = 1   /* portier_directory_event */
};

typedef struct portier_directory_event {
   portier_event_header header;
   portier_status status;           /* PORTIER_OK or why the import failed */
   uint32_t records;                /* records ready to read */
   uint32_t rejected;               /* input records skipped as malformed (logged with position) */
   uint32_t reserved;               /* zero */
   char message[PORTIER_NAME_SIZE]; /* why it failed, or "" */
} portier_directory_event;

typedef struct portier_directory_phone {
   int32_t type;                    /* PORTIER_PHONE_* */
   uint32_t reserved;               /* zero */
   const char *number;              /* as the source has it; the engine normalises to E.164 */
} portier_directory_phone;

/* One contact, handed to the engine's sink; everything borrowed for the sink call. Strings are
 * UTF-8, "" when absent, never NULL. */
typedef struct portier_directory_record {
   uint32_t struct_size;
   uint32_t phone_count;
   const char *source_key;          /* stable key of the record within its source */
   const char *display_name;
   const char *first_name;
   const char *last_name;
   const char *company;
   const char *department;
   const char *location;
   const char *email;
   const char *sip_uri;
   const portier_directory_phone *phones;  /* phone_count entries */
   /* Appended after 1.0: a reader checks PORTIER_HAS(rec, portier_directory_record, emails). */
   const char *building;
   const char *cost_centre;
   const char *notes;
   const char *extension;           /* the PBX extension: key of busy lamps and UC presence */
   uint32_t email_count;            /* entries of `emails`; 0 when the source has only `email` */
   uint32_t reserved;               /* zero */
   const char *const *emails;       /* every address, `email` first; NULL when email_count is 0 */
} portier_directory_record;

/* One input record an import skipped, with where it was and why. Strings are UTF-8, borrowed for
 * the sink call, "" when unknown, never NULL. Added after 1.0. */
typedef struct portier_directory_reject {
   uint32_t struct_size;
   uint32_t line;                   /* 1-based line (CSV) or 1-based entry number (LDAP); 0 unknown */
   uint64_t offset;                 /* byte offset in the input, or the result page; 0 unknown */
   const char *source_key;          /* the record's key in its source when it could be read */
   const char *reason;              /* why it was skipped, for the administrator */
} portier_directory_reject;

/* Receives rejected records one at a time. Return false to stop. [engine] */
typedef bool (PORTIER_ABI *portier_directory_reject_sink)(void *user, const portier_directory_reject *rej);

/* Receives records one at a time. Return false to stop. [engine] */
typedef bool (PORTIER_ABI *portier_directory_sink)(void *user, const portier_directory_record *rec);

typedef struct portier_directory_source_v1 {
   uint32_t struct_size;

   /* Starts reading the source. Returns PORTIER_PENDING, or PORTIER_ERR_BUSY while an import
    * is running. [engine, started] */
   portier_status (PORTIER_ABI *begin_import)(portier_instance *inst, uint64_t correlation,
                                              portier_error *err);
   /* Hands the records of the finished import `correlation` to `sink`, then forgets them.
    * Errors: PORTIER_OK; PORTIER_ERR_NOT_FOUND for an unknown or already read correlation.
    * [engine, started] */
   portier_status (PORTIER_ABI *read)(portier_instance *inst, uint64_t correlation,
                                      portier_directory_sink sink, void *user, portier_error *err);

   /* Appended after 1.0 (check PORTIER_HAS(table, portier_directory_source_v1, read_rejects));
    * NULL when the source reports rejects only in its log. Hands the rejected records of the
    * finished import `correlation` to `sink`, in input order. Call it before read(), which
    * forgets the import. Errors: PORTIER_OK; PORTIER_ERR_NOT_FOUND for an unknown or already
    * read correlation. [engine, started] */
   portier_status (PORTIER_ABI *read_rejects)(portier_instance *inst, uint64_t correlation,
                                              portier_directory_reject_sink sink, void *user,
                                              portier_error *err);
} portier_directory_source_v1;

#ifdef __cplusplus
}
#endif

#endif /* PORTIER_KIND_DIRECTORY_H */
