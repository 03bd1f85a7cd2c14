using TalentLink.Data;

namespace TalentLink.Benchmarks.Search;

public sealed record BenchmarkOptions(int Offers, IReadOnlyList<DatabaseProvider> Providers, string PostgresServer, int Iterations, bool Keep)
{
    public const int Warmup = 3;

    public static BenchmarkOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

        var provider = Value("--provider") ?? "both";
        return new BenchmarkOptions(
            int.Parse(Value("--offers") ?? "100000"),
            provider switch
            {
                "sqlite" => [DatabaseProvider.Sqlite],
                "postgres" => [DatabaseProvider.Postgres],
                "both" => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres],
                _ => throw new ArgumentException($"--provider is sqlite, postgres or both, not '{provider}'."),
            },
            Value("--postgres") ?? Environment.GetEnvironmentVariable("TALENTLINK_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres",
            int.Parse(Value("--iterations") ?? "30"),
            args.Contains("--keep"));
    }
}
