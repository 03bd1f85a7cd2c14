namespace TalentLink.Data.Replication;

/// <summary>One object stored in a replica target.</summary>
public sealed record ReplicaObject(string Name, long Length, DateTimeOffset LastModified);

/// <summary>
/// Where continuous backup keeps its copy: WAL segments, snapshots, uploads and the timeline's
/// small state files alike. Names are relative, <c>/</c>-separated and checked by
/// <see cref="ReplicaNames"/>, so a target maps them to paths or blob names without ever escaping
/// its root. Implementations: <see cref="DirectoryReplicaTarget"/> (a second disk, a mounted share)
/// and the Azure Blob Storage target. Compression and encryption wrap a target
/// (<see cref="EncryptedReplicaTarget"/>), they are not the callers' business.
/// </summary>
public interface IReplicaTarget
{
    /// <summary>A line for status output and logs: the directory or the container's address (never a secret).</summary>
    string Description { get; }

    /// <summary>Stores <paramref name="content"/> under <paramref name="name"/>, replacing any object of that name. Either the whole object is stored or none of it.</summary>
    Task PutAsync(string name, Stream content, CancellationToken cancellationToken = default);

    /// <summary>Opens an object for reading, or returns null when there is none of that name.</summary>
    Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The objects whose names start with <paramref name="prefix"/>, in ordinal order of their names.</summary>
    IAsyncEnumerable<ReplicaObject> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Deletes an object; deleting one that is not there is not an error.</summary>
    Task DeleteAsync(string name, CancellationToken cancellationToken = default);
}

/// <summary>A replica target could not be reached or refused the operation (disk full, permissions, emulator down).</summary>
public sealed class ReplicaUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
