using System.Net.Mail;

namespace TalentLink.Auth.Services;

/// <summary>What makes an email address and a password acceptable.</summary>
public static class Credentials
{
    public const int MinPasswordLength = 10;
    public const int MaxPasswordLength = 128;
    public const int MaxEmailLength = 254;

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public static string? ValidateEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return "Email is required.";
        }

        var trimmed = email.Trim();
        if (trimmed.Length > MaxEmailLength)
        {
            return $"Email must be at most {MaxEmailLength} characters.";
        }

        var at = trimmed.IndexOf('@');
        var valid = at > 0
            && at == trimmed.LastIndexOf('@')
            && trimmed.IndexOf('.', at) > at + 1
            && !trimmed.EndsWith('.')
            && !trimmed.Any(char.IsWhiteSpace)
            && MailAddress.TryCreate(trimmed, out var parsed)
            && parsed.Address == trimmed;
        return valid ? null : "Email is not a valid address.";
    }

    public static string? ValidatePassword(string? password, string? email = null)
    {
        if (string.IsNullOrEmpty(password))
        {
            return "Password is required.";
        }

        if (password.Length < MinPasswordLength)
        {
            return $"Password must be at least {MinPasswordLength} characters.";
        }

        if (password.Length > MaxPasswordLength)
        {
            return $"Password must be at most {MaxPasswordLength} characters.";
        }

        if (!password.Any(char.IsLetter) || password.All(char.IsLetter))
        {
            return "Password must mix letters with digits or symbols.";
        }

        if (password.Distinct().Count() < 5)
        {
            return "Password is too repetitive.";
        }

        if (email is not null && password.Contains(email.Split('@')[0], StringComparison.OrdinalIgnoreCase))
        {
            return "Password must not contain the email address.";
        }

        return null;
    }
}
