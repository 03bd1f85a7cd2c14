using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace TalentLink.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build a provider's context without starting the service.
/// A service declares <c>class SqliteXxxContextFactory : SqliteDesignTimeFactory&lt;SqliteXxxContext&gt;;</c>.
/// </summary>
public abstract class SqliteDesignTimeFactory<TContext> : IDesignTimeDbContextFactory<TContext> where TContext : DbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TContext>().UseSqlite("Data Source=design-time.db").Options;
        return (TContext)Activator.CreateInstance(typeof(TContext), options)!;
    }
}

public abstract class PostgresDesignTimeFactory<TContext> : IDesignTimeDbContextFactory<TContext> where TContext : DbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TContext>().UseNpgsql("Host=localhost;Database=design_time").Options;
        return (TContext)Activator.CreateInstance(typeof(TContext), options)!;
    }
}
