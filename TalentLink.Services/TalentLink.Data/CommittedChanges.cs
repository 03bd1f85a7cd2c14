using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TalentLink.Data;

/// <summary>
/// Tells a service which entity types its committed <c>SaveChanges</c> calls wrote, once they are
/// durable: right after <c>SaveChanges</c> when it ran its own transaction, or when the caller's
/// transaction commits (never for one rolled back). Caches of what a service reads subscribe to it to
/// drop entries a write made stale; registered by <c>AddServiceDatabase</c> for every service.
/// </summary>
/// <remarks>
/// Only change-tracked writes are seen: <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> and raw SQL bypass
/// <c>SaveChanges</c>, so code that uses them on cached entities must also call <see cref="PublishAsync"/>.
/// </remarks>
public sealed class CommittedChanges
{
    private readonly List<(IReadOnlySet<Type> Types, Func<CancellationToken, ValueTask> Handler)> _subscriptions = [];

    public CommittedChanges() => Interceptor = new CommittedChangesInterceptor(this);

    /// <summary>The EF interceptor that feeds this instance; added to the service's context options.</summary>
    internal IInterceptor Interceptor { get; }

    /// <summary>Runs <paramref name="handler"/> after every committed write of one of <paramref name="entityTypes"/>.</summary>
    public void Subscribe(Func<CancellationToken, ValueTask> handler, params Type[] entityTypes)
    {
        lock (_subscriptions)
        {
            _subscriptions.Add((entityTypes.ToHashSet(), handler));
        }
    }

    /// <summary>
    /// Announces a committed write of <paramref name="entityTypes"/>; returns once every interested
    /// subscriber has run, so the writer's response follows the eviction it caused.
    /// </summary>
    public async ValueTask PublishAsync(IReadOnlySet<Type> entityTypes, CancellationToken cancellationToken = default)
    {
        List<Func<CancellationToken, ValueTask>> handlers;
        lock (_subscriptions)
        {
            handlers = _subscriptions.Where(s => s.Types.Overlaps(entityTypes)).Select(s => s.Handler).ToList();
        }

        foreach (var handler in handlers)
        {
            await handler(cancellationToken);
        }
    }

    /// <summary>
    /// Notes the entity types a <c>SaveChanges</c> is about to write, and publishes them once they are
    /// committed: a pending set is kept per context while the caller's transaction is open.
    /// </summary>
    private sealed class CommittedChangesInterceptor(CommittedChanges changes) : ISaveChangesInterceptor, IDbTransactionInterceptor
    {
        private readonly ConditionalWeakTable<DbContext, HashSet<Type>> _saving = [];
        private readonly ConditionalWeakTable<DbContext, HashSet<Type>> _uncommitted = [];

        public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            Note(eventData.Context);
            return result;
        }

        public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Note(eventData.Context);
            return ValueTask.FromResult(result);
        }

        public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
        {
            Publish(Saved(eventData.Context));
            return result;
        }

        public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            if (Saved(eventData.Context) is { } types)
            {
                await changes.PublishAsync(types, CancellationToken.None);
            }

            return result;
        }

        public void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context, _saving);

        public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            Forget(eventData.Context, _saving);
            return Task.CompletedTask;
        }

        public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Publish(Committed(eventData.Context));

        public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (Committed(eventData.Context) is { } types)
            {
                await changes.PublishAsync(types, CancellationToken.None);
            }
        }

        public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context, _uncommitted);

        public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Forget(eventData.Context, _uncommitted);
            return Task.CompletedTask;
        }

        private void Note(DbContext? context)
        {
            if (context is null)
            {
                return;
            }

            var types = context.ChangeTracker.Entries()
                .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
                .Select(e => e.Metadata.ClrType)
                .ToHashSet();
            if (types.Count > 0)
            {
                _saving.AddOrUpdate(context, types);
            }
        }

        /// <summary>The types to publish now, or null: none written, or the caller's transaction is still open.</summary>
        private HashSet<Type>? Saved(DbContext? context)
        {
            if (context is null || !_saving.TryGetValue(context, out var types))
            {
                return null;
            }

            _saving.Remove(context);
            if (context.Database.CurrentTransaction is null)
            {
                return types;
            }

            // Published once the caller's transaction commits.
            _uncommitted.GetOrCreateValue(context).UnionWith(types);
            return null;
        }

        private HashSet<Type>? Committed(DbContext? context)
        {
            if (context is null || !_uncommitted.TryGetValue(context, out var types))
            {
                return null;
            }

            _uncommitted.Remove(context);
            return types;
        }

        // EF's synchronous paths: subscribers are in-process (a memory cache's eviction completes at once).
        private void Publish(HashSet<Type>? types)
        {
            if (types is not null)
            {
                changes.PublishAsync(types).AsTask().GetAwaiter().GetResult();
            }
        }

        private static void Forget(DbContext? context, ConditionalWeakTable<DbContext, HashSet<Type>> table)
        {
            if (context is not null)
            {
                table.Remove(context);
            }
        }
    }
}
