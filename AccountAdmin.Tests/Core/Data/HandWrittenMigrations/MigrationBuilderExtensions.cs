using AccountAdmin.Core.Data;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AccountAdmin.Tests.Core.Data.HandWrittenMigrations;

internal static class MigrationBuilderExtensions
{
    /// <summary>The collation of sort-key columns: PostgreSQL's byte order; SQLite compares bytes already.</summary>
    public static string? OrdinalCollation(this MigrationBuilder migrationBuilder) =>
        migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL" ? AccountAdminDbContext.OrdinalCollation : null;
}
