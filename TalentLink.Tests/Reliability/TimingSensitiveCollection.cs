namespace TalentLink.Tests.Reliability;

/// <summary>
/// Tests that assert how long something waits run on their own, after the parallel tests, so the
/// figure is the service's and not the CPU starvation caused by the rest of the suite.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitiveCollection
{
    public const string Name = "Timing-sensitive (runs alone)";
}
