using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AccountAdmin.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MembershipSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Search by any fragment of a name or e-mail through a trigram index (FTS5, in the SQLite that
            // Microsoft.Data.Sqlite ships), over the memberships' name keys; the triggers keep it in step with every
            // change in the change's own transaction. EF's model can't describe these: MigrationSchemaTests checks them.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "MembershipSearch" USING fts5("NameKey", content='Memberships', content_rowid='rowid', tokenize='trigram');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Memberships_Search_Insert" AFTER INSERT ON "Memberships" BEGIN
                    INSERT INTO "MembershipSearch" (rowid, "NameKey") VALUES (new.rowid, new."NameKey");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Memberships_Search_Delete" AFTER DELETE ON "Memberships" BEGIN
                    INSERT INTO "MembershipSearch" ("MembershipSearch", rowid, "NameKey") VALUES ('delete', old.rowid, old."NameKey");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Memberships_Search_Update" AFTER UPDATE OF "NameKey" ON "Memberships" BEGIN
                    INSERT INTO "MembershipSearch" ("MembershipSearch", rowid, "NameKey") VALUES ('delete', old.rowid, old."NameKey");
                    INSERT INTO "MembershipSearch" (rowid, "NameKey") VALUES (new.rowid, new."NameKey");
                END;
                """);
            migrationBuilder.Sql("""INSERT INTO "MembershipSearch" ("MembershipSearch") VALUES ('rebuild');""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "Memberships_Search_Update";""");
            migrationBuilder.Sql("""DROP TRIGGER "Memberships_Search_Delete";""");
            migrationBuilder.Sql("""DROP TRIGGER "Memberships_Search_Insert";""");
            migrationBuilder.Sql("""DROP TABLE "MembershipSearch";""");
        }
    }
}
