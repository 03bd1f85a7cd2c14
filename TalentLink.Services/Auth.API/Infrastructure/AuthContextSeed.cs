using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace TalentLink.Auth.Infrastructure;

/// <summary>
/// Runs after migrations: the configured bootstrap admin exists. (The signing keys are created and
/// loaded by <see cref="SigningKeyRotationJob"/>, which needs the protection secret.)
/// </summary>
public static class AuthContextSeed
{
    public static async Task SeedAsync(AuthContext context, IServiceProvider services)
    {
        var time = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILogger<AuthContext>>();

        var admin = services.GetRequiredService<IOptions<AuthOptions>>().Value.BootstrapAdmin;
        if (string.IsNullOrWhiteSpace(admin.Email) || string.IsNullOrWhiteSpace(admin.Password))
        {
            return;
        }

        var email = Credentials.NormalizeEmail(admin.Email);
        if (await context.Users.AnyAsync(u => u.Email == email))
        {
            return;
        }

        var user = new User { Email = email, PasswordHash = "", Role = Roles.Admin, CreatedAt = time.GetUtcNow() };
        user.PasswordHash = services.GetRequiredService<IPasswordHasher<User>>().HashPassword(user, admin.Password);
        context.Users.Add(user);
        await context.SaveChangesAsync();
        logger.LogInformation("Created the bootstrap admin account {Email}", email);
    }
}
