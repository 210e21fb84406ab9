<?php
/**
 * The base configuration for WordPress (www.quillmint.io)
 */

// ** Database settings ** //
define( 'DB_NAME', 'wp_quillmint' );
define( 'DB_USER', 'wp_quill' );
define( 'DB_PASSWORD', 'hEZXATsesl-JjC4g0!' );
define( 'DB_HOST', 'marketing-db.eu1.internal' );
define( 'DB_CHARSET', 'utf8mb4' );

/**#@+
 * Authentication unique keys and salts.
 */
define( 'AUTH_KEY',         'k]jyMox-?^i78Ev_c(lw6=/:U&z[Ov9C_7}EBT@x%R9L*l7:b.MRcnUZSWJwYnks' );
define( 'SECURE_AUTH_KEY',  'gbM{*lU*b*H?Edc(]6E;cg>9!Xr)dBt}aMpM*s<Ox;keqywxg)o.+Y3.D{Y@)=,a' );
define( 'LOGGED_IN_KEY',    'k;[.gEC:Cy,N).AR(;9QJkog)50o%ije.C[}J,Yw>_ZJ|/CG<5ujoP3cifviAFqh' );
define( 'NONCE_KEY',        ',JTBV*Q8SDm9[;Q&F9Zb;^/+IPp{TbX@,S xf6:NoPGglj=CL[VEh3<W4<]a4#[j' );
define( 'AUTH_SALT',        'Mns8K~GxU?0AYN5bvyp!lhZ|S6jLUl5p-rQxJc%+m%LWgZ,wbZTlQFQGY1{E2Ztn' );
define( 'SECURE_AUTH_SALT', '@Pu!3[2K0 *jKW_FoPH!%mHv:&y;6*:D}rran;<egP,Nx=SlTpaxa]bK/cw)gbE{' );
define( 'LOGGED_IN_SALT',   'S|y CAHxcf#!YE{laiBuH}IyJF(wj!SDbm:qCmOXEHy;(g+8,d7v,?qG d#W>onL' );
define( 'NONCE_SALT',       'yV%W2#TIDRALX&;T<+rWo5}jQe|(66v?Ts=&jtaS{^SuZ[cMn=p2O>D)P/r7e0G4' );
/**#@-*/

$table_prefix = 'qm_';
define( 'WP_DEBUG', false );
define( 'WPMS_SMTP_PASS', 'P765Ily1D!oATt-*UWMq' );

if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
