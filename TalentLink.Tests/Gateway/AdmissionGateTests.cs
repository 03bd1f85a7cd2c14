using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace TalentLink.Tests.Gateway;

[Trait("Category", "unit")]
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

    [Fact]
    public async Task A_stall_shorter_than_the_burst_wait_delays_the_waiters_instead_of_refusing_them()
    {
        var gate = new AdmissionGate(concurrency: 1, queueLimit: 10, Hiccup);
        var stalled = await gate.TryEnterAsync(CancellationToken.None);
        var waiters = Enumerable.Range(0, 5).Select(_ => gate.TryEnterAsync(CancellationToken.None).AsTask()).ToList();

        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.All(waiters, w => Assert.False(w.IsCompleted));
        stalled!.Dispose();

        foreach (var waiter in waiters)
        {
            using var admitted = await waiter.WaitAsync(TimeSpan.FromSeconds(5));
            Assert.NotNull(admitted);
        }

        Assert.False(gate.Overloaded);
    }

    [Fact]
    public async Task Once_the_line_has_stood_past_overload_after_a_new_waiter_is_refused_within_the_short_wait()
    {
        var time = new FakeTimeProvider();
        var gate = new AdmissionGate(concurrency: 1, queueLimit: 10, Hiccup, time);
        var holder = await gate.TryEnterAsync(CancellationToken.None);
        var early = gate.TryEnterAsync(CancellationToken.None).AsTask();
        Assert.False(gate.Overloaded);

        time.Advance(Hiccup.OverloadAfter);
        Assert.True(gate.Overloaded);
        var waited = Stopwatch.StartNew();
        var late = await gate.TryEnterAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Null(late);
        Assert.True(waited.Elapsed < Hiccup.Burst / 2, $"refused after {waited.ElapsedMilliseconds} ms, not within the short wait");
        Assert.False(early.IsCompleted);

        // The line drains: the next arrival with a free turn ends the overload.
        holder!.Dispose();
        (await early.WaitAsync(TimeSpan.FromSeconds(5)))!.Dispose();
        using var after = await gate.TryEnterAsync(CancellationToken.None);
        Assert.NotNull(after);
        Assert.False(gate.Overloaded);
    }

    /// <summary>Up to 3 s in a line that has stood under 2 s; 100 ms after.</summary>
    private static readonly AdmissionWaits Hiccup = new(TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2));
}
