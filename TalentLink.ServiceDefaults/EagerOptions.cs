using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Options that registration code must read before the host is built (the gateway's routes, the
/// messaging store, the database provider's settings) are validated then, by the same validators
/// <c>ValidateOnStart</c> runs later, so a bad setting stops the service with its name instead of
/// being used unchecked while services are registered. One source file, compiled into the service
/// defaults (public, for the services) and into the data library (internal there, for the database
/// settings: the two libraries do not reference each other).
/// </summary>
#if EAGER_OPTIONS_INTERNAL
internal
#else
public
#endif
static class EagerOptions
{
    /// <summary>
    /// Binds <paramref name="section"/> now and runs every validator registered on
    /// <paramref name="options"/> so far (<c>ValidateDataAnnotations</c>, <c>Validate(...)</c>); call it
    /// after them.
    /// </summary>
    /// <exception cref="OptionsValidationException">A rule fails; each failure names the section.</exception>
    public static TOptions ValidateNow<TOptions>(this OptionsBuilder<TOptions> options, IConfiguration configuration, string section)
        where TOptions : class, new()
    {
        var value = configuration.GetSection(section).Get<TOptions>() ?? new TOptions();
        var failures = options.Services
            .Where(d => d.ServiceType == typeof(IValidateOptions<TOptions>) && !d.IsKeyedService)
            .Select(d => d.ImplementationInstance)
            .OfType<IValidateOptions<TOptions>>()
            .Select(validator => validator.Validate(options.Name, value))
            .Where(result => result.Failed)
            .SelectMany(result => result.Failures ?? [])
            .Select(failure => $"{section} settings: {failure}")
            .ToList();
        return failures.Count == 0 ? value : throw new OptionsValidationException(section, typeof(TOptions), failures);
    }
}
