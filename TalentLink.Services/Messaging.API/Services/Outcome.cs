namespace TalentLink.Messaging.Services;

public enum Failure
{
    None,
    Invalid,
    NotFound,
    Forbidden,
    Unavailable,
}

/// <summary>The result of a messaging operation: a value, or why not (mapped to ProblemDetails over REST, a HubException over SignalR).</summary>
public readonly record struct Outcome<T>(T? Value, Failure Failure, string? Title, string? Detail, string? Field)
{
    public bool Succeeded => Failure == Failure.None;

    public static Outcome<T> Ok(T value) => new(value, Failure.None, null, null, null);

    public static Outcome<T> Fail(Failure failure, string title, string detail, string? field = null) => new(default, failure, title, detail, field);

    public static Outcome<T> Invalid(string field, string detail) => Fail(Failure.Invalid, "The request is invalid.", detail, field);

    public Outcome<TOther> As<TOther>() => new(default, Failure, Title, Detail, Field);
}
