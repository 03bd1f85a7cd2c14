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
/// </summary>
public static class ColumnAccessors
{
    private static readonly MethodInfo IsDbNull = typeof(DbDataReader).GetMethod(nameof(DbDataReader.IsDBNull), [typeof(int)])!;

    private static readonly MethodInfo WriteValue = typeof(NpgsqlBinaryImporter).GetMethods()
        .Single(m => m is { Name: nameof(NpgsqlBinaryImporter.Write), IsGenericMethodDefinition: true } && m.GetParameters().Length == 1);

    /// <summary>Reads column <paramref name="ordinal"/> as the model's CLR value (boxed), or null.</summary>
    public static Func<DbDataReader, object?> Reader(IColumnBase column, int ordinal)
    {
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
