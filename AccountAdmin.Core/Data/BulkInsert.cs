using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace AccountAdmin.Core.Data;

/// <summary>
/// Inserts many entities of one type with one statement, whatever their number: the rows travel as one JSON
/// parameter that the database unpacks itself (<c>json_each</c> on SQLite, <c>jsonb_array_elements</c> on
/// PostgreSQL), through EF so that it is logged and intercepted like any other. Values are converted with EF's own converters and written in the form EF stores them, so EF reads
/// the rows back as if it had saved them. The entities are not tracked.
/// </summary>
internal static class BulkInsert
{
    public static async Task InsertAsync<T>(this AccountAdminDbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T)} is not an entity.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var properties = entityType.GetProperties().ToList();
        if (properties.FirstOrDefault(p => p.IsShadowProperty()) is { } shadow)
        {
            throw new NotSupportedException($"{typeof(T).Name}.{shadow.Name} is a shadow property; bulk inserts need every value on the entity.");
        }

        var postgres = db.Database.IsNpgsql();
        var json = Rows(rows, properties, postgres);
        var columns = string.Join(", ", properties.Select(p => Quote(p.GetColumnName(table)!)));
        var values = string.Join(", ", properties.Select((p, i) => postgres ? PostgresValue(p, table, i) : $"value ->> {i}"));
        var source = postgres ? "jsonb_array_elements({0}::jsonb) AS r" : "json_each({0})";
        // Only names from the model are spliced in; every value travels in the one parameter.
        var sql = "INSERT INTO " + Quote(table.Name) + " (" + columns + ") SELECT " + values + " FROM " + source;
        await db.Database.ExecuteSqlRawAsync(sql, [json], cancellationToken);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    private static string PostgresValue(IProperty property, StoreObjectIdentifier table, int index)
    {
        var providerType = ProviderType(property);
        return providerType == typeof(string) ? $"r ->> {index}" : $"(r ->> {index})::{property.GetColumnType(table)}";
    }

    private static Type ProviderType(IProperty property)
    {
        var mapping = property.GetRelationalTypeMapping();
        return Nullable.GetUnderlyingType(mapping.Converter?.ProviderClrType ?? mapping.ClrType) ?? mapping.Converter?.ProviderClrType ?? mapping.ClrType;
    }

    private static string Rows<T>(IEnumerable<T> rows, IReadOnlyList<IProperty> properties, bool postgres)
    {
        var getters = properties.Select(p => (Getter: p.GetGetter(), Converter: p.GetRelationalTypeMapping().Converter)).ToArray();
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var row in rows)
            {
                writer.WriteStartArray();
                foreach (var (getter, converter) in getters)
                {
                    var value = getter.GetClrValue(row!);
                    Write(writer, value is null || converter is null ? value : converter.ConvertToProvider(value), postgres);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A provider value as the engine stores it: SQLite keeps Guids upper-case and dates as sortable text.</summary>
    private static void Write(Utf8JsonWriter writer, object? value, bool postgres)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag when postgres:
                writer.WriteStringValue(flag ? "true" : "false");
                break;
            case bool flag:
                writer.WriteNumberValue(flag ? 1 : 0);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case Guid id:
                writer.WriteStringValue(postgres ? id.ToString() : id.ToString().ToUpperInvariant());
                break;
            case DateTime at when postgres:
                writer.WriteStringValue(DateTime.SpecifyKind(at, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
                break;
            case DateTime at:
                writer.WriteStringValue(at.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset at when postgres:
                writer.WriteStringValue(at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset at:
                writer.WriteStringValue(at.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture));
                break;
            default:
                throw new NotSupportedException($"Bulk inserts don't write {value.GetType().Name} values.");
        }
    }
}
