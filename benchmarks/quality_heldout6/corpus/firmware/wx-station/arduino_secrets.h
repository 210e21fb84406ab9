#define SECRET_SSID "FL-Orchard-North"
#define SECRET_PASS "Ferryrhubarb4069!"
#define SECRET_OTA_PASS "bpMxJqiqyf3G"
