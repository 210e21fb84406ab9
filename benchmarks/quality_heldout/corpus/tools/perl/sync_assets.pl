#!/usr/bin/perl
use strict;
use warnings;
use DBI;
use LWP::UserAgent;

my $dbh = DBI->connect("dbi:mysql:database=assets;host=db-assets.internal", "assets",
    "winter_arcade9894", { RaiseError => 1 });

my $ua = LWP::UserAgent->new(timeout => 30);
$ua->default_header('X-Api-Key' => 'tw1E3BDBgZlgTcQaoBjtfEZz1zYdN7Cx');

my $cdn_token = $ENV{CDN_TOKEN} || '2ed7542e3f7128c3555127e4507b503ccb2c06e8';
my $ftp_pass = $ENV{'ASSET_FTP_PASS'};

sub upload {
    my ($file, $user, $password) = @_;
    return $ua->post("https://cdn-origin.bluefinch.internal/upload", Content => $file);
}
