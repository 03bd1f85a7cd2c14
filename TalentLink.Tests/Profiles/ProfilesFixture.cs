using TalentLink.Data;
using TalentLink.Profiles.Model;

namespace TalentLink.Tests.Profiles;

/// <summary>Profiles and Auth in process on one provider, shared by the Profiles tests of that provider.</summary>
public abstract class ProfilesFixture(DatabaseProvider provider) : AuthenticatedServiceFixture<ProfilesServices>(provider, "profiledb");

public sealed class SqliteProfilesFixture() : ProfilesFixture(DatabaseProvider.Sqlite);

public sealed class PostgresProfilesFixture() : ProfilesFixture(DatabaseProvider.Postgres);

[CollectionDefinition(Name)]
public sealed class SqliteProfilesCollection : ICollectionFixture<SqliteProfilesFixture>
{
    public const string Name = "Profiles on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresProfilesCollection : ICollectionFixture<PostgresProfilesFixture>
{
    public const string Name = "Profiles on PostgreSQL";
}
