using TalentLink.Data;

namespace TalentLink.Tests.Data;

[Trait("Category", "unit")]
public sealed class SqliteFilesTests
{
    [Fact]
    public void Every_relational_database_has_the_file_name_operators_know_and_back()
    {
        Assert.Equal("auth.db", SqliteFiles.FileNameFor(ResourceNames.AuthDb));
        Assert.Equal("offers.db", SqliteFiles.FileNameFor(ResourceNames.OffersDb));
        Assert.All(ResourceNames.RelationalDatabases, name => Assert.Equal(name, SqliteFiles.DatabaseNameFor(SqliteFiles.FileNameFor(name))));
    }

    [Fact]
    public void The_file_behind_a_connection_string_is_a_full_path_or_none()
    {
        Assert.Equal(Path.GetFullPath("data/auth.db"), SqliteFiles.PathOf("Data Source=data/auth.db;Pooling=False"));
        Assert.Equal(Path.GetFullPath("/srv/app/data/auth.db"), SqliteFiles.PathOf("Data Source=data/auth.db", "/srv/app"));
        Assert.Null(SqliteFiles.PathOf("Data Source=:memory:"));
        Assert.Null(SqliteFiles.PathOf("Data Source=file:auth?mode=memory&cache=shared"));
        Assert.Null(SqliteFiles.PathOf(""));
        Assert.Throws<ArgumentException>(() => SqliteFiles.PathOf("Host=db;Database=authdb"));
    }
}
