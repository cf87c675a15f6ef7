namespace AccountAdmin.Core.Data;

public enum DatabaseProvider
{
    Sqlite = 1,
    PostgreSql = 2,
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Defaults to a SQLite file in App_Data.</summary>
    public string ConnectionString { get; set; } = "Data Source=App_Data/accountadmin.db";

    /// <summary>Apply pending migrations when the portal starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
