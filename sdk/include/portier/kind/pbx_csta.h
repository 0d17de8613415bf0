/* SPDX-License-Identifier: MIT */
/* Portier SDK, kind `pbx`: the stable numbers of CSTA errors and event causes.
 *
 * A pbx plugin that speaks CSTA (ECMA-269 services, ECMA-323 XML) reports
 *  - a refused command as a PORTIER_PBX_EV_RESULT whose `detail` is a PORTIER_CSTA_ERR_* value:
 *    the error's category (the CHOICE inside CSTAErrorCode) times 1000 plus the value's number
 *    in that category; the category alone (e.g. 3000) when the value is not in the table below,
 *    PORTIER_CSTA_ERR_UNKNOWN_CATEGORY (9000) when even the category is unknown;
 *  - the ECMA-269 event cause of a call event as `portier_pbx_call_event.cause`, a
 *    PORTIER_CSTA_CAUSE_* value, 0 when the PBX gave none or one not in the table.
 *
 * These numbers are part of SDK v1: a published value never changes meaning or number. New
 * values are only appended (the next free number of their category or of the causes), so an
 * engine or plugin built today reads every later plugin's numbers right, and treats a number it
 * does not know by its category (detail / 1000).
 *
 * Only constants live here: nothing in this header is a type or changes the ABI. */
#ifndef PORTIER_KIND_PBX_CSTA_H
#define PORTIER_KIND_PBX_CSTA_H

#ifdef __cplusplus
extern "C" {
#endif

/* Categories of CSTAErrorCode, in ECMA-323's order: detail / 1000 * 1000. */
enum {
   PORTIER_CSTA_ERR_OPERATION = 1000,               /* operation */
   PORTIER_CSTA_ERR_SECURITY = 2000,                /* security */
   PORTIER_CSTA_ERR_STATE = 3000,                   /* stateIncompatibility */
   PORTIER_CSTA_ERR_SYSTEM_RESOURCE = 4000,         /* systemResourceAvailability */
   PORTIER_CSTA_ERR_SUBSCRIBED_RESOURCE = 5000,     /* subscribedResourceAvailability */
   PORTIER_CSTA_ERR_PERFORMANCE = 6000,             /* performanceManagement */
   PORTIER_CSTA_ERR_PRIVATE_DATA = 7000,            /* privateData */
   PORTIER_CSTA_ERR_UNSPECIFIED = 8000,             /* unspecified */
   PORTIER_CSTA_ERR_UNKNOWN_CATEGORY = 9000         /* a category ECMA-323 does not have */
};

/* operation: 1001..1020 in ECMA-269's order of OperationErrors. The ECMA-323 XML spellings
 * invalidCallID, invalidDeviceID and invalidConnectionID are the same values as
 * invalidCallIdentifier, invalidDeviceIdentifier and invalidConnectionIdentifier. */
enum {
   PORTIER_CSTA_ERR_OP_GENERIC = 1001,                              /* generic */
   PORTIER_CSTA_ERR_OP_REQUEST_INCOMPATIBLE_WITH_OBJECT = 1002,     /* requestIncompatibleWithObject */
   PORTIER_CSTA_ERR_OP_VALUE_OUT_OF_RANGE = 1003,                   /* valueOutOfRange */
   PORTIER_CSTA_ERR_OP_OBJECT_NOT_KNOWN = 1004,                     /* objectNotKnown */
   PORTIER_CSTA_ERR_OP_INVALID_CALLING_DEVICE = 1005,               /* invalidCallingDevice */
   PORTIER_CSTA_ERR_OP_INVALID_CALLED_DEVICE = 1006,                /* invalidCalledDevice */
   PORTIER_CSTA_ERR_OP_INVALID_FORWARDING_DESTINATION = 1007,       /* invalidForwardingDestination */
   PORTIER_CSTA_ERR_OP_PRIVILEGE_VIOLATION_ON_SPECIFIED_DEVICE = 1008, /* privilegeViolationOnSpecifiedDevice */
   PORTIER_CSTA_ERR_OP_PRIVILEGE_VIOLATION_ON_CALLED_DEVICE = 1009, /* privilegeViolationOnCalledDevice */
   PORTIER_CSTA_ERR_OP_PRIVILEGE_VIOLATION_ON_CALLING_DEVICE = 1010, /* privilegeViolationOnCallingDevice */
   PORTIER_CSTA_ERR_OP_INVALID_CALL_ID = 1011,                      /* invalidCallIdentifier, invalidCallID */
   PORTIER_CSTA_ERR_OP_INVALID_DEVICE_ID = 1012,                    /* invalidDeviceIdentifier, invalidDeviceID */
   PORTIER_CSTA_ERR_OP_INVALID_CONNECTION_ID = 1013,                /* invalidConnectionIdentifier, invalidConnectionID */
   PORTIER_CSTA_ERR_OP_INVALID_DESTINATION = 1014,                  /* invalidDestination */
   PORTIER_CSTA_ERR_OP_INVALID_FEATURE = 1015,                      /* invalidFeature */
   PORTIER_CSTA_ERR_OP_INVALID_ALLOCATION_STATE = 1016,             /* invalidAllocationState */
   PORTIER_CSTA_ERR_OP_INVALID_CROSS_REF_ID = 1017,                 /* invalidCrossRefID */
   PORTIER_CSTA_ERR_OP_INVALID_OBJECT_TYPE = 1018,                  /* invalidObjectType */
   PORTIER_CSTA_ERR_OP_SECURITY_VIOLATION = 1019,                   /* securityViolation */
   PORTIER_CSTA_ERR_OP_INVALID_PARAMETER_VALUE = 1020,              /* invalidParameterValue */
   PORTIER_CSTA_ERR_OP_INVALID_MONITOR_OBJECT = 1021                /* invalidMonitorObject */
};

/* stateIncompatibility: 3001..3012. */
enum {
   PORTIER_CSTA_ERR_STATE_GENERIC = 3001,                   /* generic */
   PORTIER_CSTA_ERR_STATE_INVALID_OBJECT_STATE = 3002,      /* invalidObjectState */
   PORTIER_CSTA_ERR_STATE_INVALID_CONNECTION_ID = 3003,     /* invalidConnectionID (for the active call) */
   PORTIER_CSTA_ERR_STATE_NO_ACTIVE_CALL = 3004,            /* noActiveCall */
   PORTIER_CSTA_ERR_STATE_NO_HELD_CALL = 3005,              /* noHeldCall */
   PORTIER_CSTA_ERR_STATE_NO_CALL_TO_CLEAR = 3006,          /* noCallToClear */
   PORTIER_CSTA_ERR_STATE_NO_CONNECTION_TO_CLEAR = 3007,    /* noConnectionToClear */
   PORTIER_CSTA_ERR_STATE_NO_CALL_TO_ANSWER = 3008,         /* noCallToAnswer */
   PORTIER_CSTA_ERR_STATE_NO_CALL_TO_COMPLETE = 3009,       /* noCallToComplete */
   PORTIER_CSTA_ERR_STATE_INVALID_DEVICE_STATE = 3010,      /* invalidDeviceState */
   PORTIER_CSTA_ERR_STATE_INVALID_CONNECTION_STATE = 3011,  /* invalidConnectionState */
   PORTIER_CSTA_ERR_STATE_INCORRECT_CALL_STATE = 3012       /* incorrectCallState */
};

/* ECMA-269 EventCause (portier_pbx_call_event.cause); 0: none or not in this table. */
enum {
   PORTIER_CSTA_CAUSE_NONE = 0,
   PORTIER_CSTA_CAUSE_ACTIVE_PARTICIPATION = 1,     /* activeParticipation */
   PORTIER_CSTA_CAUSE_ALTERNATE = 2,                /* alternate */
   PORTIER_CSTA_CAUSE_BUSY = 3,                     /* busy */
   PORTIER_CSTA_CAUSE_CALL_BACK = 4,                /* callBack */
   PORTIER_CSTA_CAUSE_CALL_CANCELLED = 5,           /* callCancelled */
   PORTIER_CSTA_CAUSE_CALL_FORWARD_IMMEDIATE = 6,   /* callForwardImmediate, older callForwardAlways */
   PORTIER_CSTA_CAUSE_CALL_FORWARD_BUSY = 7,        /* callForwardBusy */
   PORTIER_CSTA_CAUSE_CALL_FORWARD_NO_ANSWER = 8,   /* callForwardNoAnswer */
   PORTIER_CSTA_CAUSE_CALL_FORWARD = 9,             /* callForward */
   PORTIER_CSTA_CAUSE_CALL_NOT_ANSWERED = 10,       /* callNotAnswered */
   PORTIER_CSTA_CAUSE_CALL_PICKUP = 11,             /* callPickup */
   PORTIER_CSTA_CAUSE_CAMP_ON = 12,                 /* campOn */
   PORTIER_CSTA_CAUSE_DEST_NOT_OBTAINABLE = 13,     /* destNotObtainable */
   PORTIER_CSTA_CAUSE_DO_NOT_DISTURB = 14,          /* doNotDisturb */
   PORTIER_CSTA_CAUSE_INCOMPATIBLE_DESTINATION = 15, /* incompatibleDestination */
   PORTIER_CSTA_CAUSE_INVALID_ACCOUNT_CODE = 16,    /* invalidAccountCode */
   PORTIER_CSTA_CAUSE_KEY_OPERATION = 17,           /* keyOperation */
   PORTIER_CSTA_CAUSE_LOCKOUT = 18,                 /* lockout */
   PORTIER_CSTA_CAUSE_MAINTENANCE = 19,             /* maintenance */
   PORTIER_CSTA_CAUSE_NETWORK_CONGESTION = 20,      /* networkCongestion */
   PORTIER_CSTA_CAUSE_NETWORK_NOT_OBTAINABLE = 21,  /* networkNotObtainable */
   PORTIER_CSTA_CAUSE_NEW_CALL = 22,                /* newCall */
   PORTIER_CSTA_CAUSE_NO_AVAILABLE_AGENTS = 23,     /* noAvailableAgents */
   PORTIER_CSTA_CAUSE_OVERRIDE = 24,                /* override */
   PORTIER_CSTA_CAUSE_PARK = 25,                    /* park */
   PORTIER_CSTA_CAUSE_OVERFLOW = 26,                /* overflow */
   PORTIER_CSTA_CAUSE_RECALL = 27,                  /* recall */
   PORTIER_CSTA_CAUSE_REDIRECTED = 28,              /* redirected */
   PORTIER_CSTA_CAUSE_REORDER_TONE = 29,            /* reorderTone */
   PORTIER_CSTA_CAUSE_RESOURCES_NOT_AVAILABLE = 30, /* resourcesNotAvailable */
   PORTIER_CSTA_CAUSE_SILENT_PARTICIPATION = 31,    /* silentParticipation */
   PORTIER_CSTA_CAUSE_TRANSFER = 32,                /* transfer */
   PORTIER_CSTA_CAUSE_TRUNKS_BUSY = 33,             /* trunksBusy */
   PORTIER_CSTA_CAUSE_VOICE_UNIT_INITIATOR = 34,    /* voiceUnitInitiator */
   PORTIER_CSTA_CAUSE_NORMAL_CLEARING = 35,         /* normalClearing */
   PORTIER_CSTA_CAUSE_CONSULTATION = 36,            /* consultation */
   PORTIER_CSTA_CAUSE_SINGLE_STEP_TRANSFER = 37,    /* singleStepTransfer */
   PORTIER_CSTA_CAUSE_MAKE_CALL = 38,               /* makeCall */
   PORTIER_CSTA_CAUSE_NORMAL = 39,                  /* normal */
   PORTIER_CSTA_CAUSE_ENTERING_DISTRIBUTION = 40,   /* enteringDistribution */
   PORTIER_CSTA_CAUSE_CONFERENCE = 41               /* conference */
};

#ifdef __cplusplus
}
#endif

#endif /* PORTIER_KIND_PBX_CSTA_H */
