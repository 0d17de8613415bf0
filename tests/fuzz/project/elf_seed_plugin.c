/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A seed for elf_checks_fuzzer: exports one symbol, the plugin entry, and nothing else. */
__attribute__((visibility("default"))) const void *portier_plugin_entry(void);

static const char kDescriptor[] = "seed";

const void *portier_plugin_entry(void)
{
   return kDescriptor;
}
