#include <zephyr/lorawan/lorawan.h>

/* OTAA credentials registered on the network server (TTN, eu1 cluster) */
static uint8_t dev_eui[] = { 0x70, 0xB3, 0xD5, 0x7E, 0xD0, 0x06, 0xCD, 0x31 };
static uint8_t join_eui[] = { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static uint8_t app_key[] = { 0xF0, 0x3F, 0x42, 0x89, 0xCA, 0x56, 0xC5, 0xD0, 0x01, 0xC4, 0xE5, 0xDE, 0x0D, 0xA2, 0xBE, 0x81 };

int hedgerow_join(void)
{
    struct lorawan_join_config cfg = {
        .mode = LORAWAN_ACT_OTAA,
        .dev_eui = dev_eui,
        .otaa.join_eui = join_eui,
        .otaa.app_key = app_key,
        .otaa.nwk_key = app_key,
    };
    return lorawan_join(&cfg);
}
