using Microsoft.AspNetCore.Identity;

namespace TalentLink.Auth.Model;

/// <summary>What the account-deletion endpoints depend on, injected as one <c>[AsParameters]</c> argument.</summary>
public sealed class AccountDeletionServices(
    AuthContext context,
    AccountDeletions deletions,
    IPasswordHasher<User> hasher,
    ILogger<AccountDeletionServices> logger)
{
    public AuthContext Context { get; } = context;
    public AccountDeletions Deletions { get; } = deletions;
    public IPasswordHasher<User> Hasher { get; } = hasher;
    public ILogger<AccountDeletionServices> Logger { get; } = logger;
}
