using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TalentLink.Auth.Infrastructure;
using TalentLink.Auth.Model;

namespace TalentLink.Tests.Data;

/// <summary>
/// A time kept on an entity reads back as it was after the save, to the tick, on every provider:
/// PostgreSQL keeps microseconds and .NET 100-ns ticks, so the shared data library cuts every
/// written time to the microsecond, whichever clock call made it.
/// </summary>
[Trait("Category", "integration")]
public abstract class StorageTimeRoundTripTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : AuthFactory
{
    /// <summary>1 234 567 ticks past a whole second: 123 456 µs and 7 ticks (700 ns) that PostgreSQL cannot keep.</summary>
    private static readonly DateTimeOffset SubMicrosecond = new DateTimeOffset(2026, 12, 4, 18, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);

    [Fact]
    public async Task A_time_with_sub_microsecond_ticks_reads_back_as_the_entity_holds_it_after_the_save()
    {
        var user = NewUser();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<AuthContext>();
            context.Users.Add(user);
            await context.SaveChangesAsync();
        }

        Assert.Equal(user.CreatedAt, (await ReadAsync(user.Id)).CreatedAt);
    }

    [Fact]
    public async Task A_changed_time_with_sub_microsecond_ticks_reads_back_as_the_entity_holds_it_after_the_save()
    {
        var user = NewUser();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<AuthContext>();
            context.Users.Add(user);
            await context.SaveChangesAsync();
            user.LastActiveAt = SubMicrosecond.AddMinutes(5);
            await context.SaveChangesAsync();
        }

        Assert.Equal(user.LastActiveAt, (await ReadAsync(user.Id)).LastActiveAt);
    }

    private async Task<User> ReadAsync(Guid id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuthContext>().Users.AsNoTracking().SingleAsync(u => u.Id == id);
    }

    private static User NewUser() => new()
    {
        Email = $"storage-time-{Guid.NewGuid():N}@example.test",
        PasswordHash = "not-a-real-hash",
        Role = Roles.Candidate,
        CreatedAt = SubMicrosecond,
    };
}

public sealed class SqliteStorageTimeRoundTripTests(SqliteAuthFactory factory) : StorageTimeRoundTripTests<SqliteAuthFactory>(factory);

public sealed class PostgresStorageTimeRoundTripTests(PostgresAuthFactory factory) : StorageTimeRoundTripTests<PostgresAuthFactory>(factory);
