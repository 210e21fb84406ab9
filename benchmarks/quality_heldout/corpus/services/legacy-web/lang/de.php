<?php
return [
    'login' => 'Anmelden',
    'password' => 'Passwort',
    'password_forgot' => 'Passwort vergessen?',
    'api_key' => 'API-Schlüssel',
    'secret_question' => 'Sicherheitsfrage',
];
