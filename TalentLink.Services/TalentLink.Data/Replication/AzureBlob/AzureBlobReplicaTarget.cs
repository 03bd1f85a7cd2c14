using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace TalentLink.Data.Replication.AzureBlob;

/// <summary>
/// A replica in an Azure Blob Storage container (the target that matches the azd/Azure deployment;
/// Azurite in tests). A block blob upload commits in one step, so a reader sees the whole object or
/// none; the container is created on first use.
/// </summary>
public sealed class AzureBlobReplicaTarget : IReplicaTarget
{
    private readonly BlobContainerClient _container;
    private int _created;

    public AzureBlobReplicaTarget(string connectionString, string containerName)
        : this(new BlobContainerClient(connectionString, containerName, new BlobClientOptions { Retry = { MaxRetries = 2, NetworkTimeout = TimeSpan.FromSeconds(30) } }))
    {
    }

    public AzureBlobReplicaTarget(BlobContainerClient container) => _container = container;

    public string Description => "Azure Blob container " + _container.Uri.GetLeftPart(UriPartial.Path);

    public async Task PutAsync(string name, Stream content, CancellationToken cancellationToken = default)
    {
        ReplicaNames.Check(name);
        await Guard(name, async () =>
        {
            await EnsureContainerAsync(cancellationToken);
            await _container.GetBlobClient(name).UploadAsync(content, overwrite: true, cancellationToken);
            return true;
        });
    }

    public async Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken = default)
    {
        ReplicaNames.Check(name);
        return await Guard<Stream?>(name, async () =>
        {
            try
            {
                var download = await _container.GetBlobClient(name).DownloadStreamingAsync(cancellationToken: cancellationToken);
                return download.Value.Content;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return null;
            }
        });
    }

    public async IAsyncEnumerable<ReplicaObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ReplicaNames.CheckPrefix(prefix);
        var items = await Guard(prefix, async () =>
        {
            var list = new List<ReplicaObject>();
            try
            {
                await foreach (var blob in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix.Length == 0 ? null : prefix }, cancellationToken))
                {
                    if (ReplicaNames.IsValid(blob.Name))
                    {
                        list.Add(new ReplicaObject(blob.Name, blob.Properties.ContentLength ?? 0, blob.Properties.LastModified ?? DateTimeOffset.MinValue));
                    }
                }
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // No container yet: nothing has been shipped.
            }

            return list.OrderBy(o => o.Name, StringComparer.Ordinal).ToList();
        });

        foreach (var item in items)
        {
            yield return item;
        }
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        ReplicaNames.Check(name);
        await Guard(name, async () =>
        {
            try
            {
                await _container.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
            }

            return true;
        });
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created) == 0)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            Volatile.Write(ref _created, 1);
        }
    }

    /// <summary>Turns the SDK's failures (service errors, a refused connection, a timeout) into <see cref="ReplicaUnavailableException"/>.</summary>
    private async Task<T> Guard<T>(string name, Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (RequestFailedException ex)
        {
            throw new ReplicaUnavailableException($"{Description} refused {name}: {ex.Status} {ex.ErrorCode}", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or AggregateException or TaskCanceledException and not OperationCanceledException { CancellationToken.IsCancellationRequested: true })
        {
            throw new ReplicaUnavailableException($"{Description} is unreachable ({name}): {ex.Message}", ex);
        }
    }
}
