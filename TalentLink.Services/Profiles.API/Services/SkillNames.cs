namespace TalentLink.Profiles.Services;

/// <summary>
/// Skills are stored normalised (<c>"  Machine   Learning "</c> → <c>"machine learning"</c>) and
/// de-duplicated, so a search for <c>C#</c> finds a candidate who typed <c>c#</c>.
/// </summary>
public static class SkillNames
{
    public const int MaxLength = 50;
    public const int MaxPerProfile = 50;
    public const int MaxPerSearch = 10;

    /// <summary>Normalises a list of skills; <paramref name="error"/> says what was wrong, if anything.</summary>
    public static IReadOnlyList<string> Normalize(IEnumerable<string?> skills, int maxCount, out string? error)
    {
        var result = new List<string>();
        var position = 0;
        foreach (var raw in skills)
        {
            position++;
            var skill = TextNormalization.SearchKey(raw);
            if (skill is null)
            {
                error = $"Skill #{position} is empty.";
                return [];
            }

            if (skill.Length > MaxLength)
            {
                error = $"Skill #{position} is longer than {MaxLength} characters.";
                return [];
            }

            if (TextNormalization.HasControlCharacters(skill))
            {
                error = $"Skill #{position} contains control characters.";
                return [];
            }

            if (!result.Contains(skill, StringComparer.Ordinal))
            {
                result.Add(skill);
            }
        }

        error = result.Count > maxCount ? $"At most {maxCount} distinct skills are allowed; {result.Count} were given." : null;
        return error is null ? result : [];
    }
}
