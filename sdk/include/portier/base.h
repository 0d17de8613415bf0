/* SPDX-License-Identifier: MIT */
/* Portier SDK: base types and macros shared by every header.
 *
 * Only fixed-width integers, double, bool, size_t, pointers to const data, opaque handles and
 * PORTIER_ABI function pointers cross the boundary. No enum-typed fields, bitfields, long,
 * time_t, wchar_t, va_list or third-party types. Time is int64_t microseconds of the host clock. */
#ifndef PORTIER_BASE_H
#define PORTIER_BASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* PORTIER_EXPORT marks the single symbol a plugin exports (portier_plugin_entry). */
#if defined(_WIN32)
#define PORTIER_EXPORT __declspec(dllexport)
#elif defined(__GNUC__)
#define PORTIER_EXPORT __attribute__((visibility("default")))
#else
#define PORTIER_EXPORT
#endif

/* PORTIER_ABI is the calling convention of every function that crosses the boundary. */
#if defined(_WIN32)
#define PORTIER_ABI __cdecl
#else
#define PORTIER_ABI
#endif

/* A UTF-8 string slice, not NUL-terminated. Borrowed: valid only for the duration of the call
 * it is passed to; the receiver copies what it keeps. `data` may be NULL when `size` is 0. */
typedef struct portier_str {
   const char *data;
   size_t size;
} portier_str;

/* Capacities of the fixed-size, NUL-terminated UTF-8 arrays inside event records. A sender
 * truncates at a character boundary and sets PORTIER_EVENT_TRUNCATED in the header flags. */
enum {
   PORTIER_ID_SIZE = 64,       /* plugin ids, device ids, call ids, correlation tokens */
   PORTIER_NUMBER_SIZE = 32,   /* phone numbers: E.164 with '+', or a dialled form */
   PORTIER_NAME_SIZE = 128,    /* display names, subjects, activity texts */
   PORTIER_ADDRESS_SIZE = 256, /* e-mail addresses, SIP URIs */
   PORTIER_ERROR_SIZE = 512    /* portier_error.message */
};

/* True if the struct behind `ptr`, whose first member is `uint32_t struct_size`, is large
 * enough to contain field `f`. Use before reading any field appended after 1.0. */
#define PORTIER_HAS(ptr, type, f) \
   ((ptr)->struct_size >= offsetof(type, f) + sizeof(((type *)0)->f))

/* Builds a portier_str from a string literal. */
#define PORTIER_STR_LIT(s) { (s), sizeof(s) - 1 }

#ifdef __cplusplus
}
#endif

#endif /* PORTIER_BASE_H */
