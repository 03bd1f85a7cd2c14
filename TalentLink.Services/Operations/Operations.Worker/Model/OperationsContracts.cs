namespace TalentLink.Operations.Worker.Model;

/// <param name="State">good, incomplete (a store could not be included: see <paramref name="Missing"/>) or failed.</param>
public sealed record BackupResponse(string Archive, DateTimeOffset CreatedAt, bool Good, long Bytes, double Seconds, IReadOnlyList<string> Databases, int Files, IReadOnlyList<string> Notes, IReadOnlyList<string> Problems, string Report,
    string State = "good", IReadOnlyList<string>? Missing = null, bool Encrypted = false);

public sealed record ArchiveResponse(string Archive, DateTimeOffset CreatedAt, bool Good, long Bytes, string State = "good", bool Encrypted = false);

public sealed record AdviceResponse(string Overall, long TotalBytes, int PeakActiveUsers, IReadOnlyList<ServiceAdviceResponse> Services, string Report);

public sealed record ServiceAdviceResponse(string Database, string Provider, string Recommendation, long SizeBytes, int PeakActiveUsers, double LockWaitShare, IReadOnlyList<string> Reasons);

/// <summary>Continuous backup's status as the command line prints it.</summary>
public sealed record ReplicationStatusResponse(string Report);
