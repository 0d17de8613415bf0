/* SPDX-License-Identifier: MIT */
/* Portier SDK, kind `service`: a plugin that runs beside the engine with no engine interface.
 *
 * Simulators, exporters and bridges use only the lifecycle of plugin.h and the host services of
 * host.h: the engine asks them for no interface table. Their descriptor names the kind
 * PORTIER_KIND_SERVICE ("service"), and get_interface may simply return NULL. */
#ifndef PORTIER_KIND_SERVICE_H
#define PORTIER_KIND_SERVICE_H

#include "../host.h"
#include "../plugin.h"

#endif /* PORTIER_KIND_SERVICE_H */
