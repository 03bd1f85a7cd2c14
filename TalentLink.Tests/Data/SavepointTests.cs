using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TalentLink.Auth.Infrastructure;
using TalentLink.Auth.Model;

namespace TalentLink.Tests.Data;

/// <summary>
/// A save inside a caller's transaction is one batch: no <c>SAVEPOINT</c> before it and no
/// <c>RELEASE</c> after it (two round trips each time on PostgreSQL), and the transaction still
/// commits or rolls back as a whole.
/// </summary>
public abstract class SavepointTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : AuthFactory
{
    [Fact]
    public async Task A_save_in_a_transaction_creates_no_savepoint_and_the_transaction_stays_all_or_nothing()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<AuthContext>();
        using var savepoints = new SavepointCounter(context);
        var kept = NewUser();
        var discarded = NewUser();

        await SaveInTransactionAsync(context, kept, commit: true);
        await SaveInTransactionAsync(context, discarded, commit: false);

        Assert.Equal(0, savepoints.Count);
        Assert.True(await context.Users.AnyAsync(u => u.Id == kept.Id));
        Assert.False(await context.Users.AnyAsync(u => u.Id == discarded.Id));
    }

    private static async Task SaveInTransactionAsync(AuthContext context, User user, bool commit)
    {
        await context.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await context.Database.BeginTransactionAsync();
            context.Users.Add(user);
            await context.SaveChangesAsync();
            user.LastActiveAt = user.CreatedAt.AddMinutes(1);
            await context.SaveChangesAsync();
            await (commit ? transaction.CommitAsync() : transaction.RollbackAsync());
        });
        context.ChangeTracker.Clear();
    }

    private static User NewUser() => new()
    {
        Email = $"savepoint-{Guid.NewGuid():N}@example.test",
        PasswordHash = "not-a-real-hash",
        Role = Roles.Candidate,
        CreatedAt = DateTimeOffset.UtcNow,
    };

    /// <summary>EF's own diagnostic events for savepoints created by one context.</summary>
    private sealed class SavepointCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly DbContext _context;
        private readonly List<IDisposable> _subscriptions = [];
        private int _count;

        public SavepointCounter(DbContext context)
        {
            _context = context;
            _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        public int Count => Volatile.Read(ref _count);

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(listener.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CreatingTransactionSavepoint.Name &&
                value.Value is TransactionEventData data && ReferenceEquals(data.Context, _context))
            {
                Interlocked.Increment(ref _count);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            lock (_subscriptions)
            {
                _subscriptions.ForEach(s => s.Dispose());
            }
        }
    }
}

[Trait("Category", "integration")]
public sealed class SqliteSavepointTests(SqliteAuthFactory factory) : SavepointTests<SqliteAuthFactory>(factory);

[Trait("Category", "integration")]
public sealed class PostgresSavepointTests(PostgresAuthFactory factory) : SavepointTests<PostgresAuthFactory>(factory);
