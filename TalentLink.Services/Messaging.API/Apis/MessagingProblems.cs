using TalentLink.Messaging.Services;

namespace TalentLink.Messaging.Apis;

/// <summary>The precise ProblemDetails the Messaging endpoints answer with.</summary>
internal static class MessagingProblems
{
    public static ValidationProblem Invalid(IEnumerable<KeyValuePair<string, string[]>> errors) => Problems.Invalid(errors);

    /// <summary>
    /// A failed outcome as ProblemDetails: 400 naming the field for bad input (the validation-problem
    /// shape, with <c>errors</c>), else 403, 404 or 503.
    /// </summary>
    public static ProblemHttpResult From<T>(Outcome<T> outcome) => outcome.Failure switch
    {
        Failure.Invalid => TypedResults.Problem(outcome.Detail, title: outcome.Title, statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [outcome.Field ?? "request"] = [outcome.Detail!] } }),
        _ => TypedResults.Problem(outcome.Detail, title: outcome.Title, statusCode: outcome.Failure switch
        {
            Failure.NotFound => StatusCodes.Status404NotFound,
            Failure.Forbidden => StatusCodes.Status403Forbidden,
            Failure.Unavailable => StatusCodes.Status503ServiceUnavailable,
            _ => throw new InvalidOperationException($"{outcome.Failure} is not a failure."),
        }),
    };
}
