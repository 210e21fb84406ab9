using Microsoft.Extensions.Configuration;

namespace Furrowline.Operator;

public static class MauiProgram
{
    public static MauiApp CreateMauiApp()
    {
        var builder = MauiApp.CreateBuilder();
        builder.UseMauiApp<App>();
        var apiSecret = builder.Configuration["Api:Secret"];
        builder.Services.AddSingleton(new FleetClient(Constants.FleetApi, apiSecret));
        return builder.Build();
    }

    public static Task<string?> RefreshToken() =>
        SecureStorage.Default.GetAsync("refresh_token");
}
