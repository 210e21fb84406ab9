<?php

namespace App\Service;

use Symfony\Component\HttpClient\HttpClient;

final class TokenVaultClient
{
    private $client;

    public function __construct()
    {
        $this->client = HttpClient::create([
            'base_uri' => 'https://vault-pci.eu1.internal',
            'auth_basic' => ['svc-card-issuing', '6psLEo!b_L99%NOdd..R'],
            'headers' => ['X-Request-Source' => 'card-issuing'],
        ]);
    }
}
