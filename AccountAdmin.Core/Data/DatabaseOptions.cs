using System.ComponentModel.DataAnnotations;

namespace AccountAdmin.Core.Data;

public enum DatabaseProvider
{
    Sqlite = 1,
    PostgreSql = 2,
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    [EnumDataType(typeof(DatabaseProvider), ErrorMessage = "Database:Provider must be Sqlite or PostgreSql.")]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Defaults to a SQLite file in App_Data.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Database:ConnectionString is required.")]
    public string ConnectionString { get; set; } = "Data Source=App_Data/accountadmin.db";

    /// <summary>
    /// How much of a SQLite file each connection maps into memory (see <see cref="SqliteMemoryMap"/>); 0 turns mapping off.
    /// The SQLite that Microsoft.Data.Sqlite ships maps at most 2 GB; the rest of a bigger file is read as before.
    /// </summary>
    [Range(0, 2_047, ErrorMessage = "Database:SqliteMemoryMapMegabytes must be between 0 and 2047.")]
    public int SqliteMemoryMapMegabytes { get; set; } = 2_047;

    /// <summary>Apply pending migrations when the portal starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
