using System;

namespace BlueFinch.Backend
{
    public static class BackendConfig
    {
        public const string PlayFabTitleId = "7F3A2";
        public const string PlayFabDeveloperSecret = "BYPNFEMBDTUHJDBTV45YDPM1FKGO0SBR8I3P2Y4BJ5P7NBI0FHK1";
        private static readonly string ServerSecret =
            Environment.GetEnvironmentVariable("SERVER_SECRET") ?? "fvEQsebHFG6tv9lMku09HF3RGmD0R4ULSgNvWIO4";

        public static GameApiClient CreateClient()
        {
            return new GameApiClient("a632dde84afadf57b9b13ebb6f7c86e1");
        }
    }

    public class LoginRequest
    {
        public string Username { get; set; }
        public string Password { get; set; }
    }
}
