namespace Furrowline.Operator;

public static class Constants
{
    public const string FleetApi = "https://fleet.furrowline.io";
    public const string MapsApiKey = "AIzan9VmN0h9YKYoWq9Wd1LYoy53rhMqVzV4TrX";
    internal const string TelemetryIngestKey = "WZX1W7Id9GwS6ce5bPaSlvxBEGUjrtv77MqfL2Cn";
    public const string OidcClientId = "operator-app";
    public const string OidcRedirect = "furrowline.operator://callback";
}
