using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AccountAdmin.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class UserSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every user by any fragment of their name or e-mail, through pg_trgm's GIN index, as for the memberships.
            // EF's model can't describe it (the model is shared with SQLite): MigrationSchemaTests checks it.
            migrationBuilder.Sql("""CREATE EXTENSION IF NOT EXISTS pg_trgm;""");
            migrationBuilder.Sql("""
                CREATE INDEX "IX_AspNetUsers_Name_Trigram" ON "AspNetUsers" USING gin ("NameKey" gin_trgm_ops);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_AspNetUsers_Name_Trigram";""");
        }
    }
}
