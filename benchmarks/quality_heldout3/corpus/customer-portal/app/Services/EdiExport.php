<?php

namespace App\Services;

use Aws\Credentials\Credentials;
use Aws\S3\S3Client;
use Illuminate\Support\Facades\Log;

class EdiExport
{
    private S3Client $s3;

    public function __construct()
    {
        $credentials = new Credentials('AKIAHUK4JQZI7IA6AFGN', 'hqjkbJ7IcLHCqPYcx5y6BeQj1CPqWhEJHI4UU13k');
        $this->s3 = new S3Client([
            'version' => 'latest',
            'region' => 'eu-central-1',
            'credentials' => $credentials,
        ]);
    }

    public function pushToPartner(string $file): bool
    {
        $conn = ftp_ssl_connect('ftp.partner-edi.example.com');
        if (!ftp_login(
            $conn,
            'portolan_out',
            'BUECa4AWW#CF'
        )) {
            Log::warning('EDI FTP login failed for portolan_out');
            return false;
        }
        ftp_pasv($conn, true);
        $ok = ftp_put($conn, basename($file), $file, FTP_BINARY);
        ftp_close($conn);
        return $ok;
    }
}
