namespace TalentLink.Auth.Model;

/// <summary>What the account-deletion endpoints depend on, injected as one <c>[AsParameters]</c> argument.</summary>
public sealed class AccountDeletionServices(
    AuthContext context,
    AccountDeletions deletions,
    PasswordHashing passwords,
    ILogger<AccountDeletionServices> logger)
{
    public AuthContext Context { get; } = context;
    public AccountDeletions Deletions { get; } = deletions;
    public PasswordHashing Passwords { get; } = passwords;
    public ILogger<AccountDeletionServices> Logger { get; } = logger;
}
