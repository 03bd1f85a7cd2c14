using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TalentLink.ServiceDefaults;

/// <summary>
/// The shapes every service's <c>XxxProblems</c> factory builds its answers from: a status, a short
/// title and a detail that says what to do. (ProblemDetailsExtensions adds the instance and trace id.)
/// </summary>
public static class Problems
{
    public static ProblemHttpResult Unauthorized(string title, string detail) => Status(StatusCodes.Status401Unauthorized, title, detail);

    public static ProblemHttpResult Forbidden(string title, string detail) => Status(StatusCodes.Status403Forbidden, title, detail);

    public static ProblemHttpResult NotFound(string title, string detail) => Status(StatusCodes.Status404NotFound, title, detail);

    public static ProblemHttpResult Conflict(string title, string? detail) => Status(StatusCodes.Status409Conflict, title, detail);

    public static ProblemHttpResult Unprocessable(string title, string detail) => Status(StatusCodes.Status422UnprocessableEntity, title, detail);

    /// <summary>Field errors: 400 with <c>errors</c> naming each field and what is wrong with it.</summary>
    public static ValidationProblem Invalid(IEnumerable<KeyValuePair<string, string[]>> errors, string? title = null) =>
        TypedResults.ValidationProblem(errors, title: title);

    public static ValidationProblem Invalid(string field, string message, string? title = null) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] }, title);

    public static ProblemHttpResult Status(int statusCode, string title, string? detail) =>
        TypedResults.Problem(detail, statusCode: statusCode, title: title);
}
