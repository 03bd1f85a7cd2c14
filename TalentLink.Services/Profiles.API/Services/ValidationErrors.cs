namespace TalentLink.Profiles.Services;

/// <summary>Collects field errors for a <c>ValidationProblem</c>, and checks the usual text rules.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool IsEmpty => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>Cleans <paramref name="value"/> (see <see cref="TextNormalization.Clean"/>) and checks presence and length.</summary>
    public string? Text(string field, string? value, int maxLength, bool required = false, bool multiline = false)
    {
        var text = multiline ? (string.IsNullOrWhiteSpace(value) ? null : value.Trim()) : TextNormalization.Clean(value);
        if (text is null)
        {
            if (required)
            {
                Add(field, $"{field} is required.");
            }

            return null;
        }

        if (text.Length > maxLength)
        {
            Add(field, $"{field} must be at most {maxLength} characters; it has {text.Length}.");
        }

        if (text.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')))
        {
            Add(field, $"{field} contains control characters.");
        }

        return text;
    }

    public void Period(string field, DateOnly? start, DateOnly? end)
    {
        if (start is null)
        {
            Add($"{field}.startDate", $"{field}.startDate is required.");
        }
        else if (end is { } until && until < start)
        {
            Add($"{field}.endDate", $"{field}.endDate ({until:yyyy-MM-dd}) is before its startDate ({start:yyyy-MM-dd}).");
        }
    }

    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
