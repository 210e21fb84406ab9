#include <string.h>
#include "esp_log.h"
#include "mqtt_client.h"
#include "sdkconfig.h"

static const char *TAG = "mqtt_app";

/* Client key for brokers that require mutual TLS (the EU cluster). */
static const char *mqtt_client_key =
    "-----BEGIN EC PRIVATE KEY-----\n"
    "MHcCAQEEIKfhBa0MHm2t9P+0M27JfWWpi4uvSfc3/7TcfurZL4VMoAoGCCqGSM49\n"
    "AwEHoUQDQgAEzC9xlybQIBeHZyCPm09AGEEpSPhjeKzj+PQe1j95BKm0vJ3f+p9l\n"
    "DbxcjVG1CLDTLZyJQUmcIa7bTvZPJYCStA==\n"
    "-----END EC PRIVATE KEY-----\n";

extern const uint8_t client_crt_start[] asm("_binary_client_crt_start");

void mqtt_app_start(void)
{
    const esp_mqtt_client_config_t cfg = {
        .broker.address.uri = CONFIG_CANOPY_MQTT_BROKER_URI,
        .credentials.username = CONFIG_CANOPY_MQTT_USERNAME,
        .credentials.authentication.password = CONFIG_CANOPY_MQTT_PASSWORD,
        .credentials.authentication.certificate = (const char *)client_crt_start,
        .credentials.authentication.key = mqtt_client_key,
    };
    esp_mqtt_client_handle_t client = esp_mqtt_client_init(&cfg);
    ESP_LOGI(TAG, "connecting with password auth and client key");
    esp_mqtt_client_start(client);
}
