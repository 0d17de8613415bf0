/* SPDX-License-Identifier: MIT */
/* Portier SDK: status codes and the caller-owned error record.
 *
 * Every fallible function returns portier_status and takes a nullable `portier_error *err` that
 * the caller owns. The callee fills it on failure; no memory is allocated across the boundary. */
#ifndef PORTIER_STATUS_H
#define PORTIER_STATUS_H

#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Negative values are failures, zero and positive values success. Values are never renumbered
 * or reused. A receiver treats an unknown negative value as PORTIER_ERR_INTERNAL and an unknown
 * positive value as success. */
typedef int32_t portier_status;

enum {
   PORTIER_OK = 0,
   PORTIER_PENDING = 1,           /* accepted; completion arrives as an event with the correlation id */
   PORTIER_ERR_INVALID = -1,      /* bad argument or malformed input */
   PORTIER_ERR_UNSUPPORTED = -2,  /* not implemented by this plugin or this PBX model */
   PORTIER_ERR_NOT_FOUND = -3,    /* no such device, call, key or id */
   PORTIER_ERR_STATE = -4,        /* not allowed in the current lifecycle or call state */
   PORTIER_ERR_BUSY = -5,         /* try later: queue full, resource in use */
   PORTIER_ERR_TIMEOUT = -6,      /* the peer did not answer in time */
   PORTIER_ERR_UNAVAILABLE = -7,  /* link down, peer unreachable */
   PORTIER_ERR_DENIED = -8,       /* authentication or authorisation refused */
   PORTIER_ERR_NO_MEMORY = -9,    /* allocation failed */
   PORTIER_ERR_TOO_SMALL = -10,   /* caller buffer too small; the needed size is returned */
   PORTIER_ERR_CONFIG = -11,      /* configuration rejected */
   PORTIER_ERR_ABI = -12,         /* version or struct_size mismatch */
   PORTIER_ERR_INTERNAL = -13     /* a bug, including a C++ exception caught at the boundary */
};

/* Why a call failed. Owned by the caller, who sets struct_size (PORTIER_ERROR_INIT); the callee
 * writes `detail` and a NUL-terminated `message` that says what failed and where. */
typedef struct portier_error {
   uint32_t struct_size;
   int32_t detail;                       /* protocol code: CSTA error value, SIP or HTTP status, or 0 */
   char message[PORTIER_ERROR_SIZE];     /* UTF-8, NUL-terminated */
} portier_error;

/* Initialiser for a caller-owned portier_error: `portier_error e = PORTIER_ERROR_INIT;` */
#define PORTIER_ERROR_INIT { (uint32_t)sizeof(portier_error), 0, { 0 } }

/* The status code's name, "PORTIER_ERR_BUSY", for logs. Never NULL; static storage.
 * [any] */
static inline const char *portier_status_name(portier_status s)
{
   switch (s) {
   case PORTIER_OK: return "PORTIER_OK";
   case PORTIER_PENDING: return "PORTIER_PENDING";
   case PORTIER_ERR_INVALID: return "PORTIER_ERR_INVALID";
   case PORTIER_ERR_UNSUPPORTED: return "PORTIER_ERR_UNSUPPORTED";
   case PORTIER_ERR_NOT_FOUND: return "PORTIER_ERR_NOT_FOUND";
   case PORTIER_ERR_STATE: return "PORTIER_ERR_STATE";
   case PORTIER_ERR_BUSY: return "PORTIER_ERR_BUSY";
   case PORTIER_ERR_TIMEOUT: return "PORTIER_ERR_TIMEOUT";
   case PORTIER_ERR_UNAVAILABLE: return "PORTIER_ERR_UNAVAILABLE";
   case PORTIER_ERR_DENIED: return "PORTIER_ERR_DENIED";
   case PORTIER_ERR_NO_MEMORY: return "PORTIER_ERR_NO_MEMORY";
   case PORTIER_ERR_TOO_SMALL: return "PORTIER_ERR_TOO_SMALL";
   case PORTIER_ERR_CONFIG: return "PORTIER_ERR_CONFIG";
   case PORTIER_ERR_ABI: return "PORTIER_ERR_ABI";
   case PORTIER_ERR_INTERNAL: return "PORTIER_ERR_INTERNAL";
   default: return s < 0 ? "PORTIER_ERR_INTERNAL" : "PORTIER_OK";
   }
}

/* True for PORTIER_OK, PORTIER_PENDING and any unknown positive value. [any] */
static inline bool portier_status_ok(portier_status s)
{
   return s >= 0;
}

#ifdef __cplusplus
}
#endif

#endif /* PORTIER_STATUS_H */
