using Microsoft.Extensions.Options;

namespace TalentLink.Auth.Model;

/// <summary>What the Auth endpoints depend on, injected as one <c>[AsParameters]</c> argument.</summary>
public sealed class AuthServices(
    AuthContext context,
    TokenService tokens,
    RevocationPublisher revocations,
    PasswordHashing passwords,
    SignInBackoff backoff,
    IOptions<AuthOptions> options,
    TimeProvider time,
    ILogger<AuthServices> logger)
{
    public AuthContext Context { get; } = context;
    public TokenService Tokens { get; } = tokens;
    public RevocationPublisher Revocations { get; } = revocations;
    public PasswordHashing Passwords { get; } = passwords;
    public SignInBackoff Backoff { get; } = backoff;
    public IOptions<AuthOptions> Options { get; } = options;
    public TimeProvider Time { get; } = time;
    public ILogger<AuthServices> Logger { get; } = logger;
}
