using TalentLink.Benchmarks.Replication;

// dotnet run -c Release --project benchmarks/Replication.Benchmark -- [rpo|overhead|restore|all] [--runs N] [--restore-mb N]
// writer --db <file> [--replica <dir> --key <key>] [--interval-ms N] [--pause-ms N]   (the process the RPO runs kill)
var mode = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
int IntArg(string name, int fallback) => int.TryParse(Arg(name), out var value) ? value : fallback;

if (mode == "writer")
{
    return await SteadyWriter.RunAsync(Arg("--db")!, Arg("--replica"), Arg("--key"),
        TimeSpan.FromMilliseconds(IntArg("--interval-ms", 1000)), Arg("--pause-ms") is { } pause ? TimeSpan.FromMilliseconds(int.Parse(pause)) : null);
}

var runs = IntArg("--runs", 3);
if (mode is "rpo" or "all")
{
    await RpoBenchmark.RunAsync(runs);
}

if (mode is "overhead" or "all")
{
    await OverheadBenchmark.RunAsync(Math.Max(3, runs), TimeSpan.FromSeconds(IntArg("--seconds", 10)));
}

if (mode is "restore" or "all")
{
    await RestoreTimeBenchmark.RunAsync(IntArg("--restore-mb", 1024));
}

return 0;
