// Seeds N offers (default 100,000) into a throw-away database on each provider, then times the
// search the Offers API runs (OfferSearch.RunAsync: count + one page), cold context per query, as a
// request would. Usage:
//   dotnet run -c Release --project benchmarks/OfferSearch.Benchmark -- [--offers 100000] [--provider sqlite|postgres|both]
//       [--postgres "Host=127.0.0.1;Username=postgres;Password=postgres"] [--iterations 30] [--keep]
using TalentLink.Benchmarks.Search;

var options = BenchmarkOptions.Parse(args);
Console.WriteLine($"Offer search benchmark: {options.Offers:N0} offers, {options.Iterations} timed runs per query (after {BenchmarkOptions.Warmup} warm-up runs).");

foreach (var provider in options.Providers)
{
    await using var database = await BenchmarkDatabase.CreateAsync(provider, options.PostgresServer, options.Keep);
    await database.SeedAsync(options.Offers);
    await SearchBenchmark.RunAsync(database, options.Iterations);
}
