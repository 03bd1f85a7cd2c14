using TalentLink.Data.Replication.AzureBlob;

namespace TalentLink.Data.Replication;

/// <summary>Builds the configured target, wrapped in its encryption: the one place that knows the kinds of target.</summary>
public static class ReplicaTargets
{
    public static EncryptedReplicaTarget Create(ReplicationOptions options)
    {
        if (options.Problem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        if (!options.Enabled)
        {
            throw new InvalidOperationException("Continuous backup is not configured: set Replication:Directory (or Replication:AzureBlobConnectionString) and Replication:EncryptionKey.");
        }

        IReplicaTarget inner = !string.IsNullOrWhiteSpace(options.AzureBlobConnectionString)
            ? new AzureBlobReplicaTarget(options.AzureBlobConnectionString, options.AzureBlobContainer)
            : new DirectoryReplicaTarget(options.Directory!);
        var cipher = new ReplicaCipher(
            ReplicaKey.Parse(options.EncryptionKey, "Replication:EncryptionKey"),
            options.PreviousEncryptionKeys.Select(k => ReplicaKey.Parse(k, "Replication:PreviousEncryptionKeys")));
        return new EncryptedReplicaTarget(inner, cipher);
    }
}
