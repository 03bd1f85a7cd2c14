using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace TalentLink.Operations.Migration;

/// <summary>
/// Compiled per-column readers and writers built from the EF models of both provider contexts, so
/// every value goes through the same conversions the services use: SQLite's provider value (TEXT
/// dates, TEXT Guids, INTEGER booleans) is read with the SQLite mapping's reader method and value
/// converter into the model's CLR value, then written with the PostgreSQL mapping's converter as
/// its provider type (timestamptz, uuid, boolean, …).
/// <para>
/// Plain text columns — most of the bytes — skip all of that: SQLite hands out their UTF-8 bytes,
/// which go into the COPY unchanged (binary COPY's text format is exactly those bytes) and into the
/// checksum, so no value is decoded to UTF-16 and encoded back. The read-back selects them with
/// <c>convert_to(…, 'UTF8')</c> to compare the same bytes.
/// </para>
/// </summary>
public static class ColumnAccessors
{
    private static readonly string[] TextStoreTypes = ["text", "character varying", "varchar", "character", "char"];

    /// <summary>
    /// A plain text column (SQLite TEXT, PostgreSQL text/varchar/char, no value converter): its UTF-8
    /// bytes are copied untouched. Anything else (jsonb, citext, converted values) takes the typed path.
    /// </summary>
    public static bool IsRawText(IColumnBase column)
    {
        var mapping = TypeMappingOf(column);
        var storeType = mapping.StoreType.Split('(')[0].Trim();
        return mapping.Converter is null
            && mapping.ClrType == typeof(string)
            && TextStoreTypes.Contains(storeType, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The select-list expression the verification reads a PostgreSQL column with.</summary>
    public static string PostgresSelectExpression(IColumnBase column, string quotedName) =>
        IsRawText(column) ? $"convert_to({quotedName}, 'UTF8')" : quotedName;

    private static readonly MethodInfo IsDbNull = typeof(DbDataReader).GetMethod(nameof(DbDataReader.IsDBNull), [typeof(int)])!;

    private static readonly MethodInfo WriteValue = typeof(NpgsqlBinaryImporter).GetMethods()
        .Single(m => m is { Name: nameof(NpgsqlBinaryImporter.Write), IsGenericMethodDefinition: true } && m.GetParameters().Length == 1);

    /// <summary>Reads column <paramref name="ordinal"/> as the model's CLR value (boxed; raw text as UTF-8 bytes), or null.</summary>
    public static Func<DbDataReader, object?> Reader(IColumnBase column, int ordinal)
    {
        if (IsRawText(column))
        {
            return reader => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<byte[]>(ordinal);
        }

        var mapping = TypeMappingOf(column);
        var reader = Expression.Parameter(typeof(DbDataReader), "reader");
        var method = mapping.GetDataReaderMethod();
        Expression value = Expression.Call(Expression.Convert(reader, method.DeclaringType!), method, Expression.Constant(ordinal));
        if (mapping.Converter is { } converter)
        {
            value = Invoke(converter.ConvertFromProviderExpression, value);
        }

        var body = Expression.Condition(
            Expression.Call(reader, IsDbNull, Expression.Constant(ordinal)),
            Expression.Constant(null, typeof(object)),
            Expression.Convert(value, typeof(object)));
        return Expression.Lambda<Func<DbDataReader, object?>>(body, reader).Compile();
    }

    /// <summary>Writes a model CLR value (boxed) into the current row of a binary COPY.</summary>
    public static Action<NpgsqlBinaryImporter, object?> Writer(IColumnBase column)
    {
        if (IsRawText(column))
        {
            // Sent as bytes; the server reads them with the column's own text input (and checks them).
            return (importer, value) =>
            {
                if (value is null)
                {
                    importer.WriteNull();
                }
                else
                {
                    importer.Write((byte[])value, NpgsqlTypes.NpgsqlDbType.Bytea);
                }
            };
        }

        var mapping = TypeMappingOf(column);
        var importer = Expression.Parameter(typeof(NpgsqlBinaryImporter), "importer");
        var boxed = Expression.Parameter(typeof(object), "value");
        var modelType = mapping.Converter?.ModelClrType ?? mapping.ClrType;
        Expression value = Expression.Convert(boxed, modelType);
        if (mapping.Converter is { } converter)
        {
            value = Invoke(converter.ConvertToProviderExpression, value);
        }

        var body = Expression.Condition(
            Expression.Equal(boxed, Expression.Constant(null)),
            Expression.Call(importer, nameof(NpgsqlBinaryImporter.WriteNull), Type.EmptyTypes),
            Expression.Call(importer, WriteValue.MakeGenericMethod(value.Type), value));
        return Expression.Lambda<Action<NpgsqlBinaryImporter, object?>>(body, importer, boxed).Compile();
    }

    private static RelationalTypeMapping TypeMappingOf(IColumnBase column) =>
        column.PropertyMappings.First().TypeMapping;

    private static Expression Invoke(LambdaExpression conversion, Expression argument)
    {
        var parameter = conversion.Parameters[0];
        if (argument.Type != parameter.Type)
        {
            argument = Expression.Convert(argument, parameter.Type);
        }

        return Expression.Invoke(conversion, argument);
    }
}
