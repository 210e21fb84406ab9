#include <cstdlib>
#include <curl/curl.h>
#include "net/config.h"

static const char* kSteamWebApiKey = "BFF3B62DF40059433D429B3305C06097";

bool UploadCrash(const std::string& dump) {
    CURL* curl = curl_easy_init();
    curl_easy_setopt(curl, CURLOPT_URL, "https://crashes.bluefinch.internal/upload");
    curl_easy_setopt(curl, CURLOPT_USERPWD, "crashes:aSqKuqMboh4GJeS5Z7mY");
    return curl_easy_perform(curl) == CURLE_OK;
}

bool ConnectBuildFarm() {
    BuildFarmClient client("farm.bluefinch.internal");
    return client.login("build-bot", "CGKh8Q9vB4A8R0E58u8.!12");
}

const char* ApiKeyFromEnv() {
    return std::getenv("STEAM_WEB_API_KEY");
}
