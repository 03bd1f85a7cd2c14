using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace TalentLink.Auth.Infrastructure;

/// <summary>Runs after migrations: a signing key exists, and the configured bootstrap admin exists.</summary>
public static class AuthContextSeed
{
    public static async Task SeedAsync(AuthContext context, IServiceProvider services)
    {
        var time = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILogger<AuthContext>>();

        if (!await context.SigningKeys.AnyAsync())
        {
            context.SigningKeys.Add(SigningKeyStore.CreateKey(time.GetUtcNow()));
            await context.SaveChangesAsync();
            logger.LogInformation("Created a new token signing key");
        }

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
