using System.Data.SqlClient;
using System.Net.Http;

public class Telemetry
{
    private readonly HttpClient _http = new HttpClient();
    private const string ConnString =
        "Server=tcp:bf-telemetry.database.windows.net,1433;User ID=telemetry;Password=banana-stage-31;";

    public Telemetry()
    {
        _http.DefaultRequestHeaders.Add("X-API-Key", "Pm9HBiEC9En5NI34lLZtuXT2DP4A5diA");
    }

    private static readonly System.Guid SessionNamespace = System.Guid.Parse("7b86171a-f7d8-4b2a-bae1-e9487ae6b0dd");

    public SqlConnection Open(string user, string password) => new SqlConnection(ConnString);
}
