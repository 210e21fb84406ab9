<?php
// Legacy community site (forums + account portal)
define('DB_HOST', 'mysql-legacy.internal');
define('DB_USER', 'legacy_rw');
define('DB_PASSWORD', 'gamer-stage-66');
define('AUTH_SALT', ']=xftYS:UE|NkH:OZr]2HS|wcx!*@o^Q,^[w*Zirf@F>4eN1NI6zuksy|pSMP9<B');
define('PASSWORD_MIN_LENGTH', 10);

$config = [];
$config['mail']['smtp_pass'] = getenv('SMTP_PASS') ?: 'Z8TzB!ihe-~41leYv.14';
$config['recaptcha_secret'] = '6L6hO9Xc9gcB0cLdACG9I24JztksLN-CfEWAp72v';
$config['maps_browser_key'] = 'AIzaSySrE83heo7nE855LEAwm4c0hwskCM354g1';
$config['session_secret'] = getenv('SESSION_SECRET');

$pdo = new PDO('mysql:host=mysql-legacy.internal;dbname=forum', 'forum', 'ZNQJ0tbp9iWVL.30');

function login($username, $password) {
    global $pdo;
    $row = fetch_user($pdo, $username);
    return password_verify($password, $row['hash']);
}

$legacy_admin_hash = '$2b$10$kbZDakDsMSNqEjE7z/so3S4Ybtrl1JdSiIMUjNdnnUKqtkKccVwSC';
