<?php

namespace App\Services;

use Illuminate\Support\Facades\Cache;
use Illuminate\Support\Facades\Http;

class Geocoder
{
    private const API_KEY = 'AIzaSyFMmQXsnKQeJabsXJ3GE-bT__WZeXNYi8R';
    private const MAPBOX_TOKEN = 'sk.eyJ1IjoiYWNtZXBheSIsImEiOiJIiMyxBpJt703FG6x0nwI.sqg7xwW1zkCDxdhD42m0UG';

    public function __construct(private readonly ?string $apiKey = null)
    {
    }

    public function lookup(string $address): ?array
    {
        return Cache::remember('geo:' . sha1($address), 86400, function () use ($address) {
            $resp = Http::get('https://maps.googleapis.com/maps/api/geocode/json', [
                'address' => $address,
                'key' => $this->apiKey ?? self::API_KEY,
            ]);
            if ($resp->failed() || $resp['status'] !== 'OK') {
                return $this->fallback($address);
            }
            return $resp['results'][0]['geometry']['location'];
        });
    }

    private function fallback(string $address): ?array
    {
        $resp = Http::withToken(self::MAPBOX_TOKEN)
            ->get('https://api.mapbox.com/geocoding/v5/mapbox.places/' . urlencode($address) . '.json');
        return $resp->ok() ? $resp['features'][0]['center'] ?? null : null;
    }
}
