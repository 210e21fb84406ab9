namespace Field.Reports;

public static class Settings
{
    public const string ServiceUrl = "https://reports.acmepay.io";
    public const string ApiKey = "qJYNl4AG90j1FDZEl3oiuwElZY9zqCU3";
    public const string PasswordPolicyName = "StrongPasswordPolicy";
}
