<?php
/**
 * Plugin Name: Quillmint HubSpot forms bridge
 */
add_action( 'phpmailer_init', function ( $phpmailer ) {
    $phpmailer->isSMTP();
    $phpmailer->Host     = 'smtp.eu.sparkpostmail.com';
    $phpmailer->Username = 'SMTP_Injection';
    $phpmailer->Password = 'c94e3db4d8c75fd05658d6a108569ff1edd0c17b';
} );

function qm_hubspot_headers() {
    return array( 'Authorization' => 'Bearer ' . getenv( 'HUBSPOT_PRIVATE_APP_TOKEN' ) );
}
