using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Rules every JSON request body follows, whatever the endpoint: no string may hold a NUL character,
/// and enum values are kebab-case (<see cref="WireEnum"/>).
/// PostgreSQL cannot store one in text (the insert fails), SQLite stores it and C strings truncate at
/// it, and no legitimate form field contains one; refusing it at the door keeps both providers alike.
/// </summary>
public static class JsonInputExtensions
{
    public static TBuilder AddDefaultJsonInput<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new NulFreeStringConverter());
            options.SerializerOptions.Converters.Add(WireEnum.Converter());
        });
        return builder;
    }
}

/// <summary>Reads strings as usual but refuses one that contains U+0000.</summary>
public sealed class NulFreeStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        return value is not null && value.Contains('\0') ? throw new NulCharacterException() : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>A JSON string held a NUL character.</summary>
public sealed class NulCharacterException() : JsonException("A text value contains a NUL character, which is not allowed.");
