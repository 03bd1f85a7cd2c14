using TalentLink.Data.Replication;

namespace TalentLink.Tests.Replication;

/// <summary>A target that can be switched off, as a disk unmounted or an emulator stopped.</summary>
public sealed class SwitchableTarget(IReplicaTarget inner) : IReplicaTarget
{
    public volatile bool Down;

    public string Description => inner.Description;

    public Task PutAsync(string name, Stream content, CancellationToken cancellationToken = default) => Guard(() => inner.PutAsync(name, content, cancellationToken));

    public Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken = default) => Guard(() => inner.OpenReadAsync(name, cancellationToken));

    public IAsyncEnumerable<ReplicaObject> ListAsync(string prefix, CancellationToken cancellationToken = default) =>
        Down ? throw new ReplicaUnavailableException("target down") : inner.ListAsync(prefix, cancellationToken);

    public Task DeleteAsync(string name, CancellationToken cancellationToken = default) => Guard(() => inner.DeleteAsync(name, cancellationToken));

    private Task<T> Guard<T>(Func<Task<T>> action) => Down ? throw new ReplicaUnavailableException("target down") : action();

    private Task Guard(Func<Task> action) => Down ? throw new ReplicaUnavailableException("target down") : action();
}
