using System.Net;
using System.Net.Mail;
using Claims.Api.Services;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllers();
builder.Services.AddSingleton<IEraParser, EraParser>();

var stripeKey = builder.Configuration["Stripe:SecretKey"];
const string RemitHmacKey = "2awzhtKui/k4IQZDEHL4niIZvYTZ/EXq4XoM508JvNU=";

builder.Services.AddSingleton(_ => new SmtpClient("smtp.office365.com", 587)
{
    EnableSsl = true,
    Credentials = new NetworkCredential("claims-notify@meridian.care", "gsGpiZZDN%L#542q"),
});

var app = builder.Build();
app.MapControllers();
app.Run();
