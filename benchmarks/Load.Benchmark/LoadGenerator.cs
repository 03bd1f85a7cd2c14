using System.Diagnostics;

namespace TalentLink.Benchmarks.Load;

/// <summary>One user's next request (including its timing and recording); the generator adds the think time.</summary>
internal interface IScenario
{
    Task StepAsync(int user, Random random, LatencyRecorder recorder);
}

/// <summary>
/// Runs N simulated users, each an endless loop of request, think, request… Users start spread
/// over the ramp (so they do not arrive in lock step), then a measured window of the given length
/// follows. With no think time this is a closed loop: N requests always in flight, which measures
/// saturation throughput.
/// </summary>
internal static class LoadGenerator
{
    public static async Task<LatencyRecorder> RunAsync(IScenario scenario, int users, TimeSpan thinkMin, TimeSpan thinkMax, TimeSpan ramp, TimeSpan duration)
    {
        var recorder = new LatencyRecorder();
        var started = Stopwatch.GetTimestamp();
        recorder.Window(started + Ticks(ramp), started + Ticks(ramp + duration));
        var end = ramp + duration;
        var loops = new Task[users];
        for (var user = 0; user < users; user++)
        {
            var index = user;
            loops[user] = Task.Run(async () =>
            {
                var random = new Random(HashCode.Combine(index, started));
                await Task.Delay(ramp * random.NextDouble());
                while (Stopwatch.GetElapsedTime(started) < end)
                {
                    await scenario.StepAsync(index, random, recorder);
                    var think = thinkMin + (thinkMax - thinkMin) * random.NextDouble();
                    if (think > TimeSpan.Zero)
                    {
                        await Task.Delay(think);
                    }
                }
            });
        }

        await Task.WhenAll(loops);
        return recorder;
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
