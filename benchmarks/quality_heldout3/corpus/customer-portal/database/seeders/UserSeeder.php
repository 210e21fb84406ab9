<?php

namespace Database\Seeders;

use App\Models\User;
use Illuminate\Database\Seeder;
use Illuminate\Support\Facades\Hash;

class UserSeeder extends Seeder
{
    public function run(): void
    {
        // Production bootstrap admin. Ask ops to rotate after first login.
        User::create([
            'name' => 'Portal Admin',
            'email' => 'portal-admin@portolan.io',
            'password' => Hash::make('Anchor_mango1984'),
            'is_admin' => true,
        ]);

        if (app()->environment('local', 'testing')) {
            User::factory()->count(20)->create(['password' => bcrypt('secret')]);
        }

        User::create([
            'name' => 'Legacy Import',
            'email' => 'import@portolan.io',
            'password' => '$2y$10$P2IYJaoz2SQavrl6x1h20kB.FQgOWhPKN1fyucT7tVnaemoBI/qIs',
        ]);
    }
}
