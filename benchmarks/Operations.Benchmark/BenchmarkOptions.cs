using System.Globalization;

namespace TalentLink.Benchmarks.Operations;

public sealed record BenchmarkOptions(int SizeMb, double Scale, string Postgres, string Directory)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new BenchmarkOptions(
            int.Parse(Value("--size-mb") ?? "1024", CultureInfo.InvariantCulture),
            double.Parse(Value("--scale") ?? "1.0", CultureInfo.InvariantCulture),
            Value("--postgres") ?? Environment.GetEnvironmentVariable("ConnectionStrings__postgres") ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres",
            Value("--dir") ?? Path.Combine(Path.GetTempPath(), "talentlink-benchmarks"));
    }
}
