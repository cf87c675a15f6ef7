using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AccountAdmin.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class MembershipSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Search by any fragment of a name or e-mail through a trigram index (pg_trgm's GIN operator class serves
            // LIKE '%fragment%'), over the current memberships' name keys. EF's model can't describe it (the model is
            // shared with SQLite): MigrationSchemaTests checks it.
            migrationBuilder.Sql("""CREATE EXTENSION IF NOT EXISTS pg_trgm;""");
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Memberships_Current_Name_Trigram" ON "Memberships" USING gin ("NameKey" gin_trgm_ops) WHERE "EndedAt" IS NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_Memberships_Current_Name_Trigram";""");
        }
    }
}
