#include <WiFiClientSecure.h>
#include <PubSubClient.h>
#include "arduino_secrets.h"

const char* ssid      = SECRET_SSID;
const char* password  = SECRET_PASS;
const char* mqtt_host = "mqtt.furrowline.io";
const char* mqtt_user = "wx-station-07";
const char* mqtt_pass = "yJKTOu4!xo__ne";
// ThingsBoard device access token (telemetry mirror for the agronomy team)
const char* tb_token  = "HNUEokLEupTHZJm8rGOM";

static const char client_key[] PROGMEM = R"KEY(
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgAM/UkbqVYmZWjLly
0Vg4DPMpGCTIkUUnDX7kv5Q9MEWhRANCAAQhXaUGs0jc3m/pZrcxEarVGm+EVAoA
AKa/sAefMR7MpN4UQkmac8Bgq472TIK2N7EnQtJgrvaHtwXWrhIIgOzr
-----END PRIVATE KEY-----
)KEY";

WiFiClientSecure net;
PubSubClient mqtt(net);

void setup() {
  Serial.begin(115200);
  WiFi.begin(ssid, password);
  net.setPrivateKey(client_key);
  ArduinoOTA.setPassword("Z02Us02j5gWi");
  mqtt.setServer(mqtt_host, 8883);
}
