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
/// saturation throughput. Each user's choices come from its own generator seeded with
/// <c>seed</c> and its number, so two platforms loaded with the same seed get the same sequence of
/// operations (the same number of password sign-ins, say) and their figures compare like for like.
/// </summary>
internal static class LoadGenerator
{
    public static async Task<LatencyRecorder> RunAsync(IScenario scenario, int users, TimeSpan thinkMin, TimeSpan thinkMax, TimeSpan ramp, TimeSpan duration, int seed)
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
                var random = new Random(unchecked(seed * 1_000_003 + index));
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
