using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using TalentLink.Data;
using static TalentLink.Tests.Security.HostileInput;

namespace TalentLink.Tests.Security;

/// <summary>
/// The hostile-input corpus against every endpoint of every relational service, generated from the
/// endpoints each service maps: every answer is a 4xx problem (or, for values a field may legally
/// hold, a success), never a 5xx, never a stack trace or a type name, and refused requests write nothing.
/// </summary>
public abstract class HostileInputTests<TPlatform>(TPlatform platform) : IClassFixture<TPlatform> where TPlatform : InProcessPlatform
{
    private const string Placeholder = "__hostile_value__";
    private static readonly string[] Callers = [Roles.Candidate, Roles.Recruiter, Roles.Admin];

    [Fact]
    public async Task Malformed_bodies_are_refused_with_a_problem_by_every_endpoint_and_write_nothing()
    {
        foreach (var service in platform.Services)
        {
            var users = await UsersAsync(service);
            var before = await service.CountRowsAsync();
            foreach (var endpoint in service.Endpoints().Where(e => e.HasBody))
            {
                foreach (var (name, body) in MalformedBodies.Where(b => !(endpoint.BodyIsOptional && b.Case is "null body" or "empty body")))
                {
                    foreach (var user in users)
                    {
                        var response = await user.Client.SendAsync(new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url()) { Content = RawJson(body) });
                        await AssertRefusedAsync(response, $"{endpoint} as {user.Role} with {name}");
                    }
                }
            }

            Assert.Equal(before, await service.CountRowsAsync());
        }
    }

    [Fact]
    public async Task Wrongly_typed_fields_are_refused_with_a_problem_naming_the_field_and_write_nothing()
    {
        foreach (var service in platform.Services)
        {
            var users = await UsersAsync(service);
            var before = await service.CountRowsAsync();
            foreach (var endpoint in service.Endpoints().Where(e => e.HasBody))
            {
                foreach (var (property, wrongValue) in WrongTypedFields(endpoint))
                {
                    foreach (var user in users)
                    {
                        var response = await user.Client.SendAsync(new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url())
                        {
                            Content = Json($"{{\"{property}\":{wrongValue}}}"),
                        });
                        await AssertRefusedAsync(response, $"{endpoint} as {user.Role} with {property}={wrongValue}");
                    }
                }
            }

            Assert.Equal(before, await service.CountRowsAsync());
        }
    }

    [Fact]
    public async Task Hostile_strings_and_json_values_in_every_field_never_fail_a_service()
    {
        foreach (var service in platform.Services)
        {
            var users = await UsersAsync(service);
            foreach (var endpoint in service.Endpoints().Where(e => e.HasBody))
            {
                var baseBody = ValidBodies.For(endpoint);
                foreach (var property in RequestProperties(endpoint))
                {
                    var values = HostileStrings.Select(s => (s.Case, Json: JsonSerializer.Serialize(s.Value))).Concat(HostileJsonValues);
                    foreach (var (name, json) in values)
                    {
                        // Spliced in as text: the JSON APIs refuse to write some of these values (lone surrogates).
                        var body = baseBody.DeepClone();
                        body[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = Placeholder;
                        var text = body.ToJsonString().Replace($"\"{Placeholder}\"", json, StringComparison.Ordinal);
                        foreach (var user in users)
                        {
                            var response = await user.Client.SendAsync(new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url()) { Content = Json(text) });
                            await AssertHandledAsync(response, $"{endpoint} as {user.Role} with {property.Name} = {name}");
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public async Task Hostile_route_ids_and_query_strings_are_answered_with_a_problem_or_ignored()
    {
        foreach (var service in platform.Services)
        {
            var user = (await UsersAsync(service))[2];
            foreach (var endpoint in service.Endpoints())
            {
                foreach (var (name, value) in HostileUrlValues)
                {
                    // An encoded NUL in a path never reaches a service: Kestrel refuses it (and the test server cannot send it).
                    if (endpoint.Endpoint.RoutePattern.Parameters.Count > 0 && name != "encoded NUL")
                    {
                        var response = await user.Client.SendAsync(new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url(_ => value)) { Content = endpoint.EmptyBody() });
                        await AssertRefusedAsync(response, $"{endpoint} with {name} as route value");
                    }

                    if (endpoint.Method == "GET")
                    {
                        var query = string.Join("&", QueryNames.Select(q => $"{q}={value}"));
                        var response = await user.Client.GetAsync($"{endpoint.Url()}?{query}");
                        await AssertHandledAsync(response, $"{endpoint} with {name} in every query parameter");
                    }
                }
            }
        }
    }

    [Fact]
    public async Task Forged_expired_foreign_unsigned_and_wrong_key_tokens_are_unauthorized_everywhere()
    {
        foreach (var service in platform.Services)
        {
            var user = await service.SignInAsync(Roles.Candidate);
            var tokens = BadTokens.For(service, user);
            foreach (var endpoint in service.Endpoints().Where(e => !e.AllowsAnonymous))
            {
                foreach (var (name, token) in tokens)
                {
                    var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url()) { Content = endpoint.EmptyBody() };
                    request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                    var response = await service.Anonymous().SendAsync(request);
                    Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{endpoint} with a {name} token: {(int)response.StatusCode}");
                    await AssertRefusedAsync(response, $"{endpoint} with a {name} token");
                }
            }
        }
    }

    private async Task<IReadOnlyList<SignedInUser>> UsersAsync(ServiceUnderTest service) =>
        await Task.WhenAll(Callers.Select(service.SignInAsync));

    private static IEnumerable<PropertyInfo> RequestProperties(ApiEndpoint endpoint) =>
        endpoint.Endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is { } type && type != typeof(object)
            ? type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite || p.GetSetMethod(nonPublic: true) is not null || IsRecordParameter(type, p))
            : [];

    private static bool IsRecordParameter(Type type, PropertyInfo property) =>
        type.GetConstructors().Any(c => c.GetParameters().Any(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase)));

    /// <summary>For each field of the request type, a JSON value of a type it cannot hold.</summary>
    private static IEnumerable<(string Property, string Json)> WrongTypedFields(ApiEndpoint endpoint)
    {
        foreach (var property in RequestProperties(endpoint))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (type == typeof(string))
            {
                yield return (name, "{\"$gt\":\"\"}");
                yield return (name, "12345");
            }
            else if (type == typeof(Guid) || type == typeof(DateOnly) || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(TimeOnly))
            {
                yield return (name, "\"not-a-value\"");
                yield return (name, "{\"$ne\":null}");
            }
            else if (type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(bool))
            {
                yield return (name, "\"abc\"");
                yield return (name, "[1]");
            }
            else if (type.IsEnum)
            {
                yield return (name, "\"no-such-value\"");
                yield return (name, "{}");
            }
            else if (type != typeof(JsonElement) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
            {
                yield return (name, "\"not-a-list\"");
                yield return (name, "{\"$in\":[]}");
            }
            else if (type.IsClass)
            {
                yield return (name, "\"not-an-object\"");
                yield return (name, "[]");
            }
        }
    }
}

[Trait("Category", "integration")]
public sealed class SqliteHostileInputTests(SqlitePlatform platform) : HostileInputTests<SqlitePlatform>(platform);

[Trait("Category", "integration")]
public sealed class PostgresHostileInputTests(PostgresPlatform platform) : HostileInputTests<PostgresPlatform>(platform);
