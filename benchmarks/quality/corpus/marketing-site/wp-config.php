<?php
/**
 * The base configuration for WordPress
 *
 * @package WordPress
 */

// ** Database settings - You can get this info from your web host ** //
define( 'DB_NAME', 'acme_marketing' );
define( 'DB_USER', 'wp_marketing' );
define( 'DB_PASSWORD', 'glacier?reicalg82' );
define( 'DB_HOST', 'marketing-db.c8x2kq1hzv0p.eu-west-1.rds.amazonaws.com' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );

/**#@+
 * Authentication unique keys and salts.
 * Change these to different unique phrases! You can generate these using
 * the {@link https://api.wordpress.org/secret-key/1.1/salt/ WordPress.org secret-key service}.
 */
define( 'AUTH_KEY', 'f9PgWE(EDnDTdIh9R,4)>YhX3HX9u=(ZI%i#.M:_B*7X,J!8#-%1tcxh9oev>5l#' );
define( 'SECURE_AUTH_KEY', 'Hi9yZ[-slaYrkl1X*2gZeq7dVp7;y36Zg({pWjw}<KEZNsMv4sBgC}OW-8eW7xOV' );
define( 'LOGGED_IN_KEY', '4YO>~q-FeX)*-gMT.P-8JU5GtNY*[+(k7(f0-zhUi3HMzO;}o;~P%IknEU=(N8n9' );
define( 'NONCE_KEY', 'fP+0U^!wRFAN^8i+}8_KuD_0KQz_JLr~;W~4-gd*PnB+ZpR,nV}4rKtx-qBneM,B' );
define( 'AUTH_SALT', '9>R7D.:x1-=)h^0lTtZ}g5{#jbc>u5<4;Tj4Be[>7:g:VsH}fE.nYa318k^Y|M}G' );
define( 'SECURE_AUTH_SALT', 'put your unique phrase here' );
define( 'LOGGED_IN_SALT',   'put your unique phrase here' );
define( 'NONCE_SALT', 'p4bC[S!kVG%jB{4cUpck8.og{IAnbq5J|p)Q%[|GRx?M=s._CkAs=4*h%|FCJlo)' );
/**#@-*/

// WP Offload Media
define( 'AS3CF_SETTINGS', serialize( array(
    'provider' => 'aws',
    'access-key-id' => 'AKIAUVKAE3I3BCS2G4FQ',
    'secret-access-key' => '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',
) ) );

define( 'WPMS_SMTP_PASS', 'juniper!repinuj78' );

$table_prefix = 'wp_';
define( 'WP_DEBUG', false );

if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
