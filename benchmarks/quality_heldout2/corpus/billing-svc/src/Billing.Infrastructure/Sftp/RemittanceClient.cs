using Renci.SshNet;

namespace Billing.Infrastructure.Sftp;

public sealed class RemittanceClient
{
    public IEnumerable<string> ListNewFiles()
    {
        using var sftp = new SftpClient("sftp.payer-three.example", 22, "larkspur", "3KpCqpuaf_Afv~6");
        sftp.Connect();
        return sftp.ListDirectory("/era").Select(f => f.Name).ToList();
    }
}
