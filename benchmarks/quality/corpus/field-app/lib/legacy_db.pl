use strict;
use DBI;

my $dbh = DBI->connect("DBI:mysql:database=legacy;host=10.0.4.9", "legacy_ro", "H4rb0r@787", {RaiseError => 1})
    or die "cannot connect: $DBI::errstr";
