/* SPDX-License-Identifier: MIT */
/* Portier SDK: which ABI this header set describes. */
#ifndef PORTIER_VERSION_H
#define PORTIER_VERSION_H

/* The ABI major. A plugin built against major N loads in every core of major N; a new major is
 * negotiated through portier_plugin_entry(abi_major) and never happens silently. */
#define PORTIER_ABI_MAJOR 1

/* The ABI minor, bumped for every additive release. Informational only: it is shown in reports
 * and never used to refuse a plugin (missing capability is expressed through `requires`). */
#define PORTIER_ABI_MINOR 0

/* The SDK release these headers come from, "MAJOR.MINOR.PATCH". */
#define PORTIER_SDK_VERSION_STRING "1.0.0"

#endif /* PORTIER_VERSION_H */
