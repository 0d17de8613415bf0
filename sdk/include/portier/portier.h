/* SPDX-License-Identifier: MIT */
/* Portier SDK v1: everything stable. Include this, or only the headers you need. */
#ifndef PORTIER_PORTIER_H
#define PORTIER_PORTIER_H

#include "version.h"
#include "base.h"
#include "status.h"
#include "event.h"
#include "plugin.h"
#include "host.h"
#include "kind/pbx.h"
#include "kind/pbx_csta.h"
#include "kind/trunk.h"
#include "kind/presence.h"
#include "kind/calendar.h"
#include "kind/directory.h"
#include "kind/client.h"
#include "kind/service.h"

#endif /* PORTIER_PORTIER_H */
