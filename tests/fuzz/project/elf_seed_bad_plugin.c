/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A seed for elf_checks_fuzzer that breaks every rule check_elf knows: it links a core library
 * (libportier_seed.so), needs a portier_ symbol from outside, exports a second symbol and runs
 * constructors at load. */
#define EXPORTED __attribute__((visibility("default")))

EXPORTED const void *portier_plugin_entry(void);
EXPORTED int extra_export(void);
extern int portier_core_only(void);

static volatile int loaded;  /* volatile: keeps the optimiser from folding the constructors away */

__attribute__((constructor)) static void first_constructor(void) { loaded = 1; }
__attribute__((constructor)) static void second_constructor(void) { loaded = 2; }

const void *portier_plugin_entry(void) { return (const void *)&loaded; }

int extra_export(void) { return portier_core_only(); }
