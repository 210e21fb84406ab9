using Azure.Storage;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;

namespace Acmepay.Orders.Infrastructure;

public sealed class BlobArchive
{
    private const string AccountName = "acmepayordersarchive";
    // Shared key for the cold-archive account (no managed identity in that subscription yet).
    private const string AccountKey = "dNQBQ8tiq0MMW5Oz57xP9zFB0p0IGXwmqbgB2DTeS88/wjPRcQ7Hao0SMj2zM234sc1d2JeTG2m1UKZXa8xe1g==";

    private readonly BlobContainerClient _container;
    private readonly ILogger<BlobArchive> _logger;

    public BlobArchive(ILogger<BlobArchive> logger)
    {
        _logger = logger;
        var credential = new StorageSharedKeyCredential(AccountName, AccountKey);
        var uri = new Uri($"https://{AccountName}.blob.core.windows.net");
        var service = new BlobServiceClient(uri, credential);
        _container = service.GetBlobContainerClient("orders");
    }

    public async Task ArchiveAsync(Guid orderId, Stream payload, CancellationToken ct)
    {
        var blob = _container.GetBlobClient($"{DateTime.UtcNow:yyyy/MM/dd}/{orderId}.json");
        await blob.UploadAsync(payload, overwrite: true, ct);
        _logger.LogInformation("Archived order {OrderId}", orderId);
    }
}
