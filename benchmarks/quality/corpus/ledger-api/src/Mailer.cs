using System.Net;
using System.Net.Mail;

public class Mailer
{
    private readonly SmtpClient _client = new SmtpClient("smtp.office365.com", 587)
    {
        Credentials = new NetworkCredential("ledger@acmepay.io", "CometSummer33"),
        EnableSsl = true
    };
}
