using TalentLink.Benchmarks.Operations;

// dotnet run -c Release --project benchmarks/Operations.Benchmark -- snapshot [--size-mb 1024] [--dir /tmp/x]
// dotnet run -c Release --project benchmarks/Operations.Benchmark -- migrate  [--scale 1.0] [--postgres "Host=…"] [--dir /tmp/x]
var mode = args.FirstOrDefault();
if (mode == "snapshot-once" && args.Length == 4)
{
    return SnapshotBenchmark.SnapshotOnce(args[1], args[2], args[3]);
}

var options = BenchmarkOptions.Parse(args.Skip(1).ToArray());
return mode switch
{
    "snapshot" => SnapshotBenchmark.Run(options),
    "migrate" => await MigrationBenchmark.RunAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: talentlink-benchmarks snapshot|migrate [--size-mb N] [--scale F] [--postgres CONNECTION] [--dir DIRECTORY]");
    return 1;
}
