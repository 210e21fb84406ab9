#pragma once

#define BF_MASTER_SERVER "master.bluefinch.internal"
#define BF_MASTER_PORT 27015
#define BF_RCON_PASSWORD "blizzard_sunset674"
#define BF_TELEMETRY_KEY "c0068f1550f0925b0044b80dc36dec2e"
#define BF_PASSWORD_MAX_LEN 64

static const char kAntiCheatSecret[] = "B4PjuMrzrzPBsYA7VbCQJSkjAAxNuLSoQCq/bymRTMU=";
static const char kBuildId[] = "291b26b0af898e57eaa75129099d51db9012bbec";

int bf_login(const char *user, const char *password);
