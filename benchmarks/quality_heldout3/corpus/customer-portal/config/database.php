<?php

use Illuminate\Support\Str;

return [
    'default' => env('DB_CONNECTION', 'mysql'),

    'connections' => [
        'mysql' => [
            'driver' => 'mysql',
            'host' => env('DB_HOST', '127.0.0.1'),
            'port' => env('DB_PORT', '3306'),
            'database' => env('DB_DATABASE', 'portal'),
            'username' => env('DB_USERNAME', 'portal_app'),
            'password' => env('DB_PASSWORD', 'Cobalt#362'),
            'charset' => 'utf8mb4',
            'collation' => 'utf8mb4_unicode_ci',
            'strict' => true,
        ],

        'legacy_tms' => [
            'driver' => 'sqlsrv',
            'host' => env('TMS_DB_HOST', 'tms-sql01.corp.portolan.io'),
            'database' => 'TMS_PROD',
            'username' => env('TMS_DB_USERNAME', 'portal_ro'),
            'password' => env('TMS_DB_PASSWORD', ''),
            'encrypt' => 'yes',
        ],
    ],

    'redis' => [
        'client' => env('REDIS_CLIENT', 'phpredis'),
        'options' => [
            'prefix' => env('REDIS_PREFIX', Str::slug(env('APP_NAME', 'portal'), '_').'_database_'),
        ],
        'default' => [
            'host' => env('REDIS_HOST', '127.0.0.1'),
            'password' => env('REDIS_PASSWORD'),
            'port' => env('REDIS_PORT', '6379'),
        ],
    ],
];
