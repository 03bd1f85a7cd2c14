using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using TalentLink.Data;

namespace TalentLink.Tests.Data;

/// <summary>
/// Every provider context of every service has its migrations checked in and up to date. New
/// services are picked up by reflection over the service assemblies this project references.
/// </summary>
[Trait("Category", "integration")]
public sealed class MigrationTests
{
    public static TheoryData<Type> ProviderContexts()
    {
        var data = new TheoryData<Type>();
        foreach (var type in Contexts())
        {
            data.Add(type);
        }

        return data;
    }

    private static List<Type> Contexts() => ServiceAssemblies().SelectMany(a => a.GetTypes())
        .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(ServiceDbContext).IsAssignableFrom(t))
        .OrderBy(t => t.FullName)
        .ToList();

    [Theory]
    [MemberData(nameof(ProviderContexts))]
    public void The_model_has_no_changes_missing_from_its_migrations(Type contextType)
    {
        using var context = CreateDesignTimeContext(contextType);
        Assert.NotEmpty(context.Database.GetMigrations());
        Assert.False(context.Database.HasPendingModelChanges(),
            $"{contextType.Name} has model changes without a migration. Add one with: " +
            $"dotnet ef migrations add <Name> --context {contextType.Name} --output-dir Infrastructure/Migrations/{(contextType.Name.StartsWith("Sqlite") ? "Sqlite" : "Postgres")}");
    }

    [Fact]
    public void Every_service_context_has_a_sqlite_and_a_postgres_flavour()
    {
        var contexts = Contexts();
        Assert.NotEmpty(contexts);
        foreach (var group in contexts.GroupBy(t => t.BaseType))
        {
            Assert.Contains(group, t => t.Name.StartsWith("Sqlite", StringComparison.Ordinal));
            Assert.Contains(group, t => t.Name.StartsWith("Postgres", StringComparison.Ordinal));
        }
    }

    private static DbContext CreateDesignTimeContext(Type contextType)
    {
        var factoryType = contextType.Assembly.GetTypes().Single(t =>
            t.GetInterfaces().Any(i => i.IsGenericType
                && i.GetGenericTypeDefinition() == typeof(Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<>)
                && i.GetGenericArguments()[0] == contextType));
        dynamic factory = Activator.CreateInstance(factoryType)!;
        return (DbContext)factory.CreateDbContext(Array.Empty<string>());
    }

    private static IEnumerable<System.Reflection.Assembly> ServiceAssemblies() =>
    [
        typeof(TalentLink.Auth.Model.AuthServices).Assembly,
        typeof(TalentLink.Profiles.Model.ProfilesServices).Assembly,
        typeof(TalentLink.Offers.Model.OffersServices).Assembly,
        typeof(TalentLink.Messaging.Model.MessagingServices).Assembly,
        typeof(TalentLink.Appointments.Model.AppointmentServices).Assembly,
        typeof(TalentLink.Reports.Model.ReportServices).Assembly,
        typeof(TalentLink.Audit.Model.AuditServices).Assembly,
    ];
}
