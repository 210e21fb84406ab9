<?php

return [
    'mailgun' => [
        'domain' => env('MAILGUN_DOMAIN'),
        'secret' => env('MAILGUN_SECRET'),
        'endpoint' => env('MAILGUN_ENDPOINT', 'api.eu.mailgun.net'),
    ],

    'stripe' => [
        'key' => env('STRIPE_KEY'),
        'secret' => env('STRIPE_SECRET'),
    ],

    'shopify' => [
        'shop' => 'portolan-merch.myshopify.com',
        'access_token' => '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',
        'api_secret' => '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',
    ],

    'customs_sftp' => [
        'host' => 'sftp.customs-broker.example.net',
        'username' => 'portolan',
        'password' => "XS2iDEpnG7uj9a!c",
        'root' => '/inbound/declarations',
    ],
];
