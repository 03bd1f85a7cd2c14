namespace TalentLink.Audit.Apis;

/// <summary>The precise ProblemDetails the Audit endpoints answer with.</summary>
internal static class AuditProblems
{
    public static ValidationProblem Invalid(IEnumerable<KeyValuePair<string, string[]>> errors) => Problems.Invalid(errors);
}
