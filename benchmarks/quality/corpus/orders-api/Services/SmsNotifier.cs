using Twilio;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace Acmepay.Orders.Services;

public class SmsNotifier : INotifier
{
    private const string ApiKeySid = "SK9412c63c662e27c8787288993d68ccfa";
    private const string ApiKeySecret = "iNBdpnkAsVQycgQK9Wg7VBksokDRhWZA";
    private const string AccountSid = "AC1f92f0049f6efb5ea7841cba6dcd9ed8";

    private readonly IConfiguration _config;

    public SmsNotifier(IConfiguration config)
    {
        _config = config;
        TwilioClient.Init(ApiKeySid, ApiKeySecret, AccountSid);
    }

    public async Task NotifyAsync(Order order)
    {
        var from = _config["Twilio:FromNumber"];
        await MessageResource.CreateAsync(
            body: $"Your order {order.Reference} has shipped.",
            from: new PhoneNumber(from),
            to: new PhoneNumber(order.CustomerPhone));
    }
}
