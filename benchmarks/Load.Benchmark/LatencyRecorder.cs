using System.Collections.Concurrent;

namespace TalentLink.Benchmarks.Load;

/// <summary>
/// Latencies and failures of one run, per operation. Only requests started inside the measured
/// window are kept (the ramp-up before it is not).
/// </summary>
internal sealed class LatencyRecorder
{
    private readonly ConcurrentDictionary<string, OperationSamples> _operations = new(StringComparer.Ordinal);

    private long _windowStart = long.MinValue;
    private long _windowEnd = long.MaxValue;

    /// <summary>The measured window, in <see cref="System.Diagnostics.Stopwatch"/> ticks.</summary>
    public void Window(long start, long end) => (_windowStart, _windowEnd) = (start, end);

    /// <summary>Keeps a request that started inside the window, however long it took to finish.</summary>
    public void Record(string operation, long startedAt, double milliseconds, string? error)
    {
        if (startedAt < _windowStart || startedAt >= _windowEnd)
        {
            return;
        }

        var samples = _operations.GetOrAdd(operation, _ => new OperationSamples());
        lock (samples)
        {
            samples.Latencies.Add(milliseconds);
            if (error is null)
            {
                samples.Served.Add(milliseconds);
            }
            else
            {
                samples.Errors[error] = samples.Errors.GetValueOrDefault(error) + 1;
            }
        }
    }

    public RunResult Result(string name, TimeSpan measured, LockWaits? lockWaits)
    {
        var operations = _operations
            .OrderBy(o => o.Key, StringComparer.Ordinal)
            .Select(o => OperationResult.From(o.Key, o.Value.Latencies, o.Value.Errors, measured))
            .ToList();
        var all = _operations.Values.SelectMany(o => o.Latencies).ToList();
        var errors = _operations.Values.SelectMany(o => o.Errors)
            .GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Sum(e => e.Value), StringComparer.Ordinal);
        var served = _operations.Values.SelectMany(o => o.Served).ToList();
        return new RunResult(name, OperationResult.From("all", all, errors, measured), operations, lockWaits)
        {
            Served = OperationResult.From("served", served, new Dictionary<string, int>(), measured),
        };
    }

    private sealed class OperationSamples
    {
        public List<double> Latencies { get; } = [];

        /// <summary>The latencies of the requests answered with success (no 503 shed, no failure).</summary>
        public List<double> Served { get; } = [];

        public Dictionary<string, int> Errors { get; } = new(StringComparer.Ordinal);
    }
}

internal sealed record OperationResult(string Name, int Count, double Throughput, double P50, double P95, double P99, double Max, IReadOnlyDictionary<string, int> Errors)
{
    public int ErrorCount => Errors.Values.Sum();

    public string ErrorText => Errors.Count == 0 ? "0"
        : string.Join(" ", Errors.OrderByDescending(e => e.Value).Select(e => $"{e.Key}×{e.Value}"));

    public static OperationResult From(string name, List<double> latencies, IReadOnlyDictionary<string, int> errors, TimeSpan measured)
    {
        var sorted = latencies.ToArray();
        Array.Sort(sorted);
        double Percentile(double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return new OperationResult(name, sorted.Length, sorted.Length / measured.TotalSeconds,
            Percentile(0.50), Percentile(0.95), Percentile(0.99), sorted.Length == 0 ? 0 : sorted[^1],
            new Dictionary<string, int>(errors, StringComparer.Ordinal));
    }
}

/// <summary>Σ time write transactions waited to begin, from the services' capacity statistics.</summary>
internal sealed record LockWaits(double Seconds, double RequestSeconds, string Source)
{
    public static LockWaits? Between(LockWaits? before, LockWaits? after) =>
        before is null || after is null ? null : new(after.Seconds - before.Seconds, after.RequestSeconds - before.RequestSeconds, after.Source);

    public double Share => RequestSeconds <= 0 ? 0 : Seconds / RequestSeconds;
}

internal sealed record RunResult(string Name, OperationResult Total, IReadOnlyList<OperationResult> Operations, LockWaits? LockWaits)
{
    /// <summary>CPU milliseconds per request of each part of the platform over the measured window, costliest first.</summary>
    public IReadOnlyList<(string Part, double MillisecondsPerRequest)> CpuPerRequest { get; init; } = [];

    /// <summary>
    /// The requests answered with success only: with overload shedding, what the admitted requests
    /// got (the <see cref="Total"/> latencies include the quick refusals).
    /// </summary>
    public OperationResult? Served { get; init; }

    /// <summary>Which interleaved pair the run belongs to (1 when there is one).</summary>
    public int Pair { get; init; } = 1;

    /// <summary>What the PostgreSQL server saw during the run (<see cref="ServerStalls"/>); null without a server.</summary>
    public string? ServerStalls { get; init; }

    /// <summary>The machine's load average when the run ended (the machine may be shared).</summary>
    public string LoadAverage { get; init; } = Machine.LoadAverage();
}
