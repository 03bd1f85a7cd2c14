using System.Text.Json;
using System.Text.Json.Serialization;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The one way an enum value travels over HTTP, in every service and every typed client: kebab-case
/// (<c>InReview</c> ⇄ <c>in-review</c>, <c>NoShow</c> ⇄ <c>no-show</c>). Written only in that form; read
/// forgivingly (any case, with or without '-', '_' or spaces, never a number) so a hand-typed
/// <c>inReview</c> or <c>In Review</c> still finds its value.
/// </summary>
public static class WireEnum
{
    /// <summary>The converter a JSON serializer uses for enum-typed properties.</summary>
    public static JsonStringEnumConverter Converter() => new(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false);

    /// <summary>Web defaults plus <see cref="Converter"/>: what a typed client reads another service's answers with.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web) { Converters = { Converter() } };

    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static IReadOnlyList<string> All<TEnum>() where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Select(Name).ToList();

    public static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var compact = string.Concat(text.Where(c => c is not (' ' or '-' or '_')));
        return compact.Length > 0 && compact.All(char.IsAsciiLetter)
            && Enum.TryParse(compact, ignoreCase: true, out value) && Enum.IsDefined(value);
    }

    /// <summary>"'a', 'b' or 'c'": the values for a validation message.</summary>
    public static string OneOf(IReadOnlyList<string> values) => values.Count switch
    {
        0 => "",
        1 => $"'{values[0]}'",
        _ => $"{string.Join(", ", values.SkipLast(1).Select(v => $"'{v}'"))} or '{values[^1]}'",
    };

    /// <summary>"'a', 'b' or 'c'" for every value of <typeparamref name="TEnum"/>.</summary>
    public static string OneOf<TEnum>() where TEnum : struct, Enum => OneOf(All<TEnum>());

    /// <summary>"a, b, c" for every value of <typeparamref name="TEnum"/>.</summary>
    public static string List<TEnum>() where TEnum : struct, Enum => string.Join(", ", All<TEnum>());
}
