namespace TalentLink.Platform;

/// <summary>Page parameters every list endpoint accepts: <c>?page=1&amp;pageSize=20</c> (1-based, 1–100).</summary>
public readonly record struct PageRequest(int? Page, int? PageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public int Number => Math.Max(1, Page ?? 1);
    public int Size => Math.Clamp(PageSize ?? DefaultPageSize, 1, MaxPageSize);
    public int Skip => (Number - 1) * Size;

    /// <summary>A validation message when the values are out of range, else null.</summary>
    public Dictionary<string, string[]>? Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Page is < 1) errors["page"] = ["page starts at 1."];
        if (PageSize is < 1 or > MaxPageSize) errors["pageSize"] = [$"pageSize must be between 1 and {MaxPageSize}."];
        return errors.Count == 0 ? null : errors;
    }
}

/// <summary>One page of results with the total count, so a client can show "page 3 of 12".</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, long TotalCount)
{
    public int TotalPages => PageSize == 0 ? 0 : (int)Math.Ceiling(TotalCount / (double)PageSize);
}
