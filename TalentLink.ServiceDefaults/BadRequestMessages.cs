using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Turns a binding failure (a malformed body, a field of the wrong type, a query or route value that
/// does not parse, a missing parameter) into a message the client can act on: which field, and what
/// is wrong with it, with no .NET type or parameter declaration in it.
/// </summary>
public static partial class BadRequestMessages
{
    public static string Describe(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            var where = json.Path is { Length: > 1 } path ? $"'{path}'" : "the body";
            if (json is NulCharacterException)
            {
                return $"The value of {where} contains a NUL character, which is not allowed.";
            }

            return json.InnerException is null or InvalidOperationException or FormatException or OverflowException
                ? $"The value of {where} is not of the expected type or format."
                : $"The request body is not valid JSON (near {where}, line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1}).";
        }

        var message = exception.Message;
        if (FailedToBind().Match(message) is { Success: true } bind)
        {
            return $"The value given for '{Field(bind.Groups["name"].Value)}' is not valid.";
        }

        if (RequiredMissing().Match(message) is { Success: true } missing)
        {
            return $"'{Field(missing.Groups["name"].Value)}' is required ({missing.Groups["source"].Value}).";
        }

        if (BodyUnreadable().IsMatch(message))
        {
            return exception.InnerException is null ? "The request body is missing or empty." : "The request body could not be read.";
        }

        // Kestrel's own messages (body too large, bad headers, unsupported media type) hold no internals.
        return message;
    }

    /// <summary>
    /// The body field a JSON failure is about, as validation errors name it (<c>$.skills[0]</c> →
    /// <c>skills</c>), or null when it is about the body as a whole.
    /// </summary>
    public static string? Field(BadHttpRequestException exception) =>
        exception.InnerException is JsonException { Path: { Length: > 2 } path }
            ? TrailingIndex().Replace(path.TrimStart('$').TrimStart('.'), "") is { Length: > 0 } field ? field : null
            : null;

    private static string Field(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);

    [GeneratedRegex(@"\[\d+\]$")]
    private static partial Regex TrailingIndex();

    [GeneratedRegex("^Failed to bind parameter \".*? (?<name>[^ \"]+)\" from \"", RegexOptions.Singleline)]
    private static partial Regex FailedToBind();

    [GeneratedRegex("^Required parameter \".*? (?<name>[^ \"]+)\" was not provided from (?<source>.+?)\\.?$", RegexOptions.Singleline)]
    private static partial Regex RequiredMissing();

    [GeneratedRegex("^(Failed to read parameter|Implicit body inferred|Required parameter .* was not provided from the request body)", RegexOptions.Singleline)]
    private static partial Regex BodyUnreadable();
}
