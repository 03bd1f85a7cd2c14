using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace TalentLink.Operations.Catalog;

/// <summary>
/// One relational service as operations see it: its database name and the two provider flavours of
/// its EF context. Found by reflection (see <see cref="ServiceContexts"/>), never listed by hand.
/// </summary>
public sealed record ServiceContext(string DatabaseName, Type SqliteContext, Type PostgresContext)
{
    /// <summary><c>authdb</c> → <c>auth.db</c>, the file name the AppHost gives the service.</summary>
    public string SqliteFileName => SqliteFiles.FileNameFor(DatabaseName);

    public DbContext CreateSqlite(string connectionString) =>
        Create(SqliteContext, builder => builder.UseSqlite(connectionString));

    public DbContext CreatePostgres(string connectionString) =>
        Create(PostgresContext, builder => builder.UseNpgsql(connectionString));

    private static DbContext Create(Type contextType, Action<DbContextOptionsBuilder> configure)
    {
        var builder = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(contextType))!;
        configure(builder);
        return (DbContext)Activator.CreateInstance(contextType, builder.Options)!;
    }
}

/// <summary>
/// Finds every service context. The rule: a service's abstract context derives from
/// <see cref="ServiceDbContext"/> and carries <see cref="ServiceDatabaseAttribute"/> (or is named
/// <c>XxxContext</c> for database <c>xxxdb</c>); its concrete flavours derive from it and are named
/// <c>Sqlite…</c> and <c>Postgres…</c>. Assemblies are those beside the running program that
/// reference TalentLink.Data, so referencing a new service project is all it takes.
/// </summary>
public static class ServiceContexts
{
    private static readonly string DataAssemblyName = typeof(ServiceDbContext).Assembly.GetName().Name!;

    public static IReadOnlyList<ServiceContext> Discover() => FromAssemblies(ServiceAssembliesIn(AppContext.BaseDirectory));

    public static IReadOnlyList<ServiceContext> FromAssemblies(IEnumerable<Assembly> assemblies)
    {
        var concrete = assemblies.Distinct()
            .SelectMany(LoadableTypes)
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ServiceDbContext).IsAssignableFrom(t))
            .ToList();

        return concrete
            .GroupBy(t => t.BaseType!)
            .Select(group =>
            {
                var sqlite = group.SingleOrDefault(t => t.Name.StartsWith("Sqlite", StringComparison.Ordinal));
                var postgres = group.SingleOrDefault(t => t.Name.StartsWith("Postgres", StringComparison.Ordinal));
                return sqlite is null || postgres is null ? null : new ServiceContext(DatabaseNameOf(group.Key), sqlite, postgres);
            })
            .OfType<ServiceContext>()
            .OrderBy(s => s.DatabaseName, StringComparer.Ordinal)
            .ToList();
    }

    public static string DatabaseNameOf(Type context) =>
        context.GetCustomAttribute<ServiceDatabaseAttribute>(inherit: true)?.Name
        ?? (context.Name.EndsWith("Context", StringComparison.Ordinal) ? context.Name[..^"Context".Length] : context.Name).ToLowerInvariant() + "db";

    /// <summary>Loads the assemblies in <paramref name="directory"/> whose metadata references TalentLink.Data.</summary>
    public static IEnumerable<Assembly> ServiceAssembliesIn(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "*.dll"))
        {
            if (ReferencesDataLibrary(file))
            {
                yield return Assembly.Load(AssemblyName.GetAssemblyName(file));
            }
        }
    }

    private static bool ReferencesDataLibrary(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
            {
                return false;
            }

            var metadata = pe.GetMetadataReader();
            return metadata.AssemblyReferences.Any(handle =>
                metadata.GetString(metadata.GetAssemblyReference(handle).Name) == DataAssemblyName);
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            return ex.Types.OfType<Type>();
        }
    }
}
