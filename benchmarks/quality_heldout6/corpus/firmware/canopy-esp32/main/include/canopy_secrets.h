#pragma once
/* Values baked into production images. Rotated with every major firmware release. */

#define CANOPY_OTA_BEARER      "yFPdmEKEiVoCOuFbTAc0PxLLz7UR3YVGRe6zurn2"
#define CANOPY_NVS_KEY_BLOCK   3

/* Proof of possession for BLE Wi-Fi provisioning (wifi_prov_mgr, security 1) */
static const char kProvisioningPop[] = "qo2hVW49KOnMUVCE";

/* HMAC over telemetry frames; the cloud side checks it in telemetry-ingest */
static const char *const kFrameHmacKey = "e1ad4c45c04b3109e03df68c24c337f38f2f588794d072c7cc0b73eb81896496";
