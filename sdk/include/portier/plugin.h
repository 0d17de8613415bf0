/* SPDX-License-Identifier: MIT */
/* Portier SDK: the plugin's single entry symbol and its descriptor.
 *
 * Lifecycle, in the host's order:
 *   portier_plugin_entry(1)  -> descriptor (pure; the host may call it any number of times)
 *   validate_config          -> any number of times, also before create and during reload
 *   create -> start -> [reconfigure ...] -> stop -> destroy
 * A failed start is followed by destroy (never stop). The library stays mapped until the process
 * exits: toggling a plugin destroys its instance but never unloads its code. One library may have
 * several instances at once (one per configured entry naming it), each created by its own create
 * call: keep all state in the instance, none in globals. */
#ifndef PORTIER_PLUGIN_H
#define PORTIER_PLUGIN_H

#include "base.h"
#include "status.h"
#include "version.h"

#ifdef __cplusplus
extern "C" {
#endif

struct portier_host;

/* The plugin's own object; its layout is private to the plugin. Created by create(), freed by
 * destroy(); the host only passes the pointer back. */
typedef struct portier_instance portier_instance;

/* The kind strings a descriptor may name. */
#define PORTIER_KIND_PBX "pbx"
#define PORTIER_KIND_TRUNK "trunk"
#define PORTIER_KIND_PRESENCE "presence"
#define PORTIER_KIND_CALENDAR "calendar"
#define PORTIER_KIND_DIRECTORY "directory"
#define PORTIER_KIND_CLIENT "client"
#define PORTIER_KIND_SERVICE "service"

/* A `features` tag: the library allows at most one instance per process (it keeps process-wide
 * state, or owns a resource only one may hold). The host then refuses a configuration with a
 * second entry naming it, before any instance is created. A tag, so the descriptor is unchanged. */
#define PORTIER_FEATURE_SINGLE_INSTANCE "single-instance"

/* The name of the entry symbol, for hosts that look it up. */
#define PORTIER_ENTRY_SYMBOL "portier_plugin_entry"

/* What a plugin is and how the host drives it. Static data owned by the plugin, valid until the
 * process exits. Fields are only ever appended; the host copies min(struct_size, its own size)
 * bytes into a zeroed struct, so a field this plugin does not know reads as zero. */
typedef struct portier_plugin {
   uint32_t struct_size;          /* sizeof(portier_plugin) as the plugin was built */
   uint16_t abi_major;            /* PORTIER_ABI_MAJOR the plugin was built with */
   uint16_t abi_minor;            /* PORTIER_ABI_MINOR the plugin was built with; diagnostics only */

   const char *id;                /* "pbx.osv": [a-z0-9] then [a-z0-9.-], at most 63 bytes;
                                     partners use a reverse-DNS prefix, "com.example.pbx-x" */
   const char *kind;              /* one of the PORTIER_KIND_* strings */
   const char *name;              /* human name, "OpenScape Voice" */
   const char *version;           /* the plugin's own semantic version, "1.4.2" */
   const char *vendor;            /* may be "" */
   const char *url;               /* may be "" */
   const char *support_url;       /* may be "" */
   const char *license;           /* SPDX expression, may be "" */
   const char *description;       /* one sentence, may be "" */
   const char *const *features;   /* NULL-terminated tags ("vnr", "cos"), or NULL */
   /* NULL-terminated host service ids this plugin needs ("portier.host.client/1"), or NULL.
    * The host refuses to load the plugin, naming the id, when it does not serve one of them.
    * (Called `requires` in the design notes; that word is a C++20 keyword.) */
   const char *const *required_services;

   /* Checks a configuration without applying it. `config_json` is a JSON object (the `settings`
    * of the plugin's YAML entry, {} when absent), borrowed for the call.
    * Owns: nothing; `err` is caller-owned and nullable.
    * Errors: PORTIER_OK, or PORTIER_ERR_CONFIG with err->message naming the setting, e.g.
    *         "settings.port: 70000 is out of range 1..65535". Never touches the network or
    *         any instance; must be safe to call concurrently with anything.
    * [any] */
   portier_status (PORTIER_ABI *validate_config)(portier_str config_json, portier_error *err);

   /* Creates an instance from a configuration that passed validate_config. May call host->log
    * only: no threads, no timers, no events yet.
    * Owns: *out belongs to the plugin until destroy(). `host` and everything it points to are
    *       owned by the host and stay valid until destroy() returns; `config_json` is borrowed.
    * Errors: PORTIER_OK with *out set, or a failure with `err` filled and *out untouched.
    * [engine] */
   portier_status (PORTIER_ABI *create)(const struct portier_host *host, portier_str config_json,
                                        portier_instance **out, portier_error *err);

   /* Starts the instance: opens links, starts the plugin's own I/O threads.
    * Owns: nothing new; `err` is caller-owned and nullable.
    * Errors: PORTIER_OK, or a failure with `err` filled; the host then calls destroy() (not
    *         stop()) and shows the plugin `failed` with err->message.
    * [engine, created] */
   portier_status (PORTIER_ABI *start)(portier_instance *inst, portier_error *err);

   /* Applies an already validated configuration to a running instance.
    * Owns: `config_json` is borrowed for the call.
    * Errors: PORTIER_OK; PORTIER_ERR_UNSUPPORTED means "restart me", and the host then runs
    *         stop, destroy, create and start with the new configuration; any other failure
    *         leaves the old configuration in force and is reported with err->message.
    * [engine, started] */
   portier_status (PORTIER_ABI *reconfigure)(portier_instance *inst, portier_str config_json,
                                             portier_error *err);

   /* Stops links and joins every thread the plugin started before returning. Afterwards the
    * plugin calls no host function except log, and its timers are cancelled by the host.
    * [engine, started] */
   void (PORTIER_ABI *stop)(portier_instance *inst);

   /* Frees the instance. After it returns the plugin calls nothing of the host.
    * [engine, created] */
   void (PORTIER_ABI *destroy)(portier_instance *inst);

   /* Returns the table for interface id `iid` ("portier.pbx/1"), or NULL if not served. The
    * table is owned by the plugin, stable per id and valid until destroy().
    * [any] */
   const void *(PORTIER_ABI *get_interface)(portier_instance *inst, const char *iid);
} portier_plugin;

/* Fills the leading fields of a descriptor: `static const portier_plugin d = {
 * PORTIER_PLUGIN_INIT, "x.y", ... };` */
#define PORTIER_PLUGIN_INIT \
   (uint32_t)sizeof(portier_plugin), (uint16_t)PORTIER_ABI_MAJOR, (uint16_t)PORTIER_ABI_MINOR

/* The one symbol a plugin exports. Returns the descriptor for ABI major `abi_major`, or NULL if
 * this binary does not implement that major. Pure: no side effects, no allocation, no threads;
 * returns the same pointer every time for the same argument.
 * Owns: the descriptor is static data of the plugin.
 * [any] */
typedef const portier_plugin *(PORTIER_ABI *portier_plugin_entry_fn)(uint32_t abi_major);

/* The declaration a plugin defines (the C++ wrapper's PORTIER_PLUGIN macro does it). Build the
 * plugin with hidden visibility so that this stays its only exported symbol. [any] */
PORTIER_EXPORT const portier_plugin *PORTIER_ABI portier_plugin_entry(uint32_t abi_major);

#ifdef __cplusplus
}
#endif

#endif /* PORTIER_PLUGIN_H */
