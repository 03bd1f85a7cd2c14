using System.Text.Json;

namespace TalentLink.Profiles.Services;

/// <summary>Enum values on the wire are kebab-case (<c>RecruitersOnly</c> ⇄ <c>recruiters-only</c>).</summary>
public static class ApiNames
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static IReadOnlyList<string> All<TEnum>() where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Select(Of).ToList();

    public static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum
    {
        var name = text?.Trim().ToLowerInvariant();
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (Of(candidate) == name)
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>"Must be one of a, b or c." for a validation message.</summary>
    public static string OneOf(IReadOnlyList<string> values) =>
        $"must be one of {string.Join(", ", values.SkipLast(1).Select(v => $"'{v}'"))} or '{values[^1]}'";
}
