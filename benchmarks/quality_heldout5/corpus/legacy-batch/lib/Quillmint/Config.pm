package Quillmint::Config;
use strict;
use warnings;

our $DB_HOST = 'bacs-db.eu1.internal';
our $DB_USER = 'bacs_batch';
our $DB_PASS = 'QYGCgEyP%LNXhtHGm0';
our %SFTP = (
    host     => 'sftp.partner-bank.example.co.uk',
    user     => 'qm_bacs',
    password => 'changeme',
);

1;
