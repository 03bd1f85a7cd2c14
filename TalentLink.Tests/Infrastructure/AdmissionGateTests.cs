using System.Diagnostics;
using Microsoft.Extensions.Hosting;

namespace TalentLink.Tests.Infrastructure;

public sealed class AdmissionGateTests
{
    [Fact]
    public async Task Past_its_turns_and_line_the_gate_refuses_at_once_and_a_freed_turn_goes_to_the_first_waiter()
    {
        var gate = new AdmissionGate(concurrency: 1, queueLimit: 1);
        var holder = await gate.TryEnterAsync(CancellationToken.None);
        var waiter = gate.TryEnterAsync(CancellationToken.None).AsTask();

        Assert.Null(await gate.TryEnterAsync(CancellationToken.None));
        Assert.False(waiter.IsCompleted);

        holder!.Dispose();
        using var admitted = await waiter.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.NotNull(admitted);
        Assert.Equal(1, gate.InFlight);
    }

    [Fact]
    public async Task A_waiter_without_a_turn_within_the_longest_wait_is_refused_and_leaves_the_line()
    {
        var maxWait = TimeSpan.FromMilliseconds(200);
        var gate = new AdmissionGate(concurrency: 1, queueLimit: 10, maxWait);
        using var holder = await gate.TryEnterAsync(CancellationToken.None);

        var waited = Stopwatch.StartNew();
        var refused = await gate.TryEnterAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Null(refused);
        Assert.True(waited.Elapsed >= maxWait * 0.9, $"refused after {waited.ElapsedMilliseconds} ms, before its wait was up");
        Assert.Equal(1, gate.InFlight);
    }

    [Fact]
    public async Task A_waiter_whose_turn_comes_within_the_longest_wait_is_admitted()
    {
        var gate = new AdmissionGate(concurrency: 1, queueLimit: 10, TimeSpan.FromSeconds(30));
        var holder = await gate.TryEnterAsync(CancellationToken.None);
        var waiter = gate.TryEnterAsync(CancellationToken.None).AsTask();

        holder!.Dispose();

        using var admitted = await waiter.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.NotNull(admitted);
    }
}
