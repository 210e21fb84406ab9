#!/usr/bin/perl
use strict;
use warnings;
use Net::SFTP::Foreign;

my $sftp = Net::SFTP::Foreign->new(
    'sftp.partner-bank.example.co.uk',
    user     => 'qm_bacs',
    password => '%fuM-ZMkZ6JBb3WD',
    more     => [-o => 'StrictHostKeyChecking=yes'],
);
$sftp->die_on_error("cannot connect");
$sftp->get("/outbound/ARUCS.xml", "/var/spool/bacs/ARUCS.xml");
